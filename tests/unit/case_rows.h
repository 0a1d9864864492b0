// Valid rows of the case data model built from the catalog, for tests that start from a
// well-formed database and change one value at a time.
#pragma once

#include <algorithm>
#include <map>
#include <string>

#include "common/date.h"
#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::test {

using RowValues = std::map<std::string, sqldb::SqlValue>;

// The primary key of row `n` of a single-key table: "<table>-<n>".
inline std::string row_id(const std::string& table, int n) {
    return table + "-" + std::to_string(n);
}

// Row `n` of `table` satisfying every constraint, assuming row 0 of each referenced table
// exists. Nullable columns are NULL; dates are all equal so date orders hold.
inline RowValues valid_row(const schema::Table& table, int n) {
    RowValues row;
    const Date day = *Date::parse("2025-03-03");
    for (const auto& c : table.columns) {
        const bool in_key =
            std::find(table.primary_key.begin(), table.primary_key.end(), c.name) != table.primary_key.end();
        sqldb::SqlValue value;
        if (!c.references.empty())
            value = row_id(c.references, 0);
        else if (in_key && c.type == schema::ColumnType::Date)
            value = day.plus_days(n).to_string();
        else if (in_key)
            value = row_id(table.name, n);
        else if (!c.not_null)
            value = std::monostate{};
        else if (!c.enum_values.empty())
            value = c.enum_values.front();
        else if (c.type == schema::ColumnType::Date)
            value = day.to_string();
        else if (c.type == schema::ColumnType::Integer)
            value = int64_t{c.min_value.value_or(0)};
        else if (c.type == schema::ColumnType::Json)
            value = std::string("{}");
        else if (c.format == schema::TextFormat::CountryCode)
            value = std::string("CN");
        else
            value = std::string("x");
        row[c.name] = value;
    }
    return row;
}

// Inserts `row` with bound values; throws InputError carrying SQLite's message on failure.
inline void insert_row(sqldb::Database& db, const std::string& table, const RowValues& row) {
    std::string columns, marks;
    for (const auto& [name, value] : row) {
        columns += (columns.empty() ? "" : ", ") + sqldb::quote_identifier(name);
        marks += marks.empty() ? "?" : ", ?";
    }
    auto insert =
        db.prepare("INSERT INTO " + sqldb::quote_identifier(table) + " (" + columns + ") VALUES (" + marks + ")");
    int index = 1;
    for (const auto& [name, value] : row) insert.bind(index++, value);
    insert.step();
}

// The model's tables and columns with no types and no constraints, as a foreign
// database may have them: whatever is inserted is stored as given.
inline void create_loose_tables(sqldb::Database& db) {
    for (const auto& t : schema::Catalog::case_data_v1().tables()) {
        std::string columns;
        for (const auto& c : t.columns) columns += (columns.empty() ? "" : ", ") + sqldb::quote_identifier(c.name);
        db.exec("CREATE TABLE " + sqldb::quote_identifier(t.name) + " (" + columns + ")");
    }
}

// Row 0 of every table, in the catalog's order (parents before children).
inline void insert_base_rows(sqldb::Database& db) {
    for (const auto& t : schema::Catalog::case_data_v1().tables()) insert_row(db, t.name, valid_row(t, 0));
}

}  // namespace recallguard::test
