// The working database an audit runs on: an as-of copy of the case tables the rules read,
// with indexes, in a private temporary folder; its connections also see the working-day
// tables. The audited database is only ever read, once, to make it.
//
// Why a copy: acceptance-style databases have no secondary index, and the compiled rules look
// rows up by key and foreign key from correlated subqueries, where SQLite never builds an
// automatic index (it plans a subquery as if run once). Reading through as-of views instead
// of copying made one rule quadratic: 6.5 s at 100k rows against 24 ms with these indexes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "common/temp_directory.h"
#include "exec/date_guard.h"
#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::exec {

// The columns to copy, by table; "*" among them copies every column. A table asked for with no
// column gets its key.
using ColumnsByTable = std::map<std::string, std::set<std::string>>;

class Snapshot {
public:
    // Plans an as-of copy of the `columns` of tables of the database at `source_path` as they stood on
    // `as_of`: rows dated after it are left out and values not yet known then are NULL (see
    // schema::Table). Splits the tables into up to `parallelism` parts by size, each to be copied
    // and indexed by its own connection into its own file; copies nothing yet. `calendars` answer
    // the working-day tables of every connection and must outlive the snapshot. Every copier takes its read lock on the
    // audited file here, before any copies, so the parts agree (in WAL mode, where readers do not share a snapshot,
    // there is one part).
    static Snapshot prepare(const std::string& source_path, const ColumnsByTable& columns, const std::string& as_of,
                            const schema::Catalog& catalog, const calendar::CalendarSet& calendars,
                            int parallelism = 1);
    // prepare(), then every part copied, each on its own thread.
    static Snapshot build(const std::string& source_path, const ColumnsByTable& columns, const std::string& as_of,
                          const schema::Catalog& catalog, const calendar::CalendarSet& calendars, int parallelism = 1);

    Snapshot(Snapshot&& other) noexcept;
    Snapshot& operator=(Snapshot&&) = delete;
    Snapshot(const Snapshot&) = delete;
    ~Snapshot();  // removes the temporary folder

    size_t part_count() const { return parts_.size(); }
    // The part that holds `table`, if it is copied at all.
    std::optional<size_t> part_of(const std::string& table) const;
    // Copies and indexes the tables of part `part`, then ends its read of the audited file.
    // Each part is copied once; different parts may be copied at the same time from different
    // threads. Throws InputError naming the audited file when a table cannot be read.
    void copy_part(size_t part);

    // A read-only connection that sees the working-day tables (calendar::register_calendar_tables)
    // and no copied table yet; it defines the SQL function of computed dates (date_guard.h).
    sqldb::Database connect_calendars() const;
    // Makes the tables of a copied part visible, by name, on a connection from connect_calendars().
    void attach_part(sqldb::Database& db, size_t part) const;
    // A read-only connection that sees the working-day tables and every (copied) table by its name.
    sqldb::Database connect() const;

    // Rows of a copied table in the audited file, estimated from its largest rowid (0 if unknown).
    int64_t estimated_rows(const std::string& table) const {
        const auto found = estimated_rows_.find(table);
        return found == estimated_rows_.end() ? 0 : found->second;
    }

private:
    struct CopiedTable {
        const schema::Table* table = nullptr;
        std::vector<const schema::Column*> columns;  // in table order
    };
    struct Part {
        std::string path;
        std::vector<CopiedTable> tables;
        std::optional<sqldb::Database> copier;  // holds the read lock on the audited file until copied
    };
    Snapshot(std::unique_ptr<TempDirectory> directory, std::string path)
        : directory_(std::move(directory)), path_(std::move(path)) {}
    std::unique_ptr<TempDirectory> directory_;  // removed last, also on interruption
    std::string path_;                          // the working-day tables; the copied tables are attached to it
    std::string source_path_;                   // the audited file, for messages
    std::string as_of_;
    const schema::Catalog* catalog_ = nullptr;
    const calendar::CalendarSet* calendars_ = nullptr;  // the caller's, answering the working-day tables
    std::vector<Part> parts_;
    std::map<std::string, int64_t> estimated_rows_;
    CalendarCoverage calendar_coverage_;
};

// A URI that opens `path` read-only (for ATTACH), with URI metacharacters escaped.
std::string read_only_uri(const std::string& path);

}  // namespace recallguard::exec
