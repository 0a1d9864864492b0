// One pass over a table that tells the validator which of its checks cannot find anything, so
// that a valid table costs one scan instead of one per check. Each check is still one SQL query
// that finds and describes the rows (validator.cpp); the screen only skips queries, and only
// when it is certain: anything it cannot decide for sure (a date SQLite might read differently,
// a key that is not text) counts as a possible hit and the query runs.
#pragma once

#include <set>
#include <string>

#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::schema {

class ValidationScreen {
public:
    // Reads the model columns of `table` that the file's table has (`present`, lower-case names)
    // once, with the keys of the tables they refer to. Throws InputError when the table cannot be read.
    static ValidationScreen scan(sqldb::Database& db, const Table& table, const std::set<std::string>& present);

    // Whether the check `code` on `column` (and `other`, for checks of two columns) may find a
    // row. Checks the screen does not know (keys, JSON, cumulative counts) may always find one.
    bool may_find(const std::string& code, const std::string& column, const std::string& other = "") const;

    // A screen that rules nothing out.
    static ValidationScreen everything() { return ValidationScreen(); }

private:
    static std::string id(const std::string& code, const std::string& column, const std::string& other);
    bool scanned_ = false;
    std::set<std::string> screened_;  // checks the scan covers
    std::set<std::string> possible_;  // ... of those, the ones that may find a row
};

// True when `text` is certainly a real calendar date written YYYY-MM-DD, one that SQLite's
// date(text, '+0 days') gives back unchanged (years 1000-9999 only: anything else is not certain).
bool certainly_valid_date(std::string_view text);

}  // namespace recallguard::schema
