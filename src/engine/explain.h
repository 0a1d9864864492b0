// Explaining rules: the SQL a rule compiles to with SQLite's plan (`explain`), and how the
// verdict for one subject was reached (`why`).
#pragma once

#include <string>

#include "engine/rule_loader.h"

namespace recallguard::engine {

// The compiled SQL, its bound parameters and SQLite's query plan on the working database
// made from `database` ("" = an empty case database).
std::string explain_rule(const LoadedRules& rules, const std::string& rule_id, const std::string& database,
                         const std::string& as_of);

// For one subject: trigger, due date with the non-working days skipped, the candidate
// records and why each did or did not count, and the verdict. `rule_error` is set when the
// rule cannot be judged (a date it needs is unknown), as the audit reports a rule error.
struct WhyAnswer {
    std::string text;
    bool rule_error = false;
};
WhyAnswer why(const LoadedRules& rules, const std::string& rule_id, const std::string& database,
              const std::string& subject_key, const std::string& as_of);

}  // namespace recallguard::engine
