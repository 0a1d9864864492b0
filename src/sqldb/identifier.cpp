#include "sqldb/identifier.h"

namespace recallguard::sqldb {

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace recallguard::sqldb
