#include "cli/rule_input.h"

#include <iostream>

#include "common/errors.h"

namespace recallguard::cli {

void add_rule_options(CLI::App& command, RuleOptions& options) {
    command.add_option("--calendars", options.calendars, "Folder of *.calendar files (default: the bundled calendars)");
    // One value per --param, so that the rule paths after it are not taken for values.
    command
        .add_option("--param", options.params,
                    "Override a rule parameter: RULE-ID.name=value (repeatable; recorded in every report)")
        ->allow_extra_args(false);
}

engine::LoadOptions load_options(const std::vector<std::string>& paths, const RuleOptions& options) {
    engine::LoadOptions load;
    load.paths = paths;
    load.calendar_directory = options.calendars;
    for (const auto& p : options.params) {
        const size_t eq = p.find('=');
        if (eq == std::string::npos) throw InputError("--param '" + p + "' must be RULE-ID.name=value");
        load.param_overrides[p.substr(0, eq)] = p.substr(eq + 1);
    }
    return load;
}

engine::LoadedRules load_checked_rules(const engine::LoadOptions& options, const std::string& consequence) {
    auto loaded = engine::load_rules(options);
    if (loaded.diagnostics.has_errors() || loaded.unreadable) {
        std::cerr << engine::render_diagnostics(loaded);
        throw InputError("the rules have errors; " + consequence);
    }
    return loaded;
}

}  // namespace recallguard::cli
