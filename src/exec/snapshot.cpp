#include "exec/snapshot.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <filesystem>

#include "calendar/calendar_tables.h"
#include "common/errors.h"

namespace recallguard::exec {
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
std::string copy_statement(const schema::Table& table) {
    std::string columns;
    for (const auto& column : table.columns) {
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

std::string create_statement(const schema::Table& table) {
    std::string columns;
    for (const auto& column : table.columns) {
        if (!columns.empty()) columns += ", ";
        columns += quote_identifier(column.name) + (column.type == schema::ColumnType::Integer ? " INTEGER" : " TEXT");
    }
    return "CREATE TABLE main." + quote_identifier(table.name) + " (" + columns + ")";
}


void attach_source(Database& db, const std::string& source_path) {
    auto attach = db.prepare("ATTACH DATABASE ?1 AS source");
    attach.bind_text(1, read_only_uri(source_path));
    try {
        attach.step();
    } catch (const InputError&) {
        throw InputError(source_path + ": cannot read the database (" + db.last_error() + ")");
    }
}

// Rows of a table, estimated from its largest rowid (a B-tree descent, not a scan); 0 when it
// has none to ask (a view in its place, a missing table: the copy itself reports those).
int64_t estimate_rows(Database& db, const std::string& table) {
    try {
        auto max_rowid = db.prepare("SELECT max(rowid) FROM source." + quote_identifier(table));
        return max_rowid.step() && !max_rowid.is_null(0) ? max_rowid.column_int(0) : 0;
    } catch (const InputError&) {
        return 0;
    }
}

// Copies one table as of the audit date into the copier's file and indexes it.
void copy_table(Database& db, const schema::Table& table, const schema::Catalog& catalog, const std::string& as_of,
                const std::string& source_path) {
    db.exec(create_statement(table));
    try {
        auto copy = db.prepare(copy_statement(table));
        copy.bind_text(1, as_of);
        copy.step();
    } catch (const InputError&) {
        // A missing or unreadable table, a broken view, a damaged file: name the audited
        // database, not the working copy.
        throw InputError(source_path + ": cannot read table " + table.name + " (" + db.last_error() + ")");
    }
    // Rules reach rows by key (following a foreign key to this table) and by foreign key
    // (related rows); index both so that every lookup is a search. A table nothing refers
    // to is only ever reached through its foreign keys, so its key needs no index.
    bool referenced = false;
    for (const auto& other : catalog.tables())
        for (const auto& column : other.columns) referenced = referenced || column.references == table.name;
    std::string key;
    for (const auto& column : table.primary_key) key += (key.empty() ? "" : ", ") + quote_identifier(column);
    if (referenced)
        db.exec("CREATE INDEX main." + quote_identifier(table.name + "_key") + " ON " + quote_identifier(table.name) +
                " (" + key + ")");
    for (const auto& column : table.columns) {
        if (column.references.empty()) continue;
        std::string index_columns = quote_identifier(column.name);
        if (!table.exists_from.empty()) index_columns += ", " + quote_identifier(table.exists_from);
        db.exec("CREATE INDEX main." + quote_identifier(table.name + "_" + column.name) + " ON " +
                quote_identifier(table.name) + " (" + index_columns + ")");
    }
}

}  // namespace

Snapshot Snapshot::build(const std::string& source_path, const std::set<std::string>& tables, const std::string& as_of,
                         const schema::Catalog& catalog, const calendar::CalendarSet& calendars, int parallelism) {
    std::string pattern = (fs::temp_directory_path() / "recallguard-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw InternalError("cannot create a temporary folder for the working database");
    Snapshot snapshot(pattern, (fs::path(pattern) / "working.sqlite").string());

    // The working-day tables, and a look at the audited file: its journal mode and table sizes.
    std::vector<std::pair<int64_t, const schema::Table*>> by_size;
    bool wal_mode = false;
    {
        auto db = Database::open(snapshot.path_, Database::Mode::Create);
        db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
        db.exec("BEGIN");
        calendar::install_calendar_tables(db, "main", calendars);
        db.exec("COMMIT");
        attach_source(db, source_path);
        auto mode = db.prepare("PRAGMA source.journal_mode");
        wal_mode = mode.step() && mode.column_text(0) == "wal";
        for (const auto& name : tables)
            if (const schema::Table* table = catalog.find_table(name))
                by_size.emplace_back(estimate_rows(db, name), table);
    }

    for (const auto& [rows, table] : by_size) snapshot.estimated_rows_[table->name] = rows;
    // Largest table first, each to the part with the fewest rows so far.
    std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    // Each part is attached to every rule connection; SQLite allows 10 attached databases.
    const size_t part_count = std::clamp<size_t>(wal_mode ? 1 : static_cast<size_t>(std::max(1, parallelism)), 1,
                                                 std::min<size_t>(8, std::max<size_t>(1, by_size.size())));
    std::vector<std::vector<const schema::Table*>> parts(part_count);
    std::vector<int64_t> part_rows(part_count, 0);
    for (const auto& [rows, table] : by_size) {
        const size_t smallest = static_cast<size_t>(std::min_element(part_rows.begin(), part_rows.end()) - part_rows.begin());
        parts[smallest].push_back(table);
        part_rows[smallest] += std::max<int64_t>(rows, 1);
    }

    // Every copier takes its read lock on the audited file before any of them copies: in
    // rollback-journal mode a writer cannot commit while one lock is held, so all parts
    // describe one state of the file.
    std::vector<Database> copiers;
    for (size_t i = 0; i < part_count; ++i) {
        snapshot.parts_.push_back((fs::path(pattern) / ("part-" + std::to_string(i) + ".sqlite")).string());
        auto db = Database::open(snapshot.parts_.back(), Database::Mode::Create);
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
        copiers.push_back(std::move(db));
    }
    std::vector<std::exception_ptr> failures(part_count);
    auto copy_part = [&](size_t i) {
        try {
            for (const auto* table : parts[i]) copy_table(copiers[i], *table, catalog, as_of, source_path);
            copiers[i].exec("COMMIT");
        } catch (...) {
            failures[i] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (size_t i = 1; i < part_count; ++i) threads.emplace_back(copy_part, i);
    copy_part(0);
    for (auto& thread : threads) thread.join();
    // The first failing part in part order, so the same bad input gives the same message.
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    spdlog::info("working database ready at {} ({} part{})", snapshot.path_, part_count, part_count == 1 ? "" : "s");
    return snapshot;
}

Database Snapshot::connect() const {
    auto db = Database::open(path_, Database::Mode::ReadOnly);
    for (size_t i = 0; i < parts_.size(); ++i) {
        auto attach = db.prepare("ATTACH DATABASE ?1 AS " + quote_identifier("part" + std::to_string(i)));
        attach.bind_text(1, read_only_uri(parts_[i]));
        attach.step();
    }
    return db;
}

Snapshot::Snapshot(Snapshot&& other) noexcept
    : directory_(std::move(other.directory_)),
      path_(std::move(other.path_)),
      parts_(std::move(other.parts_)),
      estimated_rows_(std::move(other.estimated_rows_)) {
    other.directory_.clear();
}

Snapshot::~Snapshot() {
    if (directory_.empty()) return;
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
}

}  // namespace recallguard::exec
