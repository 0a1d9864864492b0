// Checks a case database someone else produced against the case-data model, in SQL, read-only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::schema {

struct ValidationProblem {
    enum class Level { Error, Warning } level = Level::Error;
    // Stable codes: V-MISSING-TABLE, V-MISSING-COLUMN, V-TYPE, V-NULL, V-BAD-DATE, V-ENUM,
    // V-NEGATIVE, V-RANGE, V-COUNTRY, V-EMPTY, V-ORPHAN, V-DUPLICATE-KEY, V-DECREASING,
    // V-DATE-ORDER, V-PAIR, V-JSON, V-VERSION.
    std::string code;
    std::string table, row_key, column, value;  // row_key = primary key value(s) joined with '/', "" if n/a
    std::string message;                        // a full sentence with the facts in it
};

struct ValidationReport {
    std::vector<ValidationProblem> problems;
    bool truncated = false;  // some check found more rows than it was allowed to list
    size_t error_count() const;
    size_t warning_count() const;
};

// Reads only (the caller opens the database read-only). Lists at most `max_per_check`
// problems per (code, table, column) and sets `truncated` when there were more; 0 lists
// all. Tables and columns the model does not name are ignored. Throws InputError when
// the database cannot be read (e.g. a corrupt or truncated file).
// With `jobs` > 1, tables are checked in parallel on that many read-only connections to the same
// file (one for a file in WAL mode); the report is the same as with one. Each table is first
// read once to rule out the checks that cannot find anything (schema/validation_screen.h);
// `screen` = false runs every check's query (the report is the same, only slower).
// `time_limit_seconds` > 0 bounds the whole validation (SQLite's progress handler): a case table
// that never ends (a recursive view standing for it) is then an InputError naming the table.
ValidationReport validate_case_database(sqldb::Database& db, const Catalog& catalog, size_t max_per_check = 50,
                                        int jobs = 1, bool screen = true, double time_limit_seconds = 0);

// `db: error[V-ENUM]: message` per problem, then a summary line.
std::string render_validation_text(const ValidationReport& report, const std::string& db_path);
nlohmann::ordered_json render_validation_json(const ValidationReport& report, const std::string& db_path);

const char* validation_level_name(ValidationProblem::Level level);

}  // namespace recallguard::schema
