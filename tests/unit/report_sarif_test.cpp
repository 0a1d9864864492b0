// The SARIF report: structure GitHub code scanning relies on, URIs, and the reference validator.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "golden.h"
#include "report/catalogue_link.h"
#include "report/report.h"
#include "report_sample.h"
#include "run_command.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;
using Json = nlohmann::ordered_json;

namespace {

Json sarif_of(const findings::AuditReport& report, const ReportOptions& options = {}) {
    return Json::parse(render(report, Format::Sarif, options));
}

const Json* result_with_key(const Json& results, const std::string& key) {
    for (const auto& r : results)
        if (r["properties"]["subject"]["key"] == key) return &r;
    return nullptr;
}

}  // namespace

TEST(SarifReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.sarif", render(sample_report(), Format::Sarif));
}

TEST(SarifReport, OneRunWithADescriptorPerRule) {
    const Json sarif = sarif_of(sample_report());
    EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    EXPECT_EQ(sarif["version"], "2.1.0");
    ASSERT_EQ(sarif["runs"].size(), 1u);
    const Json& run = sarif["runs"][0];
    const Json& driver = run["tool"]["driver"];
    EXPECT_EQ(driver["name"], "recallguard");
    EXPECT_EQ(driver["version"], "0.1.0");
    ASSERT_EQ(driver["rules"].size(), 9u);
    const Json& harm = driver["rules"][1];  // rules sort by id: CN-CP-CCC, CN-CP-HARM-REPORT, ...
    EXPECT_EQ(harm["id"], "CN-CP-HARM-REPORT");
    EXPECT_EQ(harm["name"], "ReportDeathOrSeriousInjuryWithin2WorkingDays");
    EXPECT_EQ(harm["shortDescription"]["text"], "Report death or serious injury within 2 working days");
    // The help names the article and the instrument (the package's title and source) it is in.
    EXPECT_EQ(harm["help"]["text"],
              "Art. 8(1)(1), 消费品召回管理暂行规定 (Interim Provisions); SAMR Order No. 19 <2019>\n\n"
              "Checks: Report death or serious injury within 2 working days.");
    EXPECT_EQ(harm["help"]["markdown"],
              "**Art. 8(1)(1), 消费品召回管理暂行规定 (Interim Provisions); SAMR Order No. 19 \\<2019\\>**\n\n"
              "Checks: Report death or serious injury within 2 working days.");
    EXPECT_EQ(harm["defaultConfiguration"]["level"], "error");
    EXPECT_EQ(harm["properties"]["tags"], Json({"missed_recall_measure", "cn-consumer"}));
    EXPECT_EQ(harm["properties"]["precision"], "high");
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifReport, ResultsPointAtTheirRuleAndCarryAFingerprint) {
    const auto report = sample_report();
    const Json sarif = sarif_of(report);
    const Json& run = sarif["runs"][0];
    const Json& rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(run["results"].size(), report.findings.size());
    for (const auto& result : run["results"]) {
        const size_t index = result["ruleIndex"];
        ASSERT_LT(index, rules.size());
        EXPECT_EQ(rules[index]["id"], result["ruleId"]);
        EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
        EXPECT_TRUE(result["partialFingerprints"].contains("recallguardFindingKey/v1"));
    }
    const Json* late = result_with_key(run["results"], "INC-1");
    ASSERT_TRUE(late);
    EXPECT_EQ((*late)["level"], "error");  // high severity
    EXPECT_EQ((*late)["partialFingerprints"]["recallguardFindingKey/v1"], "CN-CP-HARM-REPORT|incidents|INC-1|");
    EXPECT_EQ((*late)["properties"]["days_late"], 2);
    EXPECT_EQ((*late)["properties"]["company_name"], "Acme Power \"Shenzhen\" Co., Ltd. <b>");
    EXPECT_EQ((*late)["properties"]["instrument"]["source"], "SAMR Order No. 19 <2019>");
    // The alert's text itself names the company and the law.
    EXPECT_NE(
        (*late)["message"]["text"].get<std::string>().find(
            "Company: ACME-CN (Acme Power \"Shenzhen\" Co., Ltd. <b>). Basis: Art. 8(1)(1), 消费品召回管理暂行规定 "
            "(Interim Provisions); SAMR Order No. 19 <2019>."),
        std::string::npos);
    EXPECT_EQ((*result_with_key(run["results"], "INC-2"))["properties"]["days_overdue"], 188);
    EXPECT_EQ((*late)["properties"]["evidence"]["filing_id"], "F-17");
    const Json& location = (*late)["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"], Json({{"uri", "rules/cn_consumer.rule"}, {"uriBaseId", "%SRCROOT%"}}));
    EXPECT_EQ(location["region"]["startLine"], 12);

    EXPECT_EQ((*result_with_key(run["results"], "R-1"))["level"], "warning");  // medium
    // A signal is a warning whatever its severity: it warrants investigation, it proves nothing.
    EXPECT_EQ((*result_with_key(run["results"], "P-1"))["level"], "warning");
    EXPECT_EQ((*result_with_key(run["results"], "I-9"))["level"], "error");  // high
    EXPECT_EQ((*result_with_key(run["results"], "INC-2"))["baselineState"], "new");
    EXPECT_FALSE(result_with_key(run["results"], "INC-1")->contains("baselineState"));
}

TEST(SarifReport, FilingLocationComesFirstAndIsEncoded) {
    const Json sarif = sarif_of(sample_report());
    const Json* plan = result_with_key(sarif["runs"][0]["results"], "案例-7");
    ASSERT_TRUE(plan);
    ASSERT_EQ((*plan)["locations"].size(), 2u);
    const Json& filing = (*plan)["locations"][0]["physicalLocation"];
    EXPECT_EQ(filing["artifactLocation"]["uri"], "filings/2025%20plan%231.json");
    EXPECT_EQ(filing["region"], Json({{"startLine", 12}, {"startColumn", 5}}));
    EXPECT_EQ((*plan)["locations"][1]["physicalLocation"]["artifactLocation"]["uri"], "rules/cn_consumer.rule");
    EXPECT_EQ((*plan)["baselineState"], "unchanged");
}

TEST(SarifReport, UrisAreMadeRelativeToTheRepositoryRoot) {
    auto report = sample_report();
    for (auto& f : report.findings) f.rule_location.file = "/work/repo/rules/" + f.rule_location.file.substr(6);
    report.findings[0].filing_location = SourceLocation{"/elsewhere/filing ü.json", 3, 0};
    ReportOptions options;
    options.sarif_uri_base = "/work/repo/";
    const std::string text = render(report, Format::Sarif, options);
    const Json run = Json::parse(text)["runs"][0];
    // Never a file:/// URI of the machine that ran the audit: everything relative to %SRCROOT%.
    EXPECT_EQ(text.find("file:"), std::string::npos);
    EXPECT_FALSE(run.contains("originalUriBaseIds"));
    const Json& first = run["results"][0]["locations"];
    EXPECT_EQ(first[0]["physicalLocation"]["artifactLocation"],
              Json({{"uri", "../../elsewhere/filing%20%C3%BC.json"}, {"uriBaseId", "%SRCROOT%"}}));
    EXPECT_EQ(first[1]["physicalLocation"]["artifactLocation"],
              Json({{"uri", "rules/cn_consumer.rule"}, {"uriBaseId", "%SRCROOT%"}}));
}

TEST(SarifReport, WithoutABaseUrisAreRelativeToTheCurrentFolder) {
    auto report = sample_report();
    const auto cwd = std::filesystem::current_path();
    for (auto& f : report.findings) f.rule_location.file = (cwd / "packs" / "cn.rules").string();
    const std::string text = render(report, Format::Sarif);
    EXPECT_EQ(text.find("file:"), std::string::npos);
    EXPECT_EQ(Json::parse(text)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
              Json({{"uri", "packs/cn.rules"}, {"uriBaseId", "%SRCROOT%"}}));
}

TEST(SarifReport, RulesLinkToTheirCatalogueEntryWhenItsAddressIsGiven) {
    const Json plain = sarif_of(sample_report());
    EXPECT_FALSE(plain["runs"][0]["tool"]["driver"].contains("informationUri"));  // no address made up
    ReportOptions options;
    options.catalogue_url = "https://recalls.example.gov/catalogue.html#top";
    const Json sarif = sarif_of(sample_report(), options);
    const Json& driver = sarif["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["informationUri"], "https://recalls.example.gov/catalogue.html#top");
    for (const auto& rule : driver["rules"]) {
        const std::string id = rule["id"];
        EXPECT_EQ(rule["helpUri"], "https://recalls.example.gov/catalogue.html#rule-" + id) << id;
    }
    EXPECT_EQ(anchor_id("rule-", "CN-CP-PLAN@2024-12-13.."), "rule-CN-CP-PLAN-2024-12-13--");
}

TEST(SarifReport, DistinctProblemsHaveDistinctFingerprints) {
    auto report = sample_report();
    // Three schema problems of one filing: one rule, one subject, three places.
    auto problem = report.findings.front();
    problem.rule_id = "F-SCHEMA";
    problem.subject_table = "filings";
    problem.subject_key = "F-1";
    report.findings.clear();
    for (int line : {3, 7, 7}) {
        problem.filing_location = SourceLocation{"filings/f1.json", line, 5};
        report.findings.push_back(problem);
    }
    std::set<std::string> seen;
    const Json log = sarif_of(report);  // bound first: a loop over a member of a temporary would dangle
    for (const auto& result : log["runs"][0]["results"])
        seen.insert(result["partialFingerprints"]["recallguardFindingKey/v1"].get<std::string>());
    EXPECT_EQ(seen.size(), 3u);
    EXPECT_TRUE(seen.count("F-SCHEMA|filings|F-1||filings/f1.json:3:5"));
    EXPECT_TRUE(seen.count("F-SCHEMA|filings|F-1||filings/f1.json:7:5|2"));
}

TEST(SarifReport, KeepsTheMostSevereResultsWithinGithubsLimitAndSaysSo) {
    auto report = sample_report();
    ReportOptions options;
    options.sarif_max_results = 3;
    const Json run = sarif_of(report, options)["runs"][0];
    ASSERT_EQ(run["results"].size(), 3u);
    for (const auto& result : run["results"]) EXPECT_EQ(result["level"], "error");
    EXPECT_EQ(run["properties"]["results_total"], 8);
    EXPECT_EQ(run["properties"]["results_omitted"], 5);
    bool said = false;
    for (const auto& n : run["invocations"][0]["toolExecutionNotifications"])
        said = said || n["message"]["text"].get<std::string>().find("5 of 8 results were left out") == 0;
    EXPECT_TRUE(said);
    EXPECT_EQ(kSarifMaxResults, 25000u);  // GitHub code scanning's limit per run
}

TEST(SarifReport, FindingWithoutALocationIsPlacedAtItsRule) {
    auto report = sample_report();
    for (auto& f : report.findings) f.rule_location = {};
    const Json results = sarif_of(report)["runs"][0]["results"];
    const Json* late = result_with_key(results, "INC-1");
    ASSERT_TRUE(late);
    ASSERT_EQ((*late)["locations"].size(), 1u);
    EXPECT_EQ((*late)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "rules/cn_consumer.rule");
    EXPECT_EQ((*late)["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
}

TEST(SarifReport, FailedAndSkippedRulesBecomeToolNotifications) {
    const Json sarif = sarif_of(sample_report());
    const Json& notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    ASSERT_EQ(notifications.size(), 2u);
    EXPECT_EQ(notifications[0]["level"], "note");
    EXPECT_EQ(notifications[0]["associatedRule"]["id"], "CN-CP-CCC");
    EXPECT_EQ(notifications[1]["level"], "error");
    EXPECT_EQ(notifications[1]["associatedRule"]["id"], "SIG-STALLED-CASE");
    EXPECT_EQ(
        notifications[1]["message"]["text"],
        "Rule SIG-STALLED-CASE failed: calendar CN has no data for 2027 (needed for a deadline after 2026-12-31)");
}

// The reference validator (Microsoft's SARIF multitool) with its SARIF and GitHub rule sets. It exits
// 0 even when it finds errors, so its result log is read: any result or notification at level
// "error" is a failure.
struct Validation {
    int exit_code = -1;
    int errors = 0;
    std::string problems;  // every finding of the validator, one per line
};

std::filesystem::path validator_path() {
    return std::filesystem::path(RECALLGUARD_SOURCE_DIR) / "tests/tools/node_modules/.bin/sarif-multitool";
}

Validation validate_sarif(const std::string& sarif) {
    recallguard::testing::ScratchDir scratch("sarif");
    const auto input = scratch.path() / "report.sarif";
    const auto log = scratch.path() / "validation.sarif";
    std::ofstream(input, std::ios::binary) << sarif;

    using recallguard::testing::shell_quote;
    const auto result = recallguard::testing::run_command(
        // The npm wrapper hands its arguments to a shell again, so the ';' list is quoted twice.
        shell_quote(validator_path().string()) + " validate --rule-kind '\"Sarif;Gh\"' --log ForceOverwrite --output " +
            shell_quote(log.string()) + " " + shell_quote(input.string()),
        scratch);
    Validation validation;
    validation.exit_code = result.exit_code;
    if (!std::filesystem::exists(log)) {
        ++validation.errors;
        validation.problems = "no validation log written:\n" + result.out + result.err;
        return validation;
    }
    const auto note = [&](const Json& item, const std::string& what) {
        const std::string level = item.value("level", "warning");
        validation.problems +=
            level + " " + what + " " + item.value("ruleId", "") + ": " + item["message"].dump() + "\n";
        if (level == "error") ++validation.errors;
    };
    const Json log_json = Json::parse(recallguard::testing::read_file_bytes(log));
    for (const auto& run : log_json["runs"]) {
        for (const auto& r : run.value("results", Json::array())) note(r, "result");
        for (const auto& invocation : run.value("invocations", Json::array())) {
            for (const auto& n : invocation.value("toolExecutionNotifications", Json::array())) note(n, "tool");
            for (const auto& n : invocation.value("toolConfigurationNotifications", Json::array())) note(n, "config");
        }
    }
    // It also prints each problem as "file(line,col): error CODE: ..." on stdout.
    if (result.out.find(": error ") != std::string::npos) {
        ++validation.errors;
        validation.problems += result.out;
    }
    return validation;
}

#define REQUIRE_VALIDATOR()                                                                                  \
    if (!std::filesystem::exists(validator_path()))                                                          \
    GTEST_SKIP() << "the SARIF validator is not installed: run scripts/test-tools.sh (npm install --prefix " \
                    "tests/tools)"

TEST(SarifReport, PassesTheReferenceValidator) {
    REQUIRE_VALIDATOR();
    const Validation validation = validate_sarif(render(sample_report(), Format::Sarif));
    EXPECT_EQ(validation.exit_code, 0);
    EXPECT_EQ(validation.errors, 0) << validation.problems;
    // Warnings and notes are advice (e.g. "end messages with a period"); show them, do not fail.
    if (!validation.problems.empty()) std::cout << "validator notes:\n" << validation.problems;
}

TEST(SarifReport, PassesTheReferenceValidatorWithARepositoryRoot) {
    REQUIRE_VALIDATOR();
    auto report = sample_report();
    for (auto& f : report.findings) f.rule_location.file = "/work/repo/" + f.rule_location.file;
    report.findings[0].filing_location = SourceLocation{"/elsewhere/filing ü #1.json", 3, 0};
    ReportOptions options;
    options.sarif_uri_base = "/work/repo";
    const Validation validation = validate_sarif(render(report, Format::Sarif, options));
    EXPECT_EQ(validation.errors, 0) << validation.problems;
}

TEST(SarifReport, ValidatorCheckCatchesABrokenLog) {
    REQUIRE_VALIDATOR();
    Json sarif = sarif_of(sample_report());
    sarif["runs"][0]["results"][0]["ruleIndex"] = 99;
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b.rule";
    const Validation validation = validate_sarif(sarif.dump(2));
    EXPECT_GE(validation.errors, 2) << validation.problems;
    EXPECT_NE(validation.problems.find("SARIF1009"), std::string::npos) << validation.problems;
    EXPECT_NE(validation.problems.find("SARIF1002"), std::string::npos) << validation.problems;
}
