#include "engine/compare.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "common/errors.h"
#include "common/files.h"

namespace recallguard::engine {

namespace {

std::optional<std::string> optional_string(const nlohmann::json& object, const char* key) {
    if (!object.contains(key) || object[key].is_null()) return std::nullopt;
    return object[key].get<std::string>();
}

std::string subject_of(const findings::Finding& f) {
    return f.subject_table + ":" + f.subject_key + (f.period ? "#" + std::to_string(*f.period) : "");
}

}  // namespace

std::string describe(const findings::Finding& f) {
    std::string text = findings::status_name(f.status);
    if (f.due) text += " due " + *f.due;
    if (f.done) text += " done " + *f.done;
    return text;
}

std::vector<findings::Finding> read_json_findings(const std::string& path) {
    FileText file = read_file(path);
    if (!file.ok()) throw InputError(path + ": cannot read the baseline report: " + file.reason);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(file.text);
    } catch (const nlohmann::json::exception& e) {  // syntax, or a number too large (out_of_range)
        throw InputError(path + ": not a JSON report: " + e.what());
    }
    if (!document.is_object() || !document.contains("findings") || !document["findings"].is_array())
        throw InputError(path + ": not a recallguard JSON report (no \"findings\" array)");
    std::vector<findings::Finding> out;
    size_t index = 0;
    for (const auto& item : document["findings"]) {
        try {
            findings::Finding f;
            f.rule_id = item.at("rule_id").get<std::string>();
            f.package = item.value("package", "");
            f.citation = item.value("citation", "");
            f.category = item.value("category", "");
            f.severity =
                findings::parse_severity(item.value("severity", "medium")).value_or(findings::Severity::Medium);
            f.subject_table = item.at("subject").at("table").get<std::string>();
            f.subject_key = item.at("subject").at("key").get<std::string>();
            if (item.contains("period") && !item["period"].is_null()) f.period = item["period"].get<int>();
            f.company_id = item.value("company_id", "");
            if (item.contains("company_name") && item["company_name"].is_string())
                f.company_name = item["company_name"].get<std::string>();
            if (item.contains("instrument") && item["instrument"].is_object()) {
                f.instrument = item["instrument"].value("title", "");
                f.instrument_source = item["instrument"].value("source", "");
            }
            const auto status = findings::parse_status(item.at("status").get<std::string>());
            if (!status) throw InputError("unknown status");
            f.status = *status;
            f.trigger_date = optional_string(item, "trigger_date");
            f.due = optional_string(item, "due");
            f.done = optional_string(item, "done");
            if (item.contains("days_late") && !item["days_late"].is_null())
                f.days_late = item["days_late"].get<int64_t>();
            if (item.contains("days_overdue") && !item["days_overdue"].is_null())
                f.days_overdue = item["days_overdue"].get<int64_t>();
            f.message = item.value("message", "");
            out.push_back(std::move(f));
        } catch (const std::exception& e) {
            throw InputError(path + ": finding /findings/" + std::to_string(index) + " cannot be read: " + e.what());
        }
        ++index;
    }
    return out;
}

void apply_baseline(findings::AuditReport& report, const std::vector<findings::Finding>& baseline) {
    std::map<std::string, const findings::Finding*> before;
    for (const auto& f : baseline) before[findings::finding_key(f)] = &f;
    std::map<std::string, bool> seen;
    for (auto& f : report.findings) {
        const auto key = findings::finding_key(f);
        auto it = before.find(key);
        seen[key] = true;
        if (it == before.end())
            f.baseline_state = "new";
        else if (it->second->status != f.status || it->second->due != f.due)
            f.baseline_state = "updated";
        else
            f.baseline_state = "unchanged";
    }
    for (const auto& f : baseline) {
        if (seen.count(findings::finding_key(f))) continue;
        findings::Finding gone = f;
        gone.baseline_state = "absent";
        report.findings.push_back(std::move(gone));
    }
    std::sort(report.findings.begin(), report.findings.end(), findings::finding_less);
}

std::vector<FindingChange> diff_findings(const std::vector<findings::Finding>& old_findings,
                                         const std::vector<findings::Finding>& new_findings) {
    std::map<std::string, const findings::Finding*> before, after;
    for (const auto& f : old_findings) before[findings::finding_key(f)] = &f;
    for (const auto& f : new_findings) after[findings::finding_key(f)] = &f;
    std::vector<FindingChange> changes;
    for (const auto& [key, f] : after) {
        auto it = before.find(key);
        if (it == before.end()) {
            changes.push_back({f->rule_id, subject_of(*f), "new finding", "", describe(*f)});
        } else if (it->second->status != f->status) {
            changes.push_back({f->rule_id, subject_of(*f), "status changed", describe(*it->second), describe(*f)});
        } else if (it->second->due != f->due || it->second->done != f->done) {
            changes.push_back({f->rule_id, subject_of(*f), "due date changed", describe(*it->second), describe(*f)});
        }
    }
    for (const auto& [key, f] : before)
        if (!after.count(key)) changes.push_back({f->rule_id, subject_of(*f), "finding gone", describe(*f), ""});
    std::sort(changes.begin(), changes.end(), [](const FindingChange& a, const FindingChange& b) {
        return std::tie(a.rule_id, a.subject, a.change) < std::tie(b.rule_id, b.subject, b.change);
    });
    return changes;
}

}  // namespace recallguard::engine
