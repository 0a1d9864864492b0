// `explain` prints the compiled SQL and its plan; `why` walks through one subject's verdict.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "run_cli.h"

namespace fs = std::filesystem;
using recallguard::test::run_cli;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

class ExplainWhy : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("recallguard-why-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        db_ = (dir_ / "cases.sqlite").string();
        const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                                  (kRepo / "examples/power-banks-2025/build.sh").string() + "' '" + db_ +
                                  "' > /dev/null";
        ASSERT_EQ(std::system(build.c_str()), 0);
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static inline fs::path dir_;
    static inline std::string db_;
};

TEST_F(ExplainWhy, ExplainShowsTheSqlWithBoundParametersAndThePlan) {
    const auto result = run_cli({"explain", "CN-CP-PLAN", (kRepo / "rules").string(), "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("WITH \"subjects\" AS MATERIALIZED"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("= recall_plan"), std::string::npos) << "values are listed as bound parameters";
    EXPECT_EQ(result.out.find("'recall_plan'"), std::string::npos) << "no value is pasted into the SQL text";
    EXPECT_NE(result.out.find("query plan"), std::string::npos);
    EXPECT_NE(result.out.find("USING INDEX"), std::string::npos) << "lookups are index searches";
}

TEST_F(ExplainWhy, WhyExplainsALateRecallPlanAcrossNationalDay) {
    const auto result = run_cli({"why", "CN-CP-PLAN", (kRepo / "rules").string(), "--db", db_, "--subject", "DC-XC-V20",
                                 "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("trigger date: 2025-09-26"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("due date:     2025-10-16"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("skipped 2025-10-08: holiday"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("skipped 2025-10-11"), std::string::npos) << "10-11 is a make-up working Saturday";
    EXPECT_NE(result.out.find("matches the requirement"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("verdict: late: done 2025-10-22"), std::string::npos) << result.out;
}

// A signal: each part of its condition, and the rows its count took in.
TEST_F(ExplainWhy, WhyNamesThePartsOfTheConditionAndTheRowsACountTookIn) {
    const auto r = run_cli({"why", "SIG-STALLED-CASE", (kRepo / "rules").string(), "--db", db_, "--subject",
                            "DC-KC-10K", "--as-of", "2025-12-31"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("  rows taken by serious_incidents (incidents) = "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("INC-KC-10K-1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  the condition's parts:\n    holds: as_of > c.opened_on + max_open\n"
                         "    holds: serious_incidents >= 1\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("verdict: signal"), std::string::npos) << r.out;
}

// A row the rule's filter leaves out: the part of the filter that does not hold is named.
TEST_F(ExplainWhy, WhyNamesThePartOfTheFilterThatLeavesARowOut) {
    const auto r = run_cli({"why", "SIG-DENIED-HARM", (kRepo / "rules").string(), "--db", db_, "--subject", "DC-XC-V20",
                            "--as-of", "2025-12-31"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("not a subject of this rule as of 2025-12-31: the rule's filter leaves it out\n"
                         "    does not hold: c.conclusion = \"no_defect\"\n"),
              std::string::npos)
        << r.out;
}

TEST_F(ExplainWhy, WhySaysWhenARowIsNotASubject) {
    const auto result = run_cli({"why", "CN-CP-PLAN", (kRepo / "rules").string(), "--db", db_, "--subject",
                                 "NO-SUCH-CASE", "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("not a subject of this rule"), std::string::npos) << result.out;
}

// 1000 CN working days after any case of the example lies past 2026, the calendar's last year.
constexpr const char* kPastTheCalendar = R"(package test.unknown {
  title "A date past the calendar"
  calendar CN
}
rule T-PAST {
  title "Cases 1000 working days from opening"
  cite "test"
  category signal
  severity low
  for c in defect_cases
  where c.opened_on + 1000 working days > as_of
  signal when c.concluded_on is missing
}
)";

TEST_F(ExplainWhy, ADatePastTheCalendarIsARuleErrorInCheckAndWhyNeverAFalseCondition) {
    const auto rules = (dir_ / "past.rules").string();
    std::ofstream(rules) << kPastTheCalendar;
    const auto check = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", rules});
    EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
    EXPECT_NE(check.out.find("outside calendar CN, year 2027 (the calendar covers 2008–2026)"), std::string::npos)
        << check.out;
    const auto why = run_cli({"why", "T-PAST", rules, "--db", db_, "--subject", "DC-XC-V20", "--as-of", "2025-12-31"});
    EXPECT_EQ(why.exit_code, 2) << why.out << why.err;
    EXPECT_NE(why.out.find("verdict: error: the rule cannot be judged: the date 1000 working days after "),
              std::string::npos)
        << why.out;
    EXPECT_NE(why.out.find(" (defect_cases DC-XC-V20) lies outside calendar CN"), std::string::npos) << why.out;
    EXPECT_NE(why.out.find("lies outside calendar CN, year 2027"), std::string::npos) << why.out;
    EXPECT_EQ(why.out.find("the condition does not hold"), std::string::npos) << why.out;
}

// Two versions of one rule: the old one (low, "Old title") in force until 2025, the new one
// (high, "New title") from 2025. A case is a finding of the version in force when it was opened.
constexpr const char* kTwoVersions = R"(package test.versions {
  title "Two versions"
}
rule T-V {
  title "Old title"
  cite "Old art. 1"
  category signal
  severity low
  effective until 2025-01-01
  for c in defect_cases
  signal when c.opened_on is known
    dated c.opened_on
}
rule T-V {
  title "New title"
  cite "New art. 2"
  category signal
  severity high
  effective from 2025-01-01
  for c in defect_cases
  signal when c.opened_on is known
    dated c.opened_on
}
)";

TEST_F(ExplainWhy, EachVersionOfARuleIsAnEntryOfItsOwnInEveryReport) {
    const auto rules = (dir_ / "versions.rules").string();
    std::ofstream(rules) << kTwoVersions;
    const auto json_run = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", rules, "--format", "json"});
    ASSERT_EQ(json_run.exit_code, 1) << json_run.err;
    const auto json = nlohmann::json::parse(json_run.out);
    ASSERT_EQ(json["rules"].size(), 2u) << json["rules"].dump(1);
    EXPECT_EQ(json["rules"][0]["version"], "..2025-01-01");
    EXPECT_EQ(json["rules"][0]["title"], "Old title");
    EXPECT_EQ(json["rules"][0]["citation"], "Old art. 1");
    EXPECT_EQ(json["rules"][1]["version"], "2025-01-01..");
    EXPECT_EQ(json["rules"][1]["title"], "New title");
    EXPECT_EQ(json["rules"][1]["citation"], "New art. 2");
    // Each version counts its own findings, and each finding names its version.
    std::map<std::string, int> by_version;
    for (const auto& finding : json["findings"]) {
        const std::string version = finding["rule_version"];
        ++by_version[version];
        EXPECT_EQ(finding["severity"], version == "..2025-01-01" ? "low" : "high") << finding.dump();
    }
    ASSERT_GT(by_version["..2025-01-01"], 0) << json_run.out;
    ASSERT_GT(by_version["2025-01-01.."], 0) << json_run.out;
    EXPECT_EQ(json["rules"][0]["findings"], by_version["..2025-01-01"]);
    EXPECT_EQ(json["rules"][1]["findings"], by_version["2025-01-01.."]);
    EXPECT_EQ(json["summary"]["by_rule"]["T-V@..2025-01-01"], by_version["..2025-01-01"]);
    EXPECT_EQ(json["summary"]["by_rule"]["T-V@2025-01-01.."], by_version["2025-01-01.."]);

    const auto text = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", rules});
    EXPECT_NE(text.out.find("T-V (version 2025-01-01..)  New art. 2 — New title"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("T-V (version ..2025-01-01)  Old art. 1 — Old title"), std::string::npos) << text.out;

    const auto sarif =
        nlohmann::json::parse(run_cli({"check", "--db", db_, "--as-of", "2025-12-31", rules, "--format", "sarif"}).out);
    const auto& descriptors = sarif["runs"][0]["tool"]["driver"]["rules"];
    ASSERT_EQ(descriptors.size(), 2u);
    EXPECT_EQ(descriptors[0]["id"], "T-V@..2025-01-01");
    EXPECT_EQ(descriptors[0]["shortDescription"]["text"], "Old title");
    EXPECT_EQ(descriptors[1]["id"], "T-V@2025-01-01..");
    EXPECT_EQ(descriptors[1]["shortDescription"]["text"], "New title");
    for (const auto& result : sarif["runs"][0]["results"])
        EXPECT_EQ(result["ruleId"], descriptors[result["ruleIndex"].get<size_t>()]["id"]) << result.dump();

    // `why` explains every version: the 2024 case is judged by the old one.
    const auto why = run_cli({"why", "T-V", rules, "--db", db_, "--subject", "DC-LD-MINI5", "--as-of", "2025-12-31"});
    ASSERT_EQ(why.exit_code, 0) << why.err;
    EXPECT_NE(why.out.find("T-V (version ..2025-01-01) — Old title"), std::string::npos) << why.out;
    EXPECT_NE(why.out.find("T-V (version 2025-01-01..) — New title"), std::string::npos) << why.out;
    EXPECT_NE(why.out.find("verdict: signal"), std::string::npos) << why.out;

    const auto catalogue = run_cli({"doc", rules, "--format", "html"});
    ASSERT_EQ(catalogue.exit_code, 0) << catalogue.err;
    EXPECT_NE(catalogue.out.find("id=\"rule-T-V---2025-01-01\""), std::string::npos) << catalogue.out;
    EXPECT_NE(catalogue.out.find("id=\"rule-T-V-2025-01-01--\""), std::string::npos) << catalogue.out;
}

// "{max_open}" of a duration parameter reads "12 months" in a message, never a bare "12".
TEST_F(ExplainWhy, ADurationParameterKeepsItsUnitInMessages) {
    const auto rules = (dir_ / "duration.rules").string();
    std::ofstream(rules) << R"(package test.duration {
  title "Duration in a message"
}
rule T-D {
  title "Open cases"
  cite "test"
  category signal
  severity low
  param max_open = 12 months
  param grace = 1 working day
  calendar CN
  for c in defect_cases
  where c.concluded_on is missing
  signal when c.opened_on + max_open > as_of and c.opened_on + grace < as_of
  message "Case {c.case_id}: to be concluded within {max_open}, {grace} of grace."
}
)";
    const auto r = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", rules, "--format", "json"});
    ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto json = nlohmann::json::parse(r.out);
    ASSERT_GT(json["findings"].size(), 0u);
    const std::string message = json["findings"][0]["message"];
    EXPECT_NE(message.find("within 12 months, 1 working day of grace."), std::string::npos) << message;
}

TEST_F(ExplainWhy, UnknownRuleIsBadInputWithASuggestion) {
    const auto result = run_cli({"explain", "CN-CP-PLN", (kRepo / "rules").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("did you mean 'CN-CP-PLAN'"), std::string::npos) << result.err;
}

}  // namespace

// Displacement and `unless`: `why` names the rule that takes the subject, or the exemption; the
// catalogue shows the displacement on both rules.
TEST_F(ExplainWhy, WhyNamesTheDisplacingRuleAndTheExemption) {
    const fs::path rules = dir_ / "exceptions.rules";
    std::ofstream(rules) << R"(package t.exceptions {
  title "T"
  calendar CN
}

rule T-SPECIAL {
  title "Power banks: a special regime"
  cite "Art. 1"
  category signal
  severity low
  displaces T-GENERAL
  for c in defect_cases
  where c.product.category = "power_bank"
  signal when c.concluded_on is missing
}

rule T-GENERAL {
  title "Every concluded defect"
  cite "Art. 2"
  category signal
  severity low
  for c in defect_cases
  where c.conclusion = "defect"
  signal when c.concluded_on is known
}

rule T-EXEMPT {
  title "Concluded from a complaint, unless a fire"
  cite "Art. 3"
  category signal
  severity low
  for c in defect_cases
  signal when c.source = "complaint"
  unless c.hazard = "fire"
}
)";
    const auto general =
        run_cli({"why", "T-GENERAL", rules.string(), "--db", db_, "--subject", "DC-XC-V20", "--as-of", "2025-12-31"});
    ASSERT_EQ(general.exit_code, 0) << general.err;
    EXPECT_NE(general.out.find("the rule's filter leaves it out\n    holds: c.conclusion = \"defect\"\n"
                               "    does not hold: not displaced by T-SPECIAL, whose subjects are those where "
                               "c.product.category = \"power_bank\"\n"),
              std::string::npos)
        << general.out;
    const auto exempt =
        run_cli({"why", "T-EXEMPT", rules.string(), "--db", db_, "--subject", "DC-XC-V20", "--as-of", "2025-12-31"});
    ASSERT_EQ(exempt.exit_code, 0) << exempt.err;
    EXPECT_NE(exempt.out.find("verdict: no finding (the condition holds, but 'unless c.hazard = \"fire\"' exempts it)"),
              std::string::npos)
        << exempt.out;
    const auto doc = run_cli({"doc", rules.string()});
    ASSERT_EQ(doc.exit_code, 0) << doc.err;
    EXPECT_NE(doc.out.find("Displaces (for a subject this rule applies to)"), std::string::npos) << doc.out;
    EXPECT_NE(doc.out.find("Displaced by (for a subject that rule applies to)"), std::string::npos) << doc.out;
    EXPECT_NE(doc.out.find("T-SPECIAL"), std::string::npos) << doc.out;
}

// `group by`: one finding per group of rows with equal keys, the group's rows as evidence.
TEST_F(ExplainWhy, AGroupedSignalReportsOneFindingPerGroupWithItsMembers) {
    const fs::path rules = dir_ / "groups.rules";
    std::ofstream(rules) << R"(package t.groups {
  title "T"
}

rule T-PER-PRODUCT-HAZARD {
  title "Two or more serious incidents of one hazard on one product"
  cite "Art. 1"
  category signal
  severity low

  for i in incidents
  where i.outcome in ("death", "serious_injury")
  group by product = i.product_id, hazard = i.hazard
  let incidents = count(m in group)

  signal when incidents >= 2
  message "{product}: {incidents} serious {hazard} incidents."
}
)";
    const auto r = run_cli({"check", rules.string(), "--db", db_, "--as-of", "2025-12-31", "--format", "json"});
    ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
    const auto report = nlohmann::json::parse(r.out);
    bool found = false;
    for (const auto& finding : report["findings"]) {
        if (finding["subject"]["key"] != "QY-S5/overheating") continue;
        found = true;
        EXPECT_EQ(finding["message"], "QY-S5: 2 serious overheating incidents.") << finding.dump();
        EXPECT_NE(finding.dump().find("INC-QY-S5-1, INC-QY-S5-2"), std::string::npos) << finding.dump();
    }
    EXPECT_TRUE(found) << r.out;
}
