// Writes command output to stdout or to a file that appears whole or not at all.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace recallguard::cli {

// Calls `write` with stdout when `path` is empty or "-", else with a temporary file next to
// `path` that is renamed over it once complete.
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace recallguard::cli
