#include "sqldb/value.h"

namespace recallguard::sqldb {

std::string sql_value_to_string(const SqlValue& value) {
    if (std::holds_alternative<std::monostate>(value)) return "NULL";
    if (auto i = std::get_if<int64_t>(&value)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&value)) return std::to_string(*d);
    return std::get<std::string>(value);
}

}  // namespace recallguard::sqldb
