// A sample audit report for the reporter tests: several companies and rules, every status, a failed
// and a skipped rule, and hostile values (quotes, SQL, <script>, newlines, NUL, Chinese, %s%n,
// formula starters, a terminal escape and malformed UTF-8).
#pragma once

#include <algorithm>
#include <sstream>
#include <string>

#include "findings/finding.h"
#include "report/report.h"

namespace recallguard::report::testing {

using namespace std::string_literals;

inline findings::RuleInfo sample_rule(std::string id, std::string title, std::string citation, std::string category,
                                      findings::Severity severity, std::string file, int line) {
    findings::RuleInfo rule;
    rule.id = std::move(id);
    rule.package = rule.id.rfind("SIG-", 0) == 0 ? "signals" : rule.id.rfind("US-", 0) == 0 ? "us" : "cn-consumer";
    rule.title = std::move(title);
    rule.citation = std::move(citation);
    rule.description = "Checks: " + rule.title + ".";
    rule.category = std::move(category);
    if (rule.package == "cn-consumer") {
        rule.instrument = "消费品召回管理暂行规定 (Interim Provisions)";
        rule.instrument_source = "SAMR Order No. 19 <2019>";
    } else if (rule.package == "us") {
        rule.instrument = "Consumer Product Safety Act §15(b) reporting";
        rule.instrument_source = "15 U.S.C. 2064(b)";
    }
    rule.severity = severity;
    rule.location = {std::move(file), line, 1};
    return rule;
}

inline findings::Finding sample_finding(const findings::RuleInfo& rule, std::string company, std::string table,
                                        std::string key, findings::Status status, std::string message) {
    findings::Finding f;
    f.rule_id = rule.id;
    f.package = rule.package;
    f.instrument = rule.instrument;
    f.instrument_source = rule.instrument_source;
    f.citation = rule.citation;
    f.category = rule.category;
    f.severity = rule.severity;
    f.subject_table = std::move(table);
    f.subject_key = std::move(key);
    f.company_id = std::move(company);
    // Legal names as companies.name holds them; one company (深圳电源有限公司) has none.
    if (f.company_id == "ACME-CN") f.company_name = "Acme Power \"Shenzhen\" Co., Ltd. <b>";
    if (f.company_id == "US-CO") f.company_name = "US Consumer Goods, Inc.";
    f.status = status;
    f.message = std::move(message);
    f.rule_location = rule.location;
    return f;
}

inline findings::AuditReport sample_report() {
    using findings::Severity;
    using findings::Status;
    findings::AuditReport report;
    report.run.tool_version = "0.1.0";
    report.run.as_of = "2025-10-08";
    report.run.database = "cases/acme.sqlite";
    report.run.database_fingerprint = "4f1c0e5b7d3a9e21";  // XXH3, 16 hex digits
    report.run.rules_fingerprint = "9a7d22c1e05b6f48";
    report.run.started_at = "2025-10-08T09:00:00Z";
    report.run.finished_at = "2025-10-08T09:00:02Z";
    report.run.rule_files = {"rules/cn_consumer.rule", "rules/signals.rule", "rules/us.rule"};
    report.run.database_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    report.run.rule_file_sha256 = {
        {"rules/cn_consumer.rule", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
        {"rules/signals.rule", "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"},
        {"rules/us.rule", "baa5a0964d3320fbc0c6a922140453c8513ea24ab8fd0577034804a967248096"},
    };

    // Deliberately not in id order: reporters sort rules themselves.
    const auto harm =
        sample_rule("CN-CP-HARM-REPORT", "Report death or serious injury within 2 working days", "Art. 8(1)(1)",
                    "missed_recall_measure", Severity::High, "rules/cn_consumer.rule", 12);
    const auto plan =
        sample_rule("CN-CP-PLAN", "Recall plan within 10 working days of a defect conclusion", "Art. 17(1)",
                    "missed_recall_measure", Severity::Critical, "rules/cn_consumer.rule", 30);
    const auto stop = sample_rule("CN-CP-STOP-SALE", "No sales after a defect conclusion <b>\"stop\"</b>", "Art. 15(1)",
                                  "prohibited_act", Severity::Critical, "rules/cn_consumer.rule", 48);
    const auto stage = sample_rule("CN-CP-STAGE-REPORT", "阶段性召回报告 every 3 months", "Art. 21(1)",
                                   "missed_recall_measure", Severity::Medium, "rules/cn_consumer.rule", 66);
    const auto cpsc = sample_rule("US-CPSC-15B", "Report within 24 hours", "CPSA §15(b); 16 CFR 1115.14(e)",
                                  "missed_recall_measure", Severity::High, "rules/us.rule", 5);
    const auto fire = sample_rule("SIG-FIRE-CLUSTER", "Fire cluster without a defect case", "", "signal", Severity::Low,
                                  "rules/signals.rule", 3);
    const auto stalled =
        sample_rule("SIG-STALLED-CASE", "Stalled case", "", "signal", Severity::Info, "rules/signals.rule", 40);
    const auto ccc = sample_rule("CN-CP-CCC", "CCC for power banks", "CCC catalogue", "prohibited_act", Severity::High,
                                 "rules/cn_consumer.rule", 90);
    const auto nhtsa = sample_rule("US-NHTSA-573", "Defect report within 5 working days", "49 CFR 573.6(b)",
                                   "missed_recall_measure", Severity::High, "rules/us.rule", 20);
    report.rules = {stop, harm, plan, stage, cpsc, fire, stalled, ccc, nhtsa};

    const auto status = [](std::string id, int64_t subjects, int64_t found, double ms,
                           findings::RuleRunStatus::State state = findings::RuleRunStatus::State::Ok,
                           std::string detail = "") {
        findings::RuleRunStatus s;
        s.rule_id = std::move(id);
        s.state = state;
        s.subjects_evaluated = subjects;
        s.findings = found;
        s.elapsed_ms = ms;
        s.detail = std::move(detail);
        return s;
    };
    report.statuses = {
        status("CN-CP-HARM-REPORT", 14, 2, 3.25),
        status("CN-CP-PLAN", 5, 1, 1.5),
        status("CN-CP-STOP-SALE", 5, 1, 2.0),
        status("CN-CP-STAGE-REPORT", 3, 1, 4.125),
        status("US-CPSC-15B", 6, 1, 0.75),
        status("SIG-FIRE-CLUSTER", 9, 2, 6.5),
        status("SIG-STALLED-CASE", 0, 0, 0.25, findings::RuleRunStatus::State::Error,
               "calendar CN has no data for 2027 (needed for a deadline after 2026-12-31)"),
        status("CN-CP-CCC", 0, 0, 0, findings::RuleRunStatus::State::Skipped, "no power_bank products"),
        status("US-NHTSA-573", 2, 0, 0.5),
    };

    std::vector<findings::Finding> list;
    auto f1 = sample_finding(harm, "ACME-CN", "incidents", "INC-1", Status::Late, "Incident report filed 2 days late");
    f1.trigger_date = "2025-03-03";
    f1.due = "2025-03-05";
    f1.done = "2025-03-07";
    f1.days_late = 2;
    f1.evidence = {{"known_on", "2025-03-03"}, {"filing_id", "F-17"}, {"filed_on", "2025-03-07"}};
    list.push_back(f1);

    auto f2 = sample_finding(harm, "ACME-CN", "incidents", "INC-2", Status::Missing, "<script>alert(1)</script>");
    f2.trigger_date = "2025-04-01";
    f2.due = "2025-04-03";
    f2.days_overdue = 188;
    f2.evidence = {{"known_on", "2025-04-01"}, {"outcome", "death"}};
    f2.baseline_state = "new";
    list.push_back(f2);

    auto f3 =
        sample_finding(stage, "ACME-CN", "recalls", "R-1", Status::Missing, "Stage report for period 2\nnever filed");
    f3.period = 2;
    f3.due = "2025-07-14";
    f3.days_overdue = 86;
    f3.evidence = {{"period_end", "2025-06-30"}, {"filings", nlohmann::ordered_json::array({"F-3", "F-9"})}};
    list.push_back(f3);

    auto f4 = sample_finding(stop, "ACME-CN", "defect_cases", "'; DROP TABLE filings; --", Status::Violation,
                             "He said \"stop\", she said 'no'; sales went on");
    f4.trigger_date = "2025-02-10";
    f4.evidence = {{"sale_id", "S-\"9\""}, {"sold_on", "2025-02-14"}, {"<tag>", "a&b"}};
    list.push_back(f4);

    auto f5 = sample_finding(plan, "深圳电源有限公司", "defect_cases", "案例-7", Status::Late, "召回计划逾期提交");
    f5.trigger_date = "2025-05-06";
    f5.due = "2025-05-20";
    f5.done = "2025-06-02";
    f5.days_late = 13;
    f5.filing_location = SourceLocation{"filings/2025 plan#1.json", 12, 5};
    f5.baseline_state = "unchanged";
    list.push_back(f5);

    auto f6 = sample_finding(cpsc, "US-CO", "incidents", "I-9", Status::Missing, "=1+2 %s%n reported nowhere");
    f6.trigger_date = "2025-08-01";
    f6.due = "2025-08-02";
    f6.days_overdue = 67;
    list.push_back(f6);

    auto f7 = sample_finding(fire, "US-CO", "products", "-P-7", Status::Signal, "nul\0byte and a \x1b[31mred\x1b[0m"s);
    f7.evidence = {{"events", 3}, {"first", "2025-01-02"}, {"window", {{"from", "2024-10-05"}, {"to", "2025-01-02"}}}};
    list.push_back(f7);

    auto f8 = sample_finding(fire, "ACME-CN", "products", "P-1", Status::Signal, "bad bytes \xff\xfe here, tab\there");
    f8.evidence = {{"events", 4}};
    list.push_back(f8);

    std::stable_sort(list.begin(), list.end(), findings::finding_less);
    report.findings = list;
    return report;
}

inline std::string render(const findings::AuditReport& report, Format format, const ReportOptions& options = {}) {
    std::ostringstream out;
    write_report(report, format, out, options);
    return out.str();
}

}  // namespace recallguard::report::testing
