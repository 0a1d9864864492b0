// The JSON and JSONL reports, parsed back: shape and key order, nulls for absent values, hostile
// strings intact, summary counts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "golden.h"
#include "report/report.h"
#include "report_sample.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;
using Json = nlohmann::ordered_json;
using namespace std::string_literals;

namespace {

std::vector<std::string> keys_of(const Json& object) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items()) keys.push_back(key);
    return keys;
}

const Json* finding_with_key(const Json& findings, const std::string& key) {
    for (const auto& f : findings)
        if (f["subject"]["key"] == key) return &f;
    return nullptr;
}

}  // namespace

TEST(JsonReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.json", render(sample_report(), Format::Json));
}

TEST(JsonlReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.jsonl", render(sample_report(), Format::Jsonl));
}

TEST(JsonReport, HasTheDocumentedShapeInOrder) {
    const Json json = Json::parse(render(sample_report(), Format::Json));
    EXPECT_EQ(keys_of(json), (std::vector<std::string>{"tool", "run", "rules", "findings", "summary"}));
    EXPECT_EQ(json["tool"], Json({{"name", "recallguard"}, {"version", "0.1.0"}}));
    EXPECT_EQ(
        keys_of(json["run"]),
        (std::vector<std::string>{"as_of", "database", "database_fingerprint", "rules_fingerprint", "started_at",
                                  "finished_at", "rule_files", "database_sha256", "rule_files_sha256", "parameters"}));
    EXPECT_EQ(json["run"]["database_sha256"], "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    EXPECT_EQ(keys_of(json["run"]["rule_files_sha256"]), json["run"]["rule_files"].get<std::vector<std::string>>());
    EXPECT_EQ(json["run"]["rule_files"].size(), 3u);

    ASSERT_EQ(json["rules"].size(), 9u);
    std::vector<std::string> ids;
    for (const auto& rule : json["rules"]) ids.push_back(rule["id"]);
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    EXPECT_EQ(
        keys_of(json["rules"][0]),
        (std::vector<std::string>{"id", "package", "instrument", "title", "citation", "category", "severity", "status",
                                  "subjects_evaluated", "findings", "elapsed_ms", "detail", "location"}));
    ASSERT_EQ(json["findings"].size(), 8u);
    EXPECT_EQ(keys_of(json["findings"][0]),
              (std::vector<std::string>{"rule_id", "package", "instrument", "citation", "category", "severity",
                                        "subject", "period", "company_id", "company_name", "status", "trigger_date",
                                        "due", "done", "days_late", "days_overdue", "message", "evidence"}));
    EXPECT_EQ(keys_of(json["summary"]),
              (std::vector<std::string>{"findings", "by_status", "by_severity", "by_rule", "by_company", "rules_ok",
                                        "rules_error", "rules_skipped"}));
}

TEST(JsonReport, RulesCarryTheirRunStatus) {
    const Json json = Json::parse(render(sample_report(), Format::Json));
    for (const auto& rule : json["rules"]) {
        if (rule["id"] == "SIG-STALLED-CASE") {
            EXPECT_EQ(rule["status"], "error");
            EXPECT_EQ(rule["detail"], "calendar CN has no data for 2027 (needed for a deadline after 2026-12-31)");
        } else if (rule["id"] == "CN-CP-HARM-REPORT") {
            EXPECT_EQ(rule["status"], "ok");
            EXPECT_EQ(rule["subjects_evaluated"], 14);
            EXPECT_EQ(rule["findings"], 2);
            EXPECT_EQ(rule["severity"], "high");
            EXPECT_TRUE(rule["detail"].is_null());
            EXPECT_EQ(rule["location"], Json({{"file", "rules/cn_consumer.rule"}, {"line", 12}, {"column", 1}}));
        }
        EXPECT_TRUE(rule["elapsed_ms"].is_null()) << "timings leak into default output";
    }
}

TEST(JsonReport, TimingsOnRequest) {
    ReportOptions options;
    options.include_timings = true;
    const Json json = Json::parse(render(sample_report(), Format::Json, options));
    for (const auto& rule : json["rules"]) {
        if (rule["id"] == "CN-CP-STAGE-REPORT") {
            EXPECT_DOUBLE_EQ(rule["elapsed_ms"].get<double>(), 4.125);
        }
    }
}

TEST(JsonReport, AbsentValuesAreNullAndHostileStringsSurvive) {
    const auto report = sample_report();
    const Json json = Json::parse(render(report, Format::Json));
    const auto& list = json["findings"];

    const Json* missing = finding_with_key(list, "INC-2");
    ASSERT_TRUE(missing);
    EXPECT_TRUE((*missing)["done"].is_null());
    EXPECT_TRUE((*missing)["days_late"].is_null());
    EXPECT_EQ((*missing)["days_overdue"], 188);
    EXPECT_EQ((*missing)["company_name"], "Acme Power \"Shenzhen\" Co., Ltd. <b>");
    EXPECT_EQ((*missing)["instrument"],
              Json({{"title", "消费品召回管理暂行规定 (Interim Provisions)"}, {"source", "SAMR Order No. 19 <2019>"}}));
    EXPECT_TRUE((*missing)["period"].is_null());
    EXPECT_EQ((*missing)["message"], "<script>alert(1)</script>");
    EXPECT_EQ((*missing)["baseline_state"], "new");

    const Json* sql = finding_with_key(list, "'; DROP TABLE filings; --");
    ASSERT_TRUE(sql);
    EXPECT_EQ((*sql)["message"], "He said \"stop\", she said 'no'; sales went on");
    EXPECT_EQ((*sql)["evidence"]["<tag>"], "a&b");
    EXPECT_FALSE(sql->contains("baseline_state"));

    const Json* nul = finding_with_key(list, "-P-7");
    ASSERT_TRUE(nul);
    EXPECT_EQ((*nul)["message"].get<std::string>(), "nul\0byte and a \x1b[31mred\x1b[0m"s);
    EXPECT_EQ((*nul)["evidence"]["window"]["from"], "2024-10-05");

    const Json* chinese = finding_with_key(list, "案例-7");
    ASSERT_TRUE(chinese);
    EXPECT_EQ((*chinese)["company_id"], "深圳电源有限公司");
    EXPECT_EQ((*chinese)["days_late"], 13);
    EXPECT_TRUE((*chinese)["days_overdue"].is_null());
    EXPECT_TRUE((*chinese)["company_name"].is_null());  // the database names no such company
    EXPECT_EQ((*chinese)["filing_location"], Json({{"file", "filings/2025 plan#1.json"}, {"line", 12}, {"column", 5}}));

    const Json* stage = finding_with_key(list, "R-1");
    ASSERT_TRUE(stage);
    EXPECT_EQ((*stage)["period"], 2);
    EXPECT_EQ((*stage)["message"], "Stage report for period 2\nnever filed");

    const Json* bad_bytes = finding_with_key(list, "P-1");
    ASSERT_TRUE(bad_bytes);
    EXPECT_EQ((*bad_bytes)["message"], "bad bytes \xEF\xBF\xBD\xEF\xBF\xBD here, tab\there");
}

TEST(JsonReport, SummaryCountsEveryDimension) {
    const Json summary = Json::parse(render(sample_report(), Format::Json))["summary"];
    EXPECT_EQ(summary["findings"], 8);
    EXPECT_EQ(summary["by_status"],
              Json({{"late", 2}, {"missing", 3}, {"violation", 1}, {"signal", 2}, {"pending", 0}}));
    EXPECT_EQ(summary["by_severity"], Json({{"critical", 2}, {"high", 3}, {"medium", 1}, {"low", 2}, {"info", 0}}));
    EXPECT_EQ(summary["by_rule"]["CN-CP-HARM-REPORT"], 2);
    EXPECT_EQ(summary["by_rule"]["US-NHTSA-573"], 0);
    EXPECT_EQ(summary["by_rule"].size(), 9u);
    EXPECT_EQ(summary["by_company"], Json({{"ACME-CN", 5}, {"US-CO", 2}, {"深圳电源有限公司", 1}}));
    EXPECT_EQ(summary["rules_ok"], 7);
    EXPECT_EQ(summary["rules_error"], 1);
    EXPECT_EQ(summary["rules_skipped"], 1);
}

TEST(JsonlReport, OneFindingPerLineSameAsTheJsonFindings) {
    const auto report = sample_report();
    const Json json = Json::parse(render(report, Format::Json));
    std::istringstream lines(render(report, Format::Jsonl));
    std::string line;
    size_t count = 0;
    while (std::getline(lines, line)) {
        ASSERT_LT(count, json["findings"].size());
        EXPECT_EQ(Json::parse(line), json["findings"][count]) << "line " << count + 1;
        ++count;
    }
    EXPECT_EQ(count, report.findings.size());
}
