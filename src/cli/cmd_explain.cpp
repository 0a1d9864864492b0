// `recallguard explain` (compiled SQL and query plan) and `recallguard why` (one subject's verdict).
#include <iostream>

#include "cli/command.h"
#include "cli/rule_input.h"
#include "common/errors.h"
#include "engine/audit.h"
#include "engine/explain.h"

namespace recallguard::cli {

namespace {
engine::LoadedRules load_or_fail(const std::vector<std::string>& paths, const RuleOptions& rule_options) {
    return load_checked_rules(load_options(paths, rule_options), "nothing was explained");
}
}  // namespace

void add_explain_commands(CLI::App& app, int& exit_code) {
    auto* explain = app.add_subcommand("explain", "Print the SQL a rule compiles to and SQLite's query plan for it");
    static std::string rule_id, db, as_of, subject;
    static std::vector<std::string> paths;
    static RuleOptions rule_options;
    explain->add_option("RULE_ID", rule_id, "The rule")->required();
    explain->add_option("RULES", paths, "Rule files or folders")->required();
    explain->add_option("--db", db, "Plan on this case database (default: an empty one)");
    explain->add_option("--as-of", as_of, "Audit date (default: today)");
    add_rule_options(*explain, rule_options);
    explain->callback([&exit_code] {
        const auto loaded = load_or_fail(paths, rule_options);
        std::cout << engine::explain_rule(loaded, rule_id, db, as_of.empty() ? engine::today() : as_of);
        exit_code = kExitClean;
    });

    auto* why = app.add_subcommand("why", "Show how the verdict for one subject of a rule was reached");
    why->add_option("RULE_ID", rule_id, "The rule")->required();
    why->add_option("RULES", paths, "Rule files or folders")->required();
    why->add_option("--db", db, "The case database")->required();
    why->add_option("--subject", subject, "The subject's key (e.g. a case_id)")->required();
    why->add_option("--as-of", as_of, "Audit date (default: today)");
    add_rule_options(*why, rule_options);
    why->callback([&exit_code] {
        const auto loaded = load_or_fail(paths, rule_options);
        const auto answer = engine::why(loaded, rule_id, db, subject, as_of.empty() ? engine::today() : as_of);
        std::cout << answer.text;
        exit_code = answer.rule_error ? kExitBadInput : kExitClean;  // as `check` exits on a rule error
    });
}

}  // namespace recallguard::cli
