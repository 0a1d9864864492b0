// Read-only SQL tables whose rows a C++ object gives on demand (SQLite virtual tables): data the
// engine already holds, readable from SQL without being written into a database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sqldb/sqlite.h"
#include "sqldb/value.h"

namespace recallguard::sqldb {

// The rows of a virtual table, numbered 0 .. row_count() - 1 in the table's order.
class RowSource {
public:
    virtual ~RowSource() = default;
    // The column list of the table's declaration, e.g. "calendar TEXT, day TEXT, ord INTEGER".
    virtual std::string columns() const = 0;
    virtual int64_t row_count() const = 0;
    virtual SqlValue value(int64_t row, int column) const = 0;
    // The columns whose equality with a value lookup() answers without a scan.
    virtual std::vector<int> lookup_columns() const = 0;
    // The rows, in table order, whose columns equal the values given (each column one of
    // lookup_columns(), each at most once), compared as SQLite compares a value with a column of
    // the declared type (its affinity applied to the value; NULL equals nothing).
    virtual std::vector<int64_t> lookup(const std::vector<std::pair<int, SqlValue>>& equal) const = 0;
};

// Makes `source` readable as the table `name` in `db`'s main schema, read-only, until the
// connection closes; registering the name again replaces the source. Any other condition on the
// table is SQLite's own test over the rows. Throws InputError when SQLite refuses.
void register_virtual_table(Database& db, const std::string& name, std::unique_ptr<RowSource> source);

}  // namespace recallguard::sqldb
