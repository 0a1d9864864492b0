// The .ruletest parser: what regulators write becomes tests; every mistake is named with file:line:col.
#include <gtest/gtest.h>

#include "ruletest/test_case.h"

namespace recallguard::ruletest {
namespace {

RuleTestFile parse(const std::string& text, DiagnosticBag& diagnostics) {
    return parse_rule_test("cases/x.ruletest", text, diagnostics);
}

// The single error of a parse, rendered "file:line:col: message" for compact assertions.
std::string only_error(const std::string& text) {
    DiagnosticBag diagnostics;
    parse(text, diagnostics);
    std::string out;
    for (const auto& d : diagnostics.sorted())
        if (d.severity == Severity::Error) out += d.location.to_string() + ": " + d.code + ": " + d.message + "\n";
    return out;
}

const char* kGood = R"(# a comment
rows companies
  company_id | name | country | role
  CO1        | Acme | CN      | producer

test "late across National Day"   # trailing comment
as_of 2025-12-31
rules CN-CP-PLAN CN-CP-PUBLISH
pending yes
rows products
  product_id | company_id | category   | model | market | units_sold | certificate
  P1         | CO1        | power_bank | X1    | CN     | 100        |
expect
  rule       | subject | period | status | due        | done       | days_late
  CN-CP-PLAN | C1      |        | late   | 2025-10-16 | 2025-10-22 | 6

test "second"
as_of 2025-01-01
expect nothing
)";

TEST(RuleTestParser, ReadsTestsRowsAndExpectations) {
    DiagnosticBag diagnostics;
    const auto file = parse(kGood, diagnostics);
    ASSERT_TRUE(diagnostics.empty()) << diagnostics.items().front().message;
    ASSERT_EQ(file.tests.size(), 2u);
    const auto& test = file.tests[0];
    EXPECT_EQ(test.name, "late across National Day");
    EXPECT_EQ(test.location.line, 6);
    EXPECT_EQ(test.as_of, "2025-12-31");
    EXPECT_EQ(test.rules, (std::vector<std::string>{"CN-CP-PLAN", "CN-CP-PUBLISH"}));
    EXPECT_TRUE(test.include_pending);
    // Shared rows come first, then the test's own.
    ASSERT_EQ(test.blocks.size(), 2u);
    EXPECT_EQ(test.blocks[0].table, "companies");
    EXPECT_EQ(test.blocks[1].table, "products");
    const auto& product = test.blocks[1].rows.at(0);
    EXPECT_EQ(product.location.line, 12);
    EXPECT_EQ(product.cells.at(5).value, "100");
    EXPECT_FALSE(product.cells.at(6).value.has_value()) << "an empty cell is NULL";
    ASSERT_EQ(test.expected.size(), 1u);
    const auto& row = test.expected[0].fields;
    EXPECT_EQ(row[static_cast<size_t>(FindingField::Rule)], "CN-CP-PLAN");
    EXPECT_FALSE(row[static_cast<size_t>(FindingField::Period)].has_value());
    EXPECT_EQ(row[static_cast<size_t>(FindingField::DaysLate)], "6");
    for (bool compared : test.compared) EXPECT_TRUE(compared);

    const auto& second = file.tests[1];
    EXPECT_TRUE(second.expected.empty());
    EXPECT_FALSE(second.include_pending);
    EXPECT_EQ(second.blocks.size(), 1u) << "the shared companies rows";
}

TEST(RuleTestParser, AByteOrderMarkAndWindowsLineEndsAreAccepted) {
    DiagnosticBag diagnostics;
    const auto file = parse("\xEF\xBB\xBF# title\r\ntest \"t\"\r\nas_of 2025-01-01\r\nexpect nothing\r\n", diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(file.tests.size(), 1u);
    EXPECT_EQ(file.tests[0].as_of, "2025-01-01");
}

TEST(RuleTestParser, ColumnsLeftOutOfExpectAreNotCompared) {
    DiagnosticBag diagnostics;
    const auto file =
        parse("test \"t\"\nas_of 2025-01-01\nexpect\n  rule | subject | status\n  R | S | signal\n", diagnostics);
    ASSERT_FALSE(diagnostics.has_errors());
    const auto& compared = file.tests.at(0).compared;
    EXPECT_TRUE(compared[static_cast<size_t>(FindingField::Status)]);
    EXPECT_FALSE(compared[static_cast<size_t>(FindingField::Due)]);
    EXPECT_FALSE(compared[static_cast<size_t>(FindingField::DaysLate)]);
}

TEST(RuleTestParser, ExpectErrorTakesAQuotedPartOfTheMessage) {
    DiagnosticBag diagnostics;
    const auto file = parse("test \"t\"\nas_of 2027-01-01\nexpect error \"outside calendar CN\"\n", diagnostics);
    ASSERT_FALSE(diagnostics.has_errors());
    EXPECT_EQ(file.tests.at(0).expected_error, "outside calendar CN");
    EXPECT_TRUE(file.tests.at(0).expected.empty());
    EXPECT_EQ(only_error("test \"t\"\nas_of 2027-01-01\nexpect error outside\n"),
              "cases/x.ruletest:3:8: E-TEST-SYNTAX: `expect error` is followed by a quoted part of the error message, "
              "e.g. `expect error \"outside calendar CN\"`\n");
}

TEST(RuleTestParser, UnknownTableIsNamedWithItsColumnAndASuggestion) {
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nrows filing\n  filing_id\n  F1\nexpect nothing\n"),
              "cases/x.ruletest:3:6: E-TEST-UNKNOWN-TABLE: no table 'filing' in the case data model; did you mean "
              "'filings'?\n");
}

TEST(RuleTestParser, UnknownColumnPointsAtTheHeaderCell) {
    EXPECT_EQ(
        only_error("test \"t\"\nas_of 2025-01-01\nrows sales\n  sale_id | product_id | sold_at\nexpect nothing\n"),
        "cases/x.ruletest:4:26: E-TEST-UNKNOWN-COLUMN: table sales has no column 'sold_at'; did you mean "
        "'sold_on'?\n");
}

TEST(RuleTestParser, RowWithTheWrongNumberOfCells) {
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nrows sales\n  sale_id | units\n  S1 | 3 | 4\nexpect nothing\n"),
              "cases/x.ruletest:5:1: E-TEST-CELLS: this row has 3 cells but the header has 2\n");
}

TEST(RuleTestParser, BadValuesInTheTestAndItsExpectations) {
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-02-30\nexpect nothing\n"),
              "cases/x.ruletest:2:7: E-TEST-VALUE: as_of needs a date YYYY-MM-DD, not '2025-02-30'\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nexpect\n  rule | subject | status\n  R1   | S1      | met\n"),
              "cases/x.ruletest:5:20: E-TEST-VALUE: status is late, missing, violation, signal or pending, not 'met' "
              "(met is written as no finding)\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nexpect\n  rule | subject | status | due\n  R | S | late | "
                         "31/12/2025\n"),
              "cases/x.ruletest:5:18: E-TEST-VALUE: '31/12/2025' is not a date YYYY-MM-DD\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nparam threshold=2\nexpect nothing\n"),
              "cases/x.ruletest:3:7: E-TEST-SYNTAX: a param line is `param RULE-ID.name=value`, not 'threshold=2'\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\npending maybe\nexpect nothing\n"),
              "cases/x.ruletest:3:9: E-TEST-VALUE: pending takes yes or no, not 'maybe'\n");
}

TEST(RuleTestParser, StructuralMistakes) {
    EXPECT_EQ(only_error("test \"t\"\nexpect nothing\n"),
              "cases/x.ruletest:1:1: E-TEST-SYNTAX: test \"t\" has no `as_of` date\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\n"),
              "cases/x.ruletest:1:1: E-TEST-SYNTAX: test \"t\" has no `expect` section (write `expect nothing` for "
              "none)\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nexpect\n  rule | subject\n"),
              "cases/x.ruletest:4:1: E-TEST-SYNTAX: an expect table needs a 'status' column\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\nexpec nothing\nexpect nothing\n"),
              "cases/x.ruletest:3:1: E-TEST-SYNTAX: unknown keyword 'expec'; did you mean 'expect'? (table lines must "
              "be indented)\n");
    EXPECT_EQ(only_error("as_of 2025-01-01\n"),
              "cases/x.ruletest:1:1: E-TEST-SYNTAX: only `rows` (shared by every test of the file) may come before the "
              "first `test \"name\"`, not 'as_of'\n");
    EXPECT_EQ(only_error("test t\nas_of 2025-01-01\nexpect nothing\n"),
              "cases/x.ruletest:1:6: E-TEST-SYNTAX: a test line is `test \"name\"` with the name in double quotes\n");
    EXPECT_EQ(only_error("test \"t\"\nas_of 2025-01-01\n  C1 | x\nexpect nothing\n"),
              "cases/x.ruletest:3:1: E-TEST-SYNTAX: an indented line belongs to a `rows TABLE` or `expect` table, and "
              "there is none here\n");
}

TEST(RuleTestParser, AllProblemsAreReportedInOneRun) {
    DiagnosticBag diagnostics;
    parse("test \"a\"\nas_of nope\nrows salez\n  x\nexpect nothing\ntest \"b\"\nas_of 2025-01-01\n", diagnostics);
    EXPECT_EQ(diagnostics.error_count(), 3u);
}

TEST(RuleTestParser, UnreadableFileIsAnError) {
    DiagnosticBag diagnostics;
    read_rule_test("/nonexistent/dir/none.ruletest", diagnostics);
    ASSERT_EQ(diagnostics.error_count(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "E-TEST-READ");
}

}  // namespace
}  // namespace recallguard::ruletest
