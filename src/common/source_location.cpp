#include "common/source_location.h"

namespace recallguard {

std::string SourceLocation::to_string() const {
    std::string text = file;
    if (line > 0) text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
    return text;
}

}  // namespace recallguard
