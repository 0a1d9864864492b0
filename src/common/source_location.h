// Where something came from in an input file (rules, calendars, filings, CSV).
#pragma once

#include <string>

namespace recallguard {

struct SourceLocation {
    std::string file;
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based; 0 = unknown

    bool known() const { return line > 0; }
    std::string to_string() const;
    auto operator<=>(const SourceLocation&) const = default;
};

}  // namespace recallguard
