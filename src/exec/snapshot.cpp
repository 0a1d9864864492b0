#include "exec/snapshot.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "calendar/calendar_tables.h"
#include "common/errors.h"

namespace recallguard::exec {

using sqldb::Database;
using sqldb::quote_identifier;
using sqldb::Statement;
namespace fs = std::filesystem;

std::string read_only_uri(const std::string& path) {
    std::string absolute = fs::absolute(path).string();
    std::string uri = "file:";
    for (unsigned char c : absolute) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21) {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            uri += buffer;
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?mode=ro";
}

namespace {

// Builds `INSERT INTO main.T SELECT <columns, masked> FROM source.T WHERE <exists by as_of>`.
std::string copy_statement(const schema::Table& table, const std::vector<const schema::Column*>& copied) {
    std::string columns;
    for (const auto* column_ptr : copied) {
        const auto& column = *column_ptr;
        if (!columns.empty()) columns += ", ";
        std::string value = quote_identifier(column.name);
        for (const auto& mask : table.masks)
            for (const auto& masked : mask.masked_columns)
                if (masked == column.name)
                    value = "CASE WHEN " + quote_identifier(mask.date_column) + " <= ?1 THEN " + value + " END";
        columns += value + " AS " + quote_identifier(column.name);
    }
    std::string sql = "INSERT INTO main." + quote_identifier(table.name) + " SELECT " + columns + " FROM source." +
                      quote_identifier(table.name);
    if (!table.exists_from.empty()) sql += " WHERE " + quote_identifier(table.exists_from) + " <= ?1";
    return sql;
}

std::string create_statement(const schema::Table& table, const std::vector<const schema::Column*>& copied) {
    std::string columns;
    for (const auto* column_ptr : copied) {
        const auto& column = *column_ptr;
        if (!columns.empty()) columns += ", ";
        columns += quote_identifier(column.name) + (column.type == schema::ColumnType::Integer ? " INTEGER" : " TEXT");
    }
    return "CREATE TABLE main." + quote_identifier(table.name) + " (" + columns + ")";
}

void attach_source(Database& db, const std::string& source_path) {
    Database::require_database_file(source_path);
    auto attach = db.prepare("ATTACH DATABASE ?1 AS source");
    attach.bind_text(1, read_only_uri(source_path));
    try {
        attach.step();
    } catch (const InputError&) {
        throw InputError(source_path + ": cannot read the database (" + db.last_error() + ")");
    }
}

// Copies one table as of the audit date into the copier's file and indexes it.
void copy_table(Database& db, const schema::Table& table, const std::vector<const schema::Column*>& copied,
                const schema::Catalog& catalog, const std::string& as_of, const std::string& source_path) {
    const auto started = std::chrono::steady_clock::now();
    db.exec(create_statement(table, copied));
    try {
        auto copy = db.prepare(copy_statement(table, copied));
        copy.bind_text(1, as_of);
        copy.step();
    } catch (const InputError&) {
        // A missing or unreadable table, a broken view, a damaged file: name the audited
        // database, not the working copy.
        throw InputError(source_path + ": cannot read table " + table.name + " (" + db.last_error() + ")");
    }
    const auto copy_done = std::chrono::steady_clock::now();
    // Rules reach rows by key (following a foreign key to this table) and by foreign key
    // (related rows); index both so that every lookup is a search. A table nothing refers
    // to is only ever reached through its foreign keys, so its key needs no index.
    bool referenced = false;
    for (const auto& other : catalog.tables())
        for (const auto& column : other.columns) referenced = referenced || column.references == table.name;
    const auto is_copied = [&](const std::string& name) {
        return std::any_of(copied.begin(), copied.end(), [&](const auto* column) { return column->name == name; });
    };
    std::string key;
    for (const auto& column : table.primary_key) {
        key += (key.empty() ? "" : ", ") + quote_identifier(column);
        referenced = referenced && is_copied(column);  // a key no rule reads is never searched
    }
    if (referenced)
        db.exec("CREATE INDEX main." + quote_identifier(table.name + "_key") + " ON " + quote_identifier(table.name) +
                " (" + key + ")");
    for (const auto* column_ptr : copied) {
        const auto& column = *column_ptr;
        if (column.references.empty()) continue;
        std::string index_columns = quote_identifier(column.name);
        if (!table.exists_from.empty() && is_copied(table.exists_from))
            index_columns += ", " + quote_identifier(table.exists_from);
        db.exec("CREATE INDEX main." + quote_identifier(table.name + "_" + column.name) + " ON " +
                quote_identifier(table.name) + " (" + index_columns + ")");
    }
    const auto milliseconds = [](auto from, auto to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    };
    spdlog::debug("copied {} in {:.0f} ms, indexed in {:.0f} ms", table.name, milliseconds(started, copy_done),
                  milliseconds(copy_done, std::chrono::steady_clock::now()));
}

// The columns of `table` to copy: those asked for (all, for "*"), in table order.
std::vector<const schema::Column*> copied_columns(const schema::Table& table, const std::set<std::string>& wanted) {
    std::vector<const schema::Column*> copied;
    for (const auto& column : table.columns)
        if (wanted.count("*") || wanted.count(column.name)) copied.push_back(&column);
    // A table read for its rows alone (none of its columns named) still needs one column.
    if (copied.empty())
        for (const auto& column : table.columns)
            if (std::count(table.primary_key.begin(), table.primary_key.end(), column.name)) copied.push_back(&column);
    return copied;
}

}  // namespace

Snapshot Snapshot::prepare(const std::string& source_path, const ColumnsByTable& columns, const std::string& as_of,
                           const schema::Catalog& catalog, const calendar::CalendarSet& calendars, int parallelism) {
    auto directory = std::make_unique<TempDirectory>("working");
    const std::string pattern = directory->path();
    Snapshot snapshot(std::move(directory), (fs::path(pattern) / "working.sqlite").string());
    snapshot.source_path_ = source_path;
    snapshot.as_of_ = as_of;
    snapshot.catalog_ = &catalog;
    snapshot.calendars_ = &calendars;
    snapshot.calendar_coverage_ = coverage_of(calendars);

    // A look at the audited file: its journal mode and table sizes. (The working-day tables are
    // not stored: every rule connection answers them from the calendars, see connect_calendars.)
    std::vector<std::pair<int64_t, const schema::Table*>> by_size;
    bool wal_mode = false;
    {
        auto db = Database::open(snapshot.path_, Database::Mode::Create);
        db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
        attach_source(db, source_path);
        auto mode = db.prepare("PRAGMA source.journal_mode");
        wal_mode = mode.step() && mode.column_text(0) == "wal";
        for (const auto& [name, wanted] : columns)
            if (const schema::Table* table = catalog.find_table(name))
                by_size.emplace_back(estimated_row_count(db, "source", name), table);
    }

    for (const auto& [rows, table] : by_size) snapshot.estimated_rows_[table->name] = rows;
    // Largest table first, each to the part with the fewest rows so far.
    std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    // Each part is attached to every rule connection; SQLite allows 10 attached databases.
    const size_t part_count = std::clamp<size_t>(wal_mode ? 1 : static_cast<size_t>(std::max(1, parallelism)), 1,
                                                 std::min<size_t>(8, std::max<size_t>(1, by_size.size())));
    snapshot.parts_.resize(part_count);
    std::vector<int64_t> part_rows(part_count, 0);
    for (const auto& [rows, table] : by_size) {
        const size_t smallest =
            static_cast<size_t>(std::min_element(part_rows.begin(), part_rows.end()) - part_rows.begin());
        snapshot.parts_[smallest].tables.push_back({table, copied_columns(*table, columns.at(table->name))});
        part_rows[smallest] += std::max<int64_t>(rows, 1);
    }

    // In rollback-journal mode a writer cannot commit while one read lock is held, so taking
    // every lock before any copy makes all parts describe one state of the file.
    for (size_t i = 0; i < part_count; ++i) {
        Part& part = snapshot.parts_[i];
        part.path = (fs::path(pattern) / ("part-" + std::to_string(i) + ".sqlite")).string();
        auto db = Database::open(part.path, Database::Mode::Create);
        // 16 MiB of page cache: index builds on the copy grow with the cache (64 MiB gave a 140 MiB
        // peak copying 2 million rows, 16 MiB gives 40 MiB, and is no slower).
        db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384");
        attach_source(db, source_path);
        db.exec("BEGIN");
        try {
            db.exec("SELECT count(*) FROM source.sqlite_schema");
        } catch (const InputError&) {
            throw InputError(source_path + ": cannot read the database (" + db.last_error() + ")");
        }
        part.copier = std::move(db);
    }
    return snapshot;
}

Snapshot Snapshot::build(const std::string& source_path, const ColumnsByTable& columns, const std::string& as_of,
                         const schema::Catalog& catalog, const calendar::CalendarSet& calendars, int parallelism) {
    Snapshot snapshot = prepare(source_path, columns, as_of, catalog, calendars, parallelism);
    std::vector<std::exception_ptr> failures(snapshot.part_count());
    auto copy = [&](size_t i) {
        try {
            snapshot.copy_part(i);
        } catch (...) {
            failures[i] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (size_t i = 1; i < snapshot.part_count(); ++i) threads.emplace_back(copy, i);
    copy(0);
    for (auto& thread : threads) thread.join();
    // The first failing part in part order, so the same bad input gives the same message.
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    return snapshot;
}

std::optional<size_t> Snapshot::part_of(const std::string& table) const {
    for (size_t i = 0; i < parts_.size(); ++i)
        for (const auto& copied : parts_[i].tables)
            if (copied.table->name == table) return i;
    return std::nullopt;
}

void Snapshot::copy_part(size_t part) {
    Part& target = parts_.at(part);
    if (!target.copier) throw InternalError("part " + std::to_string(part) + " of the working database copied twice");
    Database db = std::move(*target.copier);
    target.copier.reset();
    for (const auto& copied : target.tables)
        copy_table(db, *copied.table, copied.columns, *catalog_, as_of_, source_path_);
    db.exec("COMMIT");
    spdlog::debug("working database part {} ready ({} table{})", part, target.tables.size(),
                  target.tables.size() == 1 ? "" : "s");
}

Database Snapshot::connect_calendars() const {
    auto db = Database::open(path_, Database::Mode::ReadOnly);
    calendar::register_calendar_tables(db, *calendars_);
    define_date_guard(db, calendar_coverage_);
    return db;
}

void Snapshot::attach_part(Database& db, size_t part) const {
    auto attach = db.prepare("ATTACH DATABASE ?1 AS " + quote_identifier("part" + std::to_string(part)));
    attach.bind_text(1, read_only_uri(parts_.at(part).path));
    attach.step();
}

Database Snapshot::connect() const {
    auto db = connect_calendars();
    for (size_t i = 0; i < parts_.size(); ++i) attach_part(db, i);
    return db;
}

Snapshot::Snapshot(Snapshot&& other) noexcept
    : directory_(std::move(other.directory_)),
      path_(std::move(other.path_)),
      source_path_(std::move(other.source_path_)),
      as_of_(std::move(other.as_of_)),
      catalog_(other.catalog_),
      calendars_(other.calendars_),
      parts_(std::move(other.parts_)),
      estimated_rows_(std::move(other.estimated_rows_)),
      calendar_coverage_(std::move(other.calendar_coverage_)) {}

Snapshot::~Snapshot() {
    parts_.clear();  // closes copiers that never copied (an audit stopped early)
    directory_.reset();
}

}  // namespace recallguard::exec
