#include "report/summary.h"

#include <algorithm>
#include <map>

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using findings::RuleRunStatus;
using findings::Severity;
using findings::Status;

std::vector<RuleRow> rule_rows(const AuditReport& report) {
    std::map<std::string, RuleRow> rows;
    const auto row_of = [&](const std::string& id, const std::string& version) -> RuleRow& {
        auto& row = rows[findings::rule_key(id, version)];
        row.id = id;
        row.version = version;
        row.key = findings::rule_key(id, version);
        return row;
    };
    // The first RuleInfo / status for a key wins, so a duplicate cannot change what is reported.
    for (const auto& info : report.rules) {
        auto& row = row_of(info.id, info.version);
        if (!row.info) row.info = &info;
    }
    for (const auto& status : report.statuses) {
        auto& row = row_of(status.rule_id, status.version);
        if (!row.status) row.status = &status;
    }
    for (const auto& finding : report.findings) row_of(finding.rule_id, finding.rule_version);
    std::vector<RuleRow> result;
    result.reserve(rows.size());
    for (auto& [id, row] : rows) result.push_back(row);
    return result;
}

std::vector<const Finding*> sorted_findings(const AuditReport& report) {
    std::vector<const Finding*> result;
    result.reserve(report.findings.size());
    for (const auto& finding : report.findings) result.push_back(&finding);
    std::stable_sort(result.begin(), result.end(),
                     [](const Finding* a, const Finding* b) { return findings::finding_less(*a, *b); });
    return result;
}

namespace {

Counts to_counts(const std::map<std::string, size_t>& counts) {
    return {counts.begin(), counts.end()};
}

}  // namespace

Summary summarize(const AuditReport& report) {
    Summary summary;
    summary.findings = report.findings.size();

    std::map<Status, size_t> statuses;
    std::map<Severity, size_t> severities;
    std::map<std::string, size_t> rules, companies, categories;
    for (const auto& row : rule_rows(report)) rules[row.key] = 0;
    for (const auto& finding : report.findings) {
        ++statuses[finding.status];
        ++severities[finding.severity];
        ++rules[findings::rule_key(finding.rule_id, finding.rule_version)];
        ++companies[finding.company_id];
        ++categories[finding.category];
    }
    for (auto s : {Status::Late, Status::Missing, Status::Violation, Status::Signal, Status::Pending})
        summary.by_status.emplace_back(findings::status_name(s), statuses[s]);
    for (auto s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info})
        summary.by_severity.emplace_back(findings::severity_name(s), severities[s]);
    summary.by_rule = to_counts(rules);
    summary.by_company = to_counts(companies);
    summary.by_category = to_counts(categories);

    for (const auto& row : rule_rows(report)) {
        if (!row.status) continue;
        switch (row.status->state) {
            case RuleRunStatus::State::Ok:
                ++summary.rules_ok;
                break;
            case RuleRunStatus::State::Error:
                ++summary.rules_error;
                break;
            case RuleRunStatus::State::Skipped:
                ++summary.rules_skipped;
                break;
        }
    }
    return summary;
}

std::string instrument_text(const std::string& title, const std::string& source) {
    if (title.empty()) return source;
    if (source.empty()) return title;
    return title + "; " + source;
}

std::string company_text(const std::string& id, const std::string& name) {
    if (id.empty()) return "(no company)";
    return name.empty() ? id : id + " (" + name + ")";
}

size_t count_of(const Counts& counts, const std::string& key) {
    for (const auto& [name, count] : counts)
        if (name == key) return count;
    return 0;
}

}  // namespace recallguard::report
