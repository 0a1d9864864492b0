// The rule-test runner: a test passes only when the findings are exactly the expected ones;
// a failing test really fails and shows both sides; bad fixtures are errors naming the row.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/rule_loader.h"
#include "ruletest/runner.h"
#include "ruletest/suite.h"

namespace recallguard::ruletest {
namespace {

const engine::LoadedRules& consumer_rules() {
    static const engine::LoadedRules rules = [] {
        engine::LoadOptions options;
        options.paths = {std::string(RECALLGUARD_SOURCE_DIR) + "/rules/cn/consumer_products.rules"};
        return engine::load_rules(options);
    }();
    return rules;
}

// A case concluded defective on Fri 2025-09-26, a plan filed `filed_on`; `expect` is the expect section.
std::string plan_test(const std::string& filed_on, const std::string& expect) {
    return "rows companies\n  company_id | name | country | role\n  CO1 | Acme | CN | producer\n"
           "rows products\n  product_id | company_id | category | model | market | units_sold\n"
           "  P1 | CO1 | power_bank | X1 | CN | 100\n"
           "test \"plan across National Day\"\nas_of 2025-12-31\nrules CN-CP-PLAN\n"
           "rows defect_cases\n  case_id | product_id | opened_on | source | hazard | concluded_on | conclusion\n"
           "  C1 | P1 | 2025-09-01 | test | fire | 2025-09-26 | defect\n"
           "rows filings\n  filing_id | company_id | case_id | kind | filed_on | authority\n"
           "  F1 | CO1 | C1 | recall_plan | " +
           filed_on + " | SAMR\n" + expect;
}

RuleTestFile parse_ok(const std::string& text) {
    DiagnosticBag diagnostics;
    auto file = parse_rule_test("t.ruletest", text, diagnostics);
    EXPECT_FALSE(diagnostics.has_errors());
    return file;
}

constexpr const char* kLateExpect =
    "expect\n  rule | subject | period | status | due | done | days_late\n"
    "  CN-CP-PLAN | C1 | | late | 2025-10-16 | 2025-10-22 | 6\n";

TEST(RuleTestRunner, MatchingFindingsPass) {
    ASSERT_FALSE(consumer_rules().diagnostics.has_errors());
    const auto file = parse_ok(plan_test("2025-10-22", kLateExpect));
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    EXPECT_EQ(outcome.result, TestOutcome::Result::Pass) << describe_failure(outcome);
    EXPECT_EQ(describe_failure(outcome), "");
}

TEST(RuleTestRunner, AWrongExpectationFailsAndTheDiffShowsBothSides) {
    // Filed on the due date: met, so the expected late finding is not produced.
    const auto file = parse_ok(plan_test("2025-10-23", kLateExpect));
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    ASSERT_EQ(outcome.result, TestOutcome::Result::Fail);
    ASSERT_EQ(outcome.unmatched_expected.size(), 1u);
    ASSERT_EQ(outcome.unexpected.size(), 1u);
    EXPECT_EQ(outcome.unexpected[0][static_cast<size_t>(FindingField::Done)], "2025-10-23");
    EXPECT_EQ(outcome.unexpected[0][static_cast<size_t>(FindingField::DaysLate)], "7");
    const std::string diff = describe_failure(outcome);
    EXPECT_NE(diff.find("expected, not found:"), std::string::npos) << diff;
    EXPECT_NE(diff.find("- CN-CP-PLAN | C1      |        | late   | 2025-10-16 | 2025-10-22 | 6"), std::string::npos)
        << diff;
    EXPECT_NE(diff.find("found, not expected:"), std::string::npos) << diff;
    EXPECT_NE(diff.find("+ CN-CP-PLAN | C1      |        | late   | 2025-10-16 | 2025-10-23 | 7"), std::string::npos)
        << diff;
    EXPECT_NE(diff.find("(expected at t.ruletest:"), std::string::npos) << diff;
}

TEST(RuleTestRunner, ExpectingNothingFailsWhenThereIsAFinding) {
    const auto file = parse_ok(plan_test("2025-10-17", "expect nothing\n"));
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    EXPECT_EQ(outcome.result, TestOutcome::Result::Fail);
    EXPECT_TRUE(outcome.unmatched_expected.empty());
    ASSERT_EQ(outcome.unexpected.size(), 1u);
    EXPECT_EQ(outcome.unexpected[0][static_cast<size_t>(FindingField::Status)], "late");
}

TEST(RuleTestRunner, OnlyComparedColumnsMustMatch) {
    const auto file =
        parse_ok(plan_test("2025-10-23", "expect\n  rule | subject | status\n  CN-CP-PLAN | C1 | late\n"));
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    EXPECT_EQ(outcome.result, TestOutcome::Result::Pass) << describe_failure(outcome);
}

TEST(RuleTestRunner, TablesMayBeListedInAnyOrder) {
    // Filings reference cases, products and companies, yet come first here.
    const auto file = parse_ok(
        "test \"t\"\nas_of 2025-12-31\nrules CN-CP-PLAN\n"
        "rows filings\n  filing_id | company_id | case_id | kind | filed_on | authority\n"
        "  F1 | CO1 | C1 | recall_plan | 2025-10-17 | SAMR\n"
        "rows defect_cases\n  case_id | product_id | opened_on | source | hazard | concluded_on | conclusion\n"
        "  C1 | P1 | 2025-09-01 | test | fire | 2025-09-26 | defect\n"
        "rows products\n  product_id | company_id | category | model | market | units_sold\n"
        "  P1 | CO1 | power_bank | X1 | CN | 100\n"
        "rows companies\n  company_id | name | country | role\n  CO1 | Acme | CN | producer\n"
        "expect\n  rule | subject | status | days_late\n  CN-CP-PLAN | C1 | late | 1\n");
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    EXPECT_EQ(outcome.result, TestOutcome::Result::Pass) << outcome.error << describe_failure(outcome);
}

TEST(RuleTestRunner, AFixtureRowTheDataModelRejectsIsAnErrorNamingTheRow) {
    auto text = plan_test("2025-10-22", kLateExpect);
    text.replace(text.find("power_bank"), 10, "powerbank");
    const auto file = parse_ok(text);
    const auto outcome = run_test(consumer_rules(), file.path, file.tests.at(0));
    ASSERT_EQ(outcome.result, TestOutcome::Result::Error);
    EXPECT_NE(outcome.error.find("t.ruletest:6:1: the case data model rejects this products row"), std::string::npos)
        << outcome.error;
    EXPECT_EQ(outcome_line(outcome).rfind("FAIL t.ruletest:7 plan across National Day\n    error: t.ruletest:6:1: ", 0),
              0u)
        << outcome_line(outcome);
}

TEST(RuleTestRunner, ExpectErrorPassesOnlyWhenTheRuleFailsWithThatError) {
    // Concluded 2026-12-28: the 10th CN working day after it is in 2027, which the calendar lacks.
    auto text = plan_test("2027-01-05", "expect error \"outside calendar CN\"\n");
    text.replace(text.find("2025-12-31"), 10, "2027-03-31");
    text.replace(text.find("2025-09-26"), 10, "2026-12-28");
    const auto failing = parse_ok(text);
    const auto passed = run_test(consumer_rules(), failing.path, failing.tests.at(0));
    EXPECT_EQ(passed.result, TestOutcome::Result::Pass) << passed.error;

    // The same expectation on an audit that completes is a failure that says what happened.
    const auto completes = parse_ok(plan_test("2025-10-22", "expect error \"outside calendar CN\"\n"));
    const auto failed = run_test(consumer_rules(), completes.path, completes.tests.at(0));
    EXPECT_EQ(failed.result, TestOutcome::Result::Fail);
    EXPECT_EQ(describe_failure(failed),
              "    expected a rule error containing \"outside calendar CN\", but the audit completed with 1 "
              "findings\n");
}

TEST(RuleTestRunner, UnknownRulesInATestAreReportedWithTheirLocation) {
    Suite suite;
    DiagnosticBag ignored;
    suite.files.push_back(parse_rule_test(
        "t.ruletest",
        "test \"t\"\nas_of 2025-01-01\nrules CN-CP-PLANN\nexpect\n  rule | subject | status\n  CN-CP-STOP-SALE | C1 | "
        "violation\n",
        ignored));
    check_suite_rules(suite, consumer_rules().program);
    const auto errors = suite.diagnostics.sorted();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].location.to_string(), "t.ruletest:3:7");
    EXPECT_EQ(errors[0].message, "no rule 'CN-CP-PLANN' in the rules given; did you mean 'CN-CP-PLAN'?");
    EXPECT_EQ(errors[1].message, "rule CN-CP-STOP-SALE is expected here but not in the test's `rules` line");
}

TEST(RuleTestSuite, SummaryJunitAndCoverage) {
    Suite suite;
    suite.files.push_back(parse_ok(plan_test("2025-10-22", kLateExpect)));
    suite.files.push_back(parse_ok(plan_test("2025-10-10", kLateExpect)));
    suite.files[1].path = "b<&>.ruletest";
    const auto outcomes = run_suite(engine::LoadOptions{}, consumer_rules(), suite, nullptr);
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(summary_line(outcomes), "1 passed, 1 failed");

    std::ostringstream xml;
    write_junit(outcomes, xml);
    EXPECT_NE(xml.str().find("<testsuites name=\"recallguard rule tests\" tests=\"2\" failures=\"1\" errors=\"0\""),
              std::string::npos)
        << xml.str();
    EXPECT_NE(xml.str().find("<testsuite name=\"b&lt;&amp;&gt;.ruletest\""), std::string::npos) << xml.str();
    EXPECT_NE(xml.str().find("<failure message=\"the findings differ from the expected findings\">"),
              std::string::npos);

    const auto coverage = compute_coverage(consumer_rules().program, suite);
    EXPECT_EQ(coverage.rules.size(), 8u);
    EXPECT_EQ(coverage.pairs, 6u * 3u + 2u);  // six deadline/periodic rules, two violation rules
    EXPECT_EQ(coverage.covered, 1u);          // CN-CP-PLAN late
    const auto& plan = *std::find_if(coverage.rules.begin(), coverage.rules.end(),
                                     [](const RuleCoverage& r) { return r.rule_id == "CN-CP-PLAN"; });
    EXPECT_EQ(plan.tests.size(), 2u);
    EXPECT_EQ(plan.reached, (std::set<std::string>{"late"}));
    std::ostringstream text;
    write_coverage(coverage, text);
    EXPECT_NE(text.str().find("CN-CP-PLAN: missing met/pending"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("Coverage: 1 of 20 (rule, status) pairs, 5.0%"), std::string::npos) << text.str();
}

TEST(RuleTestSuite, ParamLinesOverrideTheRulesParametersForThatTestOnly) {
    // With 14 working days allowed, a plan filed 2025-10-22 is on time (10-16 is the 10th, 10-22 the 14th).
    auto with_param = plan_test("2025-10-22", "expect nothing\n");
    with_param.replace(with_param.find("rules CN-CP-PLAN"), 16,
                       "rules CN-CP-PLAN\nparam CN-CP-PLAN.allowed=14 working days");
    Suite suite;
    suite.files.push_back(parse_ok(with_param));
    suite.files.push_back(parse_ok(plan_test("2025-10-22", kLateExpect)));
    engine::LoadOptions load;
    load.paths = {std::string(RECALLGUARD_SOURCE_DIR) + "/rules/cn/consumer_products.rules"};
    const auto outcomes = run_suite(load, consumer_rules(), suite, nullptr);
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(outcomes[0].result, TestOutcome::Result::Pass) << outcomes[0].error << describe_failure(outcomes[0]);
    EXPECT_EQ(outcomes[1].result, TestOutcome::Result::Pass) << describe_failure(outcomes[1]);

    Suite bad;
    auto unknown = plan_test("2025-10-22", "expect nothing\n");
    unknown.replace(unknown.find("rules CN-CP-PLAN"), 16, "rules CN-CP-PLAN\nparam CN-CP-PLAN.alowed=3");
    bad.files.push_back(parse_ok(unknown));
    const auto failed = run_suite(load, consumer_rules(), bad, nullptr);
    ASSERT_EQ(failed.at(0).result, TestOutcome::Result::Error);
    EXPECT_NE(failed[0].error.find("t.ruletest:10:7: the test's `param` lines are not valid: rule CN-CP-PLAN has no "
                                   "parameter 'alowed'"),
              std::string::npos)
        << failed[0].error;
}

TEST(RuleTestSuite, ExpectingNoFindingOfAnExercisedRuleCoversMet) {
    Suite suite;
    suite.files.push_back(parse_ok(plan_test("2025-10-10", "expect nothing\n")));
    const auto coverage = compute_coverage(consumer_rules().program, suite);
    const auto& plan = *std::find_if(coverage.rules.begin(), coverage.rules.end(),
                                     [](const RuleCoverage& r) { return r.rule_id == "CN-CP-PLAN"; });
    EXPECT_EQ(plan.reached, (std::set<std::string>{"met/pending"}));
    // CN-CP-STOP-SALE is not in the test's selection, so the test does not exercise it.
    const auto& stop = *std::find_if(coverage.rules.begin(), coverage.rules.end(),
                                     [](const RuleCoverage& r) { return r.rule_id == "CN-CP-STOP-SALE"; });
    EXPECT_TRUE(stop.tests.empty());
}

}  // namespace
}  // namespace recallguard::ruletest
