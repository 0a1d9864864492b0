// Loading rules for a command: every diagnostic printed, and a refusal when there are errors.
#pragma once

#include <string>

#include "engine/rule_loader.h"

namespace recallguard::cli {

// Loads and checks the rules; prints their diagnostics to stderr and throws InputError
// ("the rules have errors; <consequence>") when any is an error or a path is unreadable.
engine::LoadedRules load_checked_rules(const engine::LoadOptions& options, const std::string& consequence);

}  // namespace recallguard::cli
