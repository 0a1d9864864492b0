// The audited database as it stood on the audit date, as the rules see it. Nothing is copied:
// each connection attaches the audited file read-only and puts, in front of every case table
// the rules read, a TEMP view of the same name that applies the as-of semantics of the data
// model (rows dated after the audit date do not exist yet; values not known then are NULL).
// The compiled SQL therefore reads `incidents` and gets the incidents known on the audit date.
// The working-day tables and the audit date itself live in a small private database in a
// fresh temporary folder; the audited file is never written.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "exec/sqlite.h"
#include "schema/catalog.h"

namespace recallguard::exec {

class AsOfDatabase {
public:
    // Checks that the audited file can be read and prepares the private database with the
    // audit date and the calendars' working-day tables.
    static AsOfDatabase prepare(const std::string& source_path, const std::set<std::string>& tables,
                                const std::string& as_of, const schema::Catalog& catalog,
                                const calendar::CalendarSet& calendars);

    AsOfDatabase(AsOfDatabase&& other) noexcept;
    AsOfDatabase& operator=(AsOfDatabase&&) = delete;
    AsOfDatabase(const AsOfDatabase&) = delete;
    ~AsOfDatabase();  // removes the temporary folder

    // A connection whose case tables are the as-of views. It holds a read transaction on the
    // audited file for its whole life, so all its queries see one state of the data.
    Database connect() const;

    // Whether several connections are sure to see the same state of the file. In SQLite's
    // rollback-journal mode every reader's shared lock keeps writers from committing, so
    // connections opened while another is open agree; in WAL mode each reader keeps its own
    // snapshot, so an audit of a WAL database runs on one connection.
    bool connections_agree() const { return !wal_mode_; }

    const std::string& source_path() const { return source_path_; }

private:
    AsOfDatabase(std::string directory, std::string private_path, std::string source_path)
        : directory_(std::move(directory)), private_path_(std::move(private_path)), source_path_(std::move(source_path)) {}
    std::string directory_;
    std::string private_path_;
    std::string source_path_;
    std::vector<const schema::Table*> tables_;
    bool wal_mode_ = false;
};

// A URI that opens `path` read-only (for ATTACH), with URI metacharacters escaped.
std::string read_only_uri(const std::string& path);

}  // namespace recallguard::exec
