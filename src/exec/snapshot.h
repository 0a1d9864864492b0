// The working database an audit runs on: an as-of copy of the case tables the rules read,
// with indexes and the working-day tables, in a private temporary folder. The audited
// database is only ever read, once, to make it.
#pragma once

#include <set>
#include <string>

#include "calendar/calendar.h"
#include "schema/catalog.h"

namespace recallguard::exec {

class Snapshot {
public:
    // Copies `tables` of the database at `source_path` as they stood on `as_of`: rows dated
    // after it are left out and values not yet known then are NULL (see schema::Table).
    static Snapshot build(const std::string& source_path, const std::set<std::string>& tables, const std::string& as_of,
                          const schema::Catalog& catalog, const calendar::CalendarSet& calendars);

    Snapshot(Snapshot&& other) noexcept;
    Snapshot& operator=(Snapshot&&) = delete;
    Snapshot(const Snapshot&) = delete;
    ~Snapshot();  // removes the temporary folder

    const std::string& path() const { return path_; }

private:
    Snapshot(std::string directory, std::string path) : directory_(std::move(directory)), path_(std::move(path)) {}
    std::string directory_;
    std::string path_;
};

// A URI that opens `path` read-only (for ATTACH), with URI metacharacters escaped.
std::string read_only_uri(const std::string& path);

}  // namespace recallguard::exec
