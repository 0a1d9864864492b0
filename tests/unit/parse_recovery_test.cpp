// What the parser gives an editor while a file is half typed: the items no syntax error is in
// (with keep_intact_items), never anything from a broken item; and the plain tokens of any text.
#include <gtest/gtest.h>

#include "parser/parse.h"
#include "parser/tokens.h"

namespace recallguard::parser {
namespace {

const std::string kPackage = "package test.recovery {\n  title \"Recovery\"\n}\n\n";

std::string rule(const std::string& id, const std::string& body = "  violation when c.opened_on < as_of\n") {
    return "rule " + id + " {\n  title \"" + id + "\"\n  for c in defect_cases\n" + body + "}\n\n";
}

std::vector<std::string> rule_ids(const std::string& text, bool keep_intact_items) {
    DiagnosticBag diagnostics;
    ParseOptions options;
    options.keep_intact_items = keep_intact_items;
    const auto file = parse_rule_file("t.rules", text, diagnostics, options);
    EXPECT_TRUE(diagnostics.has_errors());
    std::vector<std::string> ids;
    for (const auto& r : file.rules) ids.push_back(r.id);
    return ids;
}

TEST(ParseRecovery, ABrokenRuleIsLeftOutAndTheOthersAreKept) {
    const std::string text =
        kPackage + rule("T-ONE") + rule("T-TWO", "  let x = c.\n  violation when x < as_of\n") + rule("T-THREE");
    EXPECT_EQ(rule_ids(text, true), (std::vector<std::string>{"T-ONE", "T-THREE"}));
    EXPECT_TRUE(rule_ids(text, false).empty());  // the default: nothing from a file that does not parse
}

TEST(ParseRecovery, AMissingClosingBraceBreaksOnlyItsOwnRule) {
    std::string two = rule("T-TWO");
    two.erase(two.rfind('}'), 1);
    EXPECT_EQ(rule_ids(kPackage + rule("T-ONE") + two + rule("T-THREE"), true),
              (std::vector<std::string>{"T-ONE", "T-THREE"}));
}

TEST(ParseRecovery, IntactRulesKeepTheirPackage) {
    DiagnosticBag diagnostics;
    ParseOptions options;
    options.keep_intact_items = true;
    const auto file = parse_rule_file("t.rules", kPackage + rule("T-ONE", "  violation when (\n") + rule("T-TWO"),
                                      diagnostics, options);
    ASSERT_EQ(file.rules.size(), 1u);
    EXPECT_EQ(file.rules[0].id, "T-TWO");
    ASSERT_EQ(file.packages.size(), 1u);
    EXPECT_EQ(file.rules[0].package_index, 0);
}

TEST(Tokens, TextBecomesPlainTokensWithCharacterColumns) {
    const auto tokens = tokenize_rule_text("rule X-ONE { // 注\n  message \"案件\" c.product. 2024-01-02 \"open\n");
    std::vector<std::string> kinds;
    for (const auto& t : tokens)
        kinds.push_back(t.text + "@" + std::to_string(t.line) + ":" + std::to_string(t.column));
    EXPECT_EQ(kinds, (std::vector<std::string>{"rule@1:1", "X-ONE@1:6", "{@1:12", "// 注@1:14", "message@2:3",
                                               "\"案件\"@2:11", "c@2:16", ".@2:17", "product@2:18", ".@2:25",
                                               "2024-01-02@2:27", "\"@2:38", "open@2:39"}));
    EXPECT_EQ(tokens[0].kind, Token::Kind::Keyword);
    EXPECT_EQ(tokens[1].kind, Token::Kind::RuleId);
    EXPECT_EQ(tokens[3].kind, Token::Kind::Comment);
    EXPECT_EQ(tokens[5].kind, Token::Kind::String);
    EXPECT_EQ(tokens[5].length, 4);
    EXPECT_EQ(tokens[10].kind, Token::Kind::Date);
    EXPECT_EQ(tokens[11].kind, Token::Kind::Unknown);  // an unterminated string's quote
    EXPECT_TRUE(tokenize_rule_text("rule \xff").empty());
}

TEST(Tokens, TheKeywordsAreTheLexersIncludingPluralUnits) {
    const auto keywords = rule_keywords();
    for (const char* word : {"package", "rule", "deadline", "within", "working", "day", "days", "months", "as_of"})
        EXPECT_NE(std::find(keywords.begin(), keywords.end(), word), keywords.end()) << word;
    EXPECT_EQ(std::find(keywords.begin(), keywords.end(), "("), keywords.end());
}

}  // namespace
}  // namespace recallguard::parser
