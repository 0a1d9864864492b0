// Loading rules for a command: the rule options every such command takes, every diagnostic
// printed, and a refusal when there are errors.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "engine/rule_loader.h"

namespace recallguard::cli {

// The options of every command that loads rules: the same rules mean the same everywhere.
struct RuleOptions {
    std::string calendars;            // --calendars DIR ("" = the bundled calendars)
    std::vector<std::string> params;  // --param RULE-ID.name=value, as given
};

// Adds --calendars and --param to a command that loads rules.
void add_rule_options(CLI::App& command, RuleOptions& options);

// The load options for `paths` with these rule options; throws InputError on a --param that is
// not RULE-ID.name=value.
engine::LoadOptions load_options(const std::vector<std::string>& paths, const RuleOptions& options);

// Loads and checks the rules; prints their diagnostics to stderr and throws InputError
// ("the rules have errors; <consequence>") when any is an error or a path is unreadable.
engine::LoadedRules load_checked_rules(const engine::LoadOptions& options, const std::string& consequence);

}  // namespace recallguard::cli
