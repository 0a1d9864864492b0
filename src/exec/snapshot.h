// The working database an audit runs on: an as-of copy of the case tables the rules read,
// with indexes and the working-day tables, in a private temporary folder. The audited
// database is only ever read, once, to make it.
//
// Why a copy: acceptance-style databases have no secondary index, and the compiled rules look
// rows up by key and foreign key from correlated subqueries, where SQLite never builds an
// automatic index (it plans a subquery as if run once). Reading through as-of views instead
// of copying made one rule quadratic: 6.5 s at 100k rows against 24 ms with these indexes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "exec/sqlite.h"
#include "schema/catalog.h"

namespace recallguard::exec {

class Snapshot {
public:
    // Copies `tables` of the database at `source_path` as they stood on `as_of`: rows dated
    // after it are left out and values not yet known then are NULL (see schema::Table).
    // The tables are split into up to `parallelism` parts by size, each copied and indexed by
    // its own connection and thread into its own file. All copiers take their read lock on the
    // audited file before any copies, so the parts agree (in WAL mode, where readers do not
    // share a snapshot, one copier does everything).
    static Snapshot build(const std::string& source_path, const std::set<std::string>& tables, const std::string& as_of,
                          const schema::Catalog& catalog, const calendar::CalendarSet& calendars, int parallelism = 1);

    Snapshot(Snapshot&& other) noexcept;
    Snapshot& operator=(Snapshot&&) = delete;
    Snapshot(const Snapshot&) = delete;
    ~Snapshot();  // removes the temporary folder

    // A read-only connection that sees the working-day tables and every copied table by its name.
    Database connect() const;
    size_t part_count() const { return parts_.size(); }
    // Rows of a copied table in the audited file, estimated from its largest rowid (0 if unknown).
    int64_t estimated_rows(const std::string& table) const {
        const auto found = estimated_rows_.find(table);
        return found == estimated_rows_.end() ? 0 : found->second;
    }

private:
    Snapshot(std::string directory, std::string path) : directory_(std::move(directory)), path_(std::move(path)) {}
    std::string directory_;
    std::string path_;                // the working-day tables; the copied tables are attached to it
    std::vector<std::string> parts_;  // one file per copier
    std::map<std::string, int64_t> estimated_rows_;
};

// A URI that opens `path` read-only (for ATTACH), with URI metacharacters escaped.
std::string read_only_uri(const std::string& path);

}  // namespace recallguard::exec
