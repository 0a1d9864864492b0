// Runs compiled rules on the working database and turns result rows into findings.
#pragma once

#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "compiler/compile.h"
#include "findings/finding.h"
#include "sqldb/sqlite.h"

namespace recallguard::exec {

struct RuleOutcome {
    findings::RuleRunStatus status;
    std::vector<findings::Finding> findings;
};

struct ExecuteOptions {
    std::string as_of;
    int64_t max_findings = 0;    // per rule; 0 = no limit
    double timeout_seconds = 0;  // per rule; 0 = no limit
};

// Runs one rule. SQL or calendar failures become an `error` status, never an exception.
RuleOutcome execute_rule(sqldb::Database& db, const compiler::CompiledRule& rule,
                         const calendar::CalendarSet& calendars, const ExecuteOptions& options);

// The metadata a reporter needs about a rule.
findings::RuleInfo rule_info(const checker::BoundRule& rule);

}  // namespace recallguard::exec
