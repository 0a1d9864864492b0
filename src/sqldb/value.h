// The values the engine binds to SQL and reads back, whatever the database behind it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace recallguard::sqldb {

// A value bound to or read from SQL. NULL is std::monostate.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// "NULL" for NULL, else the value as text.
std::string sql_value_to_string(const SqlValue& value);

// The storage class of a value read from a result row.
enum class ValueType { Null, Integer, Real, Text, Blob };

}  // namespace recallguard::sqldb
