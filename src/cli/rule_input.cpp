#include "cli/rule_input.h"

#include <iostream>

#include "common/errors.h"

namespace recallguard::cli {

engine::LoadedRules load_checked_rules(const engine::LoadOptions& options, const std::string& consequence) {
    auto loaded = engine::load_rules(options);
    if (loaded.diagnostics.has_errors() || loaded.unreadable) {
        std::cerr << engine::render_diagnostics(loaded);
        throw InputError("the rules have errors; " + consequence);
    }
    return loaded;
}

}  // namespace recallguard::cli
