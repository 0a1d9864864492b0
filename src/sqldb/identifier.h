// Names in SQL text: the one way our code puts a table, column or alias name into a statement.
#pragma once

#include <string>
#include <string_view>

namespace recallguard::sqldb {

// Quotes an SQL identifier the standard way ("name", embedded quotes doubled), which SQLite and
// PostgreSQL read alike. Values are never quoted: they are bound as parameters.
std::string quote_identifier(std::string_view name);

}  // namespace recallguard::sqldb
