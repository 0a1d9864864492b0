// The formatter: canonical layout, comments kept, round trip parse -> fmt -> parse to the same
// AST for every rule file of the repository, idempotence, and the line diff of `fmt --check`.
#include "format/format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/parse.h"

namespace recallguard::format {
namespace {
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

ast::RuleFile parse(const std::string& text, DiagnosticBag& diagnostics) {
    return parser::parse_rule_file("t.rules", text, diagnostics);
}

std::string fmt(const std::string& text) {
    DiagnosticBag diagnostics;
    const auto file = parse(text, diagnostics);
    EXPECT_FALSE(diagnostics.has_errors()) << text;
    return format_rule_file(file);
}

// Every *.rules file of the standard rules and of the golden corpora.
std::vector<fs::path> corpus() {
    std::vector<fs::path> files;
    for (const fs::path& root :
         {fs::path(RECALLGUARD_SOURCE_DIR) / "rules", fs::path(RECALLGUARD_TEST_DATA_DIR) / "golden"})
        for (const auto& entry : fs::recursive_directory_iterator(root))
            if (entry.is_regular_file() && entry.path().extension() == ".rules") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

size_t occurrences(const std::string& text, const std::string& part) {
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

TEST(FormatRoundTrip, EveryRuleFileThatParsesKeepsItsMeaningAndFormatsIdempotently) {
    size_t checked = 0;
    for (const auto& path : corpus()) {
        SCOPED_TRACE(path.string());
        const std::string text = read_text(path);
        DiagnosticBag diagnostics;
        const auto original = parser::parse_rule_file(path.string(), text, diagnostics);
        if (diagnostics.has_errors()) continue;  // fmt refuses files that do not parse
        const std::string once = format_rule_file(original);
        DiagnosticBag again;
        const auto reparsed = parser::parse_rule_file(path.string(), once, again);
        ASSERT_FALSE(again.has_errors()) << once;
        EXPECT_EQ(dump_ast(reparsed), dump_ast(original)) << once;
        EXPECT_EQ(format_rule_file(reparsed), once);
        // Narrow columns force every kind of line break; the meaning must survive them too.
        for (int limit : {30, 60}) {
            const std::string narrow = format_rule_file(original, FormatOptions{limit});
            DiagnosticBag narrow_diagnostics;
            const auto narrow_file = parser::parse_rule_file(path.string(), narrow, narrow_diagnostics);
            ASSERT_FALSE(narrow_diagnostics.has_errors()) << narrow;
            EXPECT_EQ(dump_ast(narrow_file), dump_ast(original)) << narrow;
            EXPECT_EQ(format_rule_file(narrow_file, FormatOptions{limit}), narrow);
        }
        for (const auto& comment : original.comments)
            EXPECT_EQ(occurrences(once, comment.text), occurrences(text, comment.text)) << comment.text;
        ++checked;
    }
    EXPECT_GE(checked, 20u);  // the standard rules and the clean golden cases
}

// `text` with a block comment in every gap between tokens and a line comment at the end of
// every line (strings and existing comments are left alone).
std::string with_comments_everywhere(const std::string& text) {
    std::string out;
    int counter = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
            const size_t end = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i) + 2;
            out += text.substr(i, end - i);
            i = end - 1;
            continue;
        }
        if (c == '"') in_string = true;
        if (c == '\n')
            out += " // line " + std::to_string(++counter);
        else if (c == ' ' && i > 0 && text[i - 1] != ' ')
            out += " /* gap " + std::to_string(++counter) + " */";
        out += c;
    }
    return out;
}

TEST(FormatComments, CommentsInEveryGapAreKeptAndTheResultIsStable) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RECALLGUARD_SOURCE_DIR) / "rules")) {
        if (entry.path().extension() != ".rules") continue;
        SCOPED_TRACE(entry.path().string());
        const std::string text = with_comments_everywhere(read_text(entry.path()));
        DiagnosticBag diagnostics;
        const auto original = parse(text, diagnostics);
        ASSERT_FALSE(diagnostics.has_errors()) << text;
        const std::string once = format_rule_file(original);
        DiagnosticBag again;
        const auto reparsed = parse(once, again);
        ASSERT_FALSE(again.has_errors()) << once;
        EXPECT_EQ(dump_ast(reparsed), dump_ast(original)) << once;
        EXPECT_EQ(format_rule_file(reparsed), once) << once;
    }
}

TEST(FormatRoundTrip, StandardRulesAreFormatted) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RECALLGUARD_SOURCE_DIR) / "rules")) {
        if (entry.path().extension() != ".rules") continue;
        const std::string text = read_text(entry.path());
        EXPECT_EQ(fmt(text), text) << entry.path() << " is not formatted: run `recallguard fmt rules/`";
    }
}

// The language's test packs (tests/packs) are formatted too, and read back as the same tree.
TEST(FormatRoundTrip, LanguagePacksAreFormattedAndReadBackTheSame) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RECALLGUARD_SOURCE_DIR) / "tests" / "packs")) {
        if (entry.path().extension() != ".rules") continue;
        SCOPED_TRACE(entry.path().string());
        const std::string text = read_text(entry.path());
        EXPECT_EQ(fmt(text), text) << "run `recallguard fmt tests/packs/`";
        const std::string commented = with_comments_everywhere(text);
        DiagnosticBag diagnostics;
        const auto original = parse(commented, diagnostics);
        ASSERT_FALSE(diagnostics.has_errors()) << commented;
        const std::string once = format_rule_file(original);
        DiagnosticBag again;
        const auto reparsed = parse(once, again);
        ASSERT_FALSE(again.has_errors()) << once;
        EXPECT_EQ(dump_ast(reparsed), dump_ast(original)) << once;
        EXPECT_EQ(format_rule_file(reparsed), once) << once;
    }
}

// tests/golden/fmt/<case>/input.rules formats to expected.rules.
TEST(FormatGolden, InputsFormatToTheirExpectedText) {
    const fs::path root = fs::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / "fmt";
    size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (!entry.is_directory()) continue;
        SCOPED_TRACE(entry.path().filename().string());
        const std::string formatted = fmt(read_text(entry.path() / "input.rules"));
        const fs::path expected = entry.path() / "expected.rules";
        if (const char* update = std::getenv("RECALLGUARD_UPDATE_GOLDEN"); update && std::string(update) == "1") {
            std::ofstream(expected, std::ios::binary | std::ios::trunc) << formatted;
        }
        EXPECT_EQ(formatted, read_text(expected));
        EXPECT_EQ(fmt(formatted), formatted);
        ++cases;
    }
    EXPECT_GE(cases, 3u);
}

TEST(FormatExpr, AddsOnlyTheParenthesesThePrecedenceNeeds) {
    const std::string head =
        "package p {\n  title \"P\"\n}\n\nrule T-ONE {\n  for c in defect_cases\n\n  violation when ";
    auto body = [&](const std::string& condition) {
        const std::string out = fmt(head + condition + "\n}\n");
        const size_t start = out.find("violation when ") + 15;
        return out.substr(start, out.find('\n', start) - start);
    };
    EXPECT_EQ(body("((a + b) * c) > (d)"), "(a + b) * c > d");
    EXPECT_EQ(body("a or (b and c)"), "a or b and c");
    EXPECT_EQ(body("(a or b) and c"), "(a or b) and c");
    EXPECT_EQ(body("not (a and b)"), "not (a and b)");
    EXPECT_EQ(body("a - (b - c) = 1"), "a - (b - c) = 1");
    EXPECT_EQ(body("-(5) < x"), "-(5) < x");
    // The bounds of `between` are arithmetic: a following `and` joins conditions.
    EXPECT_EQ(body("x between (1 + 2) and -3 and y"), "x between 1 + 2 and -3 and y");
    EXPECT_EQ(body("(x between 1 and 2) and y"), "x between 1 and 2 and y");
    EXPECT_EQ(body("x between (a and b) and c"), "x between (a and b) and c");
    EXPECT_EQ(body("not (x between 1 and 2)"), "not x between 1 and 2");
    EXPECT_EQ(body("(x is known) = (y is missing)"), "(x is known) = (y is missing)");
    EXPECT_EQ(body("x <> 3"), "x != 3");
    // Text predicates bind like `is known`; what they search for is a primary.
    EXPECT_EQ(body("(x contains \"a\") = (y starts with (z))"), "(x contains \"a\") = (y starts with z)");
    EXPECT_EQ(body("not (x matches p) and (a + b) ends with c"), "not x matches p and a + b ends with c");
    EXPECT_EQ(body("x contains (a + b)"), "x contains (a + b)");
    // Sets and named conditions.
    EXPECT_EQ(body("(x in eu) and (c.product is not vehicle)"), "x in eu and c.product is not vehicle");
    EXPECT_EQ(body("not (x not in eu)"), "not x not in eu");
}

TEST(FormatLayout, PutsClausesInCanonicalOrderWithGroupsAndEscapesStrings) {
    const std::string input =
        "package p{title \"P\" calendar CN}\n"
        "rule T-ONE { message \"say \\\"hi\\\"\\n\" violation when c.opened_on   < as_of for c in defect_cases\n"
        "severity high category reporting cite \"Art. 1\" title \"T\" param n = 1 day }";
    EXPECT_EQ(fmt(input),
              "package p {\n  title \"P\"\n  calendar CN\n}\n\n"
              "rule T-ONE {\n  title \"T\"\n  cite \"Art. 1\"\n  category reporting\n  severity high\n"
              "  param n = 1 day\n\n  for c in defect_cases\n\n  violation when c.opened_on < as_of\n"
              "  message \"say \\\"hi\\\"\\n\"\n}\n");
}

TEST(FormatLayout, BreaksLongConditionsBeforeAndOr) {
    const std::string input =
        "package p { title \"P\" }\nrule T-ONE {\n  for c in defect_cases where c.product.market = \"CN\" and "
        "c.product.category != \"vehicle\" and c.conclusion = \"defect\" and c.hazard in (\"fire\", \"explosion\")\n"
        "  violation when c.opened_on < as_of\n}\n";
    const std::string out = fmt(input);
    EXPECT_NE(
        out.find("  for c in defect_cases\n  where c.product.market = \"CN\" and c.product.category != \"vehicle\""
                 " and c.conclusion = \"defect\"\n    and c.hazard in (\"fire\", \"explosion\")\n"),
        std::string::npos)
        << out;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 100u) << line;
}

TEST(FormatComments, KeepsEveryCommentNextToWhatItAnnotates) {
    const std::string input =
        "// header\n\npackage p { title \"P\" } // trailing the package\n"
        "rule T-ONE {\n  message \"m\"\n  // about the subject\n  for c in defect_cases\n"
        "  violation when c.opened_on < as_of /* why */\n  // before the brace\n}\n// at the end\n";
    EXPECT_EQ(fmt(input),
              "// header\n\npackage p {\n  title \"P\"\n} // trailing the package\n\n"
              "rule T-ONE {\n  // about the subject\n  for c in defect_cases\n\n"
              "  violation when c.opened_on < as_of /* why */\n  message \"m\"\n  // before the brace\n}\n"
              "// at the end\n");
}

TEST(FormatFiles, RefusesAFileWithSyntaxErrors) {
    const fs::path path = fs::temp_directory_path() / "recallguard_format_refuse.rules";
    std::ofstream(path) << "rule {";
    DiagnosticBag diagnostics;
    const auto result = format_file(path.string(), diagnostics);
    EXPECT_FALSE(result.ok);
    EXPECT_FALSE(result.changed());
    EXPECT_TRUE(diagnostics.has_errors());
    fs::remove(path);
}

TEST(FormatDiff, ShowsChangedLinesWithContextInUnifiedStyle) {
    EXPECT_EQ(unified_diff("x.rules", "a\nb\n", "a\nb\n"), "");
    EXPECT_EQ(unified_diff("x.rules", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n"),
              "--- a/x.rules\n+++ b/x.rules\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    EXPECT_EQ(unified_diff("x.rules", "", "new\n"), "--- a/x.rules\n+++ b/x.rules\n@@ -0,0 +1,1 @@\n+new\n");
}

}  // namespace
}  // namespace recallguard::format
