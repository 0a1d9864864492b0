// Loading CSV and JSON files into a case database: every row of every file, or nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace recallguard::schema {

struct IngestInput {
    std::string table;
    std::string path;  // .csv (header row of column names) or .json (an array of objects)
};

struct IngestProblem {
    // `file.csv:12` (the physical line where the record starts) or `file.json:/3/units`
    // (a JSON pointer to the row or value).
    std::string location;
    std::string message;
};

struct IngestResult {
    std::map<std::string, size_t> rows;   // rows read per table; all were written when `committed`
    std::vector<IngestProblem> problems;  // in input order; empty when committed
    bool committed = false;
};

// Loads `inputs` into the case database at `db_path` (made by `recallguard init`) in one
// transaction. Values are checked against the catalog first (types, dates, enumerations,
// bounds, keys, references, date orders), so each rejected row is named precisely; the
// database's own constraints still guard the insert. Any problem leaves the database
// untouched. Throws InputError for an unknown table, an unreadable file, a file that is
// not CSV or JSON, or a database that is not a case database.
IngestResult ingest_files(const std::string& db_path, const std::vector<IngestInput>& inputs);

}  // namespace recallguard::schema
