// The results of an audit, as every reporter sees them: findings with their evidence,
// the rules that ran and their status, and facts about the run. Reporters read only this.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/source_location.h"

namespace recallguard::findings {

// Statuses of the contract (standard-rules.md). `Pending` is reported only on request.
enum class Status { Late, Missing, Violation, Signal, Pending };
const char* status_name(Status status);
std::optional<Status> parse_status(const std::string& name);

enum class Severity { Info, Low, Medium, High, Critical };
const char* severity_name(Severity severity);
std::optional<Severity> parse_severity(const std::string& name);

// A rule with several versions (effective periods) is reported as one rule per version. The
// version is "" for a rule with one version, else its period ("2024-12-13..", "..2024-12-13",
// "2024-12-13..2025-12-31"); the key names one version: "ID" or "ID@2024-12-13..".
std::string rule_key(const std::string& rule_id, const std::string& version);

// What a reporter needs to know about a rule (SARIF reportingDescriptor, catalogue, HTML).
struct RuleInfo {
    std::string id;
    std::string version;
    std::string package;
    // The instrument the rule encodes: its package's `title` and `source` ("" when not given).
    std::string instrument;
    std::string instrument_source;
    std::string title;
    std::string citation;
    std::string description;
    std::string category;  // concealed_defect, missed_recall_measure, prohibited_act, signal, ...
    Severity severity = Severity::Medium;
    SourceLocation location;  // where the rule is written
};

struct Finding {
    std::string rule_id;
    std::string rule_version;  // the version of the rule that found it (see rule_key)
    std::string package;
    // The instrument (the package's `title` and `source`) and the article (`citation`) it breaks.
    std::string instrument;
    std::string instrument_source;
    std::string citation;
    std::string category;
    Severity severity = Severity::Medium;
    std::string subject_table;
    std::string subject_key;
    std::optional<int> period;  // periodic obligations: k = 1, 2, ...
    std::string company_id;
    // The company's legal name (companies.name); "" when the database names no such company.
    std::string company_name;
    Status status = Status::Missing;
    std::optional<std::string> trigger_date;
    std::optional<std::string> due;
    std::optional<std::string> done;  // date of the record that satisfied it, if any
    std::optional<int64_t> days_late;
    // Missing records: calendar days from the due date to the audit date (as_of - due, > 0).
    std::optional<int64_t> days_overdue;
    std::string message;
    nlohmann::ordered_json evidence = nlohmann::ordered_json::object();  // the rows and values that decided it
    SourceLocation rule_location;
    // Set by baseline comparison: "new", "unchanged", "absent" (SARIF baselineState); "" when none.
    std::string baseline_state;
    // Set by filing checks: where in a filing the problem lies (SARIF result location).
    std::optional<SourceLocation> filing_location;
};

// Stable identity of a finding across runs (rule, subject, period).
std::string finding_key(const Finding& finding);

// Total order used by every reporter: company, rule, subject, period, status.
bool finding_less(const Finding& a, const Finding& b);

struct RuleRunStatus {
    std::string rule_id;
    std::string version;
    enum class State { Ok, Skipped, Error } state = State::Ok;
    int64_t subjects_evaluated = 0;
    int64_t findings = 0;
    double elapsed_ms = 0;
    std::string detail;  // why skipped or what failed
};
const char* rule_state_name(RuleRunStatus::State state);

struct RunInfo {
    std::string tool_name = "recallguard";
    std::string tool_version;
    std::string as_of;
    std::string database;              // path as given
    std::string database_fingerprint;  // XXH3 of the database file's bytes (fast identity, not evidence)
    std::string rules_fingerprint;     // XXH3 of the rule sources, calendars and parameters set
    // The audit record: SHA-256 (64 hex digits) of the database file's bytes as audited, and of each
    // rule file's text as it was checked, by path in rule_files order.
    std::string database_sha256;
    std::vector<std::pair<std::string, std::string>> rule_file_sha256;
    std::string started_at;  // UTC, ISO-8601
    std::string finished_at;
    std::vector<std::string> rule_files;
    // Rule parameters set for this run (--param), "RULE-ID.name" -> the value used, in the
    // rule language's form ("45 days"); empty when every rule ran with its own values.
    std::vector<std::pair<std::string, std::string>> parameters;
};

struct AuditReport {
    RunInfo run;
    std::vector<RuleInfo> rules;          // every rule that was selected, in id order
    std::vector<RuleRunStatus> statuses;  // one per selected rule
    std::vector<Finding> findings;        // sorted with finding_less
};

}  // namespace recallguard::findings
