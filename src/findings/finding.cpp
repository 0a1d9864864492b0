#include "findings/finding.h"

#include <tuple>

namespace recallguard::findings {

const char* status_name(Status status) {
    switch (status) {
        case Status::Late:
            return "late";
        case Status::Missing:
            return "missing";
        case Status::Violation:
            return "violation";
        case Status::Signal:
            return "signal";
        case Status::Pending:
            return "pending";
    }
    return "missing";
}

std::optional<Status> parse_status(const std::string& name) {
    for (auto s : {Status::Late, Status::Missing, Status::Violation, Status::Signal, Status::Pending})
        if (name == status_name(s)) return s;
    return std::nullopt;
}

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return "info";
        case Severity::Low:
            return "low";
        case Severity::Medium:
            return "medium";
        case Severity::High:
            return "high";
        case Severity::Critical:
            return "critical";
    }
    return "medium";
}

std::optional<Severity> parse_severity(const std::string& name) {
    for (auto s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (name == severity_name(s)) return s;
    return std::nullopt;
}

std::string finding_key(const Finding& finding) {
    return finding.rule_id + "|" + finding.subject_table + "|" + finding.subject_key + "|" +
           (finding.period ? std::to_string(*finding.period) : "");
}

bool finding_less(const Finding& a, const Finding& b) {
    const int pa = a.period.value_or(0), pb = b.period.value_or(0);
    return std::tie(a.company_id, a.rule_id, a.rule_version, a.subject_key, pa, a.status) <
           std::tie(b.company_id, b.rule_id, b.rule_version, b.subject_key, pb, b.status);
}

std::string rule_key(const std::string& rule_id, const std::string& version) {
    return version.empty() ? rule_id : rule_id + "@" + version;
}

const char* rule_state_name(RuleRunStatus::State state) {
    switch (state) {
        case RuleRunStatus::State::Ok:
            return "ok";
        case RuleRunStatus::State::Skipped:
            return "skipped";
        case RuleRunStatus::State::Error:
            return "error";
    }
    return "ok";
}

}  // namespace recallguard::findings
