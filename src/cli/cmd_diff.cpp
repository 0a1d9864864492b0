// `recallguard diff`: what a rule-pack change would change in the findings on the same data.
#include <iostream>

#include "cli/command.h"
#include "cli/rule_input.h"
#include "common/errors.h"
#include "engine/audit.h"
#include "engine/compare.h"

namespace recallguard::cli {

namespace {
findings::AuditReport audit_with(const std::vector<std::string>& paths, const RuleOptions& rule_options,
                                 const std::string& db, const std::string& as_of, const char* which) {
    const auto load = load_options(paths, rule_options);
    const auto loaded = load_checked_rules(load, std::string("nothing was compared (") + which + " rules)");
    engine::AuditOptions options;
    options.database = db;
    options.as_of = as_of;
    options.jobs = 2;
    return engine::run_audit(loaded, options);
}
}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
    auto* diff = app.add_subcommand("diff", "Run two versions of rule packs on the same data and list what changes");
    static std::string db, as_of;
    static std::vector<std::string> old_rules, new_rules;
    static RuleOptions rule_options;  // for the old rules and the new alike
    diff->add_option("--db", db, "The case database")->required();
    diff->add_option("--old", old_rules, "Rule files or folders before the change")->required();
    diff->add_option("--new", new_rules, "Rule files or folders after the change")->required();
    diff->add_option("--as-of", as_of, "Audit date (default: today)");
    add_rule_options(*diff, rule_options);
    diff->callback([&exit_code] {
        const std::string date = as_of.empty() ? engine::today() : as_of;
        const auto before = audit_with(old_rules, rule_options, db, date, "old");
        const auto after = audit_with(new_rules, rule_options, db, date, "new");
        const auto changes = engine::diff_findings(before.findings, after.findings);
        std::string current_rule;
        for (const auto& change : changes) {
            if (change.rule_id != current_rule) {
                std::cout << change.rule_id << "\n";
                current_rule = change.rule_id;
            }
            std::cout << "  " << change.change << "  " << change.subject;
            if (!change.before.empty()) std::cout << "  was: " << change.before;
            if (!change.after.empty()) std::cout << "  now: " << change.after;
            std::cout << "\n";
        }
        std::cout << changes.size() << " changes (" << before.findings.size() << " findings before, "
                  << after.findings.size() << " after) as of " << date << "\n";
        exit_code = changes.empty() ? kExitClean : kExitFindings;
    });
}

}  // namespace recallguard::cli
