// The JSON report (one pretty-printed object) and JSONL (one finding per line).
#include <cmath>

#include "report/formats.h"
#include "report/json_values.h"
#include "report/summary.h"

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using Json = nlohmann::ordered_json;

namespace {

Json location_json(const SourceLocation& location) {
    if (location.file.empty()) return nullptr;
    Json json = {{"file", location.file}, {"line", location.known() ? Json(location.line) : Json(nullptr)}};
    if (location.column > 0) json["column"] = location.column;
    return json;
}

Json counts_json(const Counts& counts) {
    Json json = Json::object();
    for (const auto& [name, count] : counts) json[name] = count;
    return json;
}

Json rule_json(const RuleRow& row, bool include_timings) {
    const auto* info = row.info;
    const auto* status = row.status;
    const auto text = [&](std::string findings::RuleInfo::*field) { return info ? Json(info->*field) : Json(nullptr); };
    Json json = {
        {"id", row.id},
        {"package", text(&findings::RuleInfo::package)},
        {"instrument", info ? Json{{"title", info->instrument}, {"source", info->instrument_source}} : Json(nullptr)},
        {"title", text(&findings::RuleInfo::title)},
        {"citation", text(&findings::RuleInfo::citation)},
        {"category", text(&findings::RuleInfo::category)},
        {"severity", info ? Json(findings::severity_name(info->severity)) : Json(nullptr)},
        {"status", status ? Json(findings::rule_state_name(status->state)) : Json(nullptr)},
        {"subjects_evaluated", status ? Json(status->subjects_evaluated) : Json(nullptr)},
        {"findings", status ? Json(status->findings) : Json(nullptr)},
        // Rounded to microseconds so the text does not depend on printing a double's last bits.
        {"elapsed_ms", status && include_timings ? Json(std::round(status->elapsed_ms * 1000) / 1000) : Json(nullptr)},
        {"detail", status && !status->detail.empty() ? Json(status->detail) : Json(nullptr)},
        {"location", info ? location_json(info->location) : Json(nullptr)},
    };
    // One entry per version of a rule with several: its effective period tells them apart.
    if (!row.version.empty()) json["version"] = row.version;
    return json;
}

}  // namespace

std::string dump_json(const Json& value, int indent) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

Json finding_json(const Finding& finding) {
    Json json = {
        {"rule_id", finding.rule_id},
        {"package", finding.package},
        {"instrument", {{"title", finding.instrument}, {"source", finding.instrument_source}}},
        {"citation", finding.citation},
        {"category", finding.category},
        {"severity", findings::severity_name(finding.severity)},
        {"subject", {{"table", finding.subject_table}, {"key", finding.subject_key}}},
        {"period", optional_json(finding.period)},
        {"company_id", finding.company_id},
        {"company_name", finding.company_name.empty() ? Json(nullptr) : Json(finding.company_name)},
        {"status", findings::status_name(finding.status)},
        {"trigger_date", optional_json(finding.trigger_date)},
        {"due", optional_json(finding.due)},
        {"done", optional_json(finding.done)},
        {"days_late", optional_json(finding.days_late)},
        {"days_overdue", optional_json(finding.days_overdue)},
        {"message", finding.message},
        {"evidence", finding.evidence},
    };
    if (!finding.rule_version.empty()) json["rule_version"] = finding.rule_version;
    if (!finding.baseline_state.empty()) json["baseline_state"] = finding.baseline_state;
    if (finding.filing_location) json["filing_location"] = location_json(*finding.filing_location);
    return json;
}

void write_json(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const auto& run = report.run;
    Json json;
    json["tool"] = {{"name", run.tool_name}, {"version", run.tool_version}};
    json["run"] = {
        {"as_of", run.as_of},
        {"database", run.database},
        {"database_fingerprint", run.database_fingerprint},
        {"rules_fingerprint", run.rules_fingerprint},
        {"started_at", run.started_at},
        {"finished_at", run.finished_at},
        {"rule_files", run.rule_files},
        {"database_sha256", run.database_sha256},
        {"rule_files_sha256", Json::object()},
    };
    // The audit record: SHA-256 of the database as audited and of each rule file as checked.
    for (const auto& [file, digest] : run.rule_file_sha256) json["run"]["rule_files_sha256"][file] = digest;
    // Each rule parameter set for this run: a reader of the report must know the rules were changed.
    json["run"]["parameters"] = Json::object();
    for (const auto& [name, value] : run.parameters) json["run"]["parameters"][name] = value;
    json["rules"] = Json::array();
    for (const auto& row : rule_rows(report)) json["rules"].push_back(rule_json(row, options.include_timings));
    json["findings"] = Json::array();
    for (const auto* finding : sorted_findings(report)) json["findings"].push_back(finding_json(*finding));

    const Summary summary = summarize(report);
    json["summary"] = {
        {"findings", summary.findings},
        {"by_status", counts_json(summary.by_status)},
        {"by_severity", counts_json(summary.by_severity)},
        {"by_rule", counts_json(summary.by_rule)},
        {"by_company", counts_json(summary.by_company)},
        {"rules_ok", summary.rules_ok},
        {"rules_error", summary.rules_error},
        {"rules_skipped", summary.rules_skipped},
    };
    out << dump_json(json, 2) << '\n';
}

void write_jsonl(const AuditReport& report, std::ostream& out) {
    for (const auto* finding : sorted_findings(report)) out << dump_json(finding_json(*finding), -1) << '\n';
}

}  // namespace recallguard::report
