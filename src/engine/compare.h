// Comparing audits: against a baseline (new / unchanged / updated / absent findings) and
// between two versions of a rule pack on the same data (`diff`).
#pragma once

#include <string>
#include <vector>

#include "findings/finding.h"

namespace recallguard::engine {

// Findings of an earlier run, read back from a JSON report (`check --format json`).
std::vector<findings::Finding> read_json_findings(const std::string& path);

// Marks each finding new, unchanged or updated (same subject, other status or due date) and
// appends the baseline's findings that are gone, marked absent.
void apply_baseline(findings::AuditReport& report, const std::vector<findings::Finding>& baseline);

struct FindingChange {
    std::string rule_id;
    std::string subject;  // table:key[#period]
    std::string change;   // "new finding", "finding gone", "status changed", "due date changed"
    std::string before, after;
};

// What changes between an audit with the old rules and one with the new rules.
std::vector<FindingChange> diff_findings(const std::vector<findings::Finding>& old_findings,
                                         const std::vector<findings::Finding>& new_findings);

std::string describe(const findings::Finding& finding);  // "late due 2025-10-16 done 2025-10-22"

}  // namespace recallguard::engine
