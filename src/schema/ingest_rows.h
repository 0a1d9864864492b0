// Reading one ingest file (CSV or JSON) into rows of one table, rejecting what cannot be a value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.h"
#include "schema/ingest.h"
#include "sqldb/value.h"

namespace recallguard::schema {

// A problem with its place in the input, so the problems of a run list in file order.
struct PlacedProblem {
    size_t input = 0;   // index of the ingest input
    size_t record = 0;  // record (row) index in the file; 0 = the file or its header
    IngestProblem problem;
};

struct InputRow {
    size_t input = 0, record = 0;
    std::string location;                      // the row: "f.csv:12" or "f.json:/3"
    std::vector<const Column*> columns;        // the columns the row gives, in input order
    std::vector<sqldb::SqlValue> values;       // parallel to `columns`
    std::vector<std::string> value_locations;  // "f.csv:12" or "f.json:/3/units"
    bool rejected = false;                     // a value or the record itself was bad

    // The value given for `column`, or nullptr when the row does not give it.
    const sqldb::SqlValue* value_of(const std::string& column) const;
    std::string location_of(const std::string& column) const;
};

// `name` is how locations name the file (the path as the user gave it).
std::vector<InputRow> read_csv_rows(std::string_view text, const std::string& name, size_t input, const Table& table,
                                    std::vector<PlacedProblem>& problems);

// Throws InputError naming the line and column when the text is not JSON, or when it is
// not an array.
std::vector<InputRow> read_json_rows(const std::string& text, const std::string& name, size_t input, const Table& table,
                                     std::vector<PlacedProblem>& problems);

}  // namespace recallguard::schema
