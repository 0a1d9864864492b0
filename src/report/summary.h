// What several reporters share: rules merged with their run status in id order, findings in
// reporting order, and the counts behind every summary (by status, severity, rule, company, category).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "findings/finding.h"

namespace recallguard::report {

// One rule as reported: its description and how its run went; either may be missing when the
// engine handed over a status or a finding for a rule it gave no RuleInfo for.
struct RuleRow {
    std::string id;
    std::string version;  // "" unless the rule has several versions: each is a row of its own
    std::string key;      // findings::rule_key(id, version): unique among the rows
    const findings::RuleInfo* info = nullptr;
    const findings::RuleRunStatus* status = nullptr;
};

// Every rule version named by the report's rules, statuses or findings, sorted by key, each once.
std::vector<RuleRow> rule_rows(const findings::AuditReport& report);

// The findings in reporting order (findings::finding_less; ties keep the engine's order).
std::vector<const findings::Finding*> sorted_findings(const findings::AuditReport& report);

using Counts = std::vector<std::pair<std::string, size_t>>;

struct Summary {
    size_t findings = 0;
    Counts by_status;    // every status, in the contract's order (late, missing, violation, signal, pending)
    Counts by_severity;  // every severity, most severe first
    Counts by_rule;      // every rule of rule_rows by key, in key order, zero when it found nothing
    Counts by_company;   // companies with findings, in id order
    Counts by_category;  // categories with findings, in name order
    size_t rules_ok = 0;
    size_t rules_error = 0;
    size_t rules_skipped = 0;
};

Summary summarize(const findings::AuditReport& report);

// How every human-readable format names an instrument: "TITLE; SOURCE", or whichever is given.
std::string instrument_text(const std::string& title, const std::string& source);
// How every human-readable format names a company: "ID (LEGAL NAME)", or the id alone without a name,
// "(no company)" without an id (a finding per group whose rows are of several companies).
std::string company_text(const std::string& id, const std::string& name);

// The count stored under `key`, 0 when absent.
size_t count_of(const Counts& counts, const std::string& key);

}  // namespace recallguard::report
