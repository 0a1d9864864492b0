// Nesting and operator-chain limits of the rule parser: past them a rule file is an E-PARSE
// diagnostic at the token that crossed the limit, not a stack overflow; up to them it parses.
#include <gtest/gtest.h>

#include "parser/parse.h"

namespace recallguard {
namespace {

std::string rule_with_condition(const std::string& condition) {
    return "package t {\n  title \"t\"\n}\nrule T-1 {\n  for p in products\n  signal when " + condition +
           "\n  message \"m\"\n}\n";
}

std::string repeat(const std::string& text, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += text;
    return out;
}

std::string join_terms(const std::string& term, const std::string& op, int n) {
    std::string out = term;
    for (int i = 1; i < n; ++i) out += op + term;
    return out;
}

TEST(ParseLimits, DeepNestingIsADiagnostic) {
    for (const auto& condition : {repeat("(", 20000) + "1" + repeat(")", 20000) + " = 1",
                                  repeat("not ", 20000) + "true", repeat("- ", 20000) + "1 > 0"}) {
        DiagnosticBag diagnostics;
        const auto file = parser::parse_rule_file("deep.rules", rule_with_condition(condition), diagnostics);
        ASSERT_TRUE(diagnostics.has_errors());
        const auto first = diagnostics.sorted().front();
        EXPECT_EQ(first.code, "E-PARSE");
        EXPECT_NE(first.message.find("nest deeper than 200 levels"), std::string::npos) << first.message;
        EXPECT_EQ(first.location.line, 6);
        EXPECT_TRUE(file.rules.empty());
    }
}

TEST(ParseLimits, LongOperatorChainsAreADiagnostic) {
    DiagnosticBag diagnostics;
    parser::parse_rule_file("chain.rules", rule_with_condition(join_terms("1", " + ", 50000) + " > 0"), diagnostics);
    ASSERT_TRUE(diagnostics.has_errors());
    EXPECT_NE(diagnostics.sorted().front().message.find("more than 500 operators"), std::string::npos);
}

TEST(ParseLimits, RulesUpToTheLimitsParse) {
    for (const auto& condition :
         {repeat("(", 190) + "1" + repeat(")", 190) + " = 1", join_terms("1 > 0", " and ", 240)}) {
        DiagnosticBag diagnostics;
        const auto file = parser::parse_rule_file("ok.rules", rule_with_condition(condition), diagnostics);
        EXPECT_FALSE(diagnostics.has_errors());
        EXPECT_EQ(file.rules.size(), 1u);
    }
}

TEST(ParseLimits, MalformedUtf8IsAnEncodingDiagnosticNotAnException) {
    // Overlong NUL, a code point past U+10FFFF, a lone continuation byte: the ANTLR runtime used to
    // throw std::range_error on these (exit 3 from `lint`).
    for (const std::string bad : {"\xC0\x80", "\xF4\x90\x80\x80", "\x80"}) {
        DiagnosticBag diagnostics;
        const std::string text = "package t {\n  title \"a " + bad + "\"\n}\n";
        EXPECT_NO_THROW(parser::parse_rule_file("bad.rules", text, diagnostics));
        ASSERT_TRUE(diagnostics.has_errors());
        const auto first = diagnostics.sorted().front();
        EXPECT_EQ(first.code, "E-ENCODING");
        EXPECT_EQ(first.location.line, 2);
        EXPECT_EQ(first.location.column, 12);
    }
}

}  // namespace
}  // namespace recallguard
