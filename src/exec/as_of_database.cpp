#include "exec/as_of_database.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
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

// The audit date, read by the views: views cannot hold bound parameters, so the date is a
// row of a private table, written with a bound INSERT.
constexpr const char* kAuditDateTable = "rg_audit";

// `CREATE TEMP VIEW T AS SELECT <columns, masked> FROM source.T WHERE <exists by the audit date>`.
// Identifiers come from the catalog and are quoted; the date is read from rg_audit.
std::string view_statement(const schema::Table& table) {
    const std::string audit_date = std::string("(SELECT audit_date FROM main.") + kAuditDateTable + ")";
    std::string columns;
    for (const auto& column : table.columns) {
        if (!columns.empty()) columns += ", ";
        std::string value = quote_identifier(column.name);
        for (const auto& mask : table.masks)
            for (const auto& masked : mask.masked_columns)
                if (masked == column.name)
                    value = "CASE WHEN " + quote_identifier(mask.date_column) + " <= " + audit_date + " THEN " + value + " END";
        columns += value + " AS " + quote_identifier(column.name);
    }
    std::string sql = "CREATE TEMP VIEW " + quote_identifier(table.name) + " AS SELECT " + columns + " FROM source." +
                      quote_identifier(table.name);
    if (!table.exists_from.empty()) sql += " WHERE " + quote_identifier(table.exists_from) + " <= " + audit_date;
    return sql;
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

}  // namespace

AsOfDatabase AsOfDatabase::prepare(const std::string& source_path, const std::set<std::string>& tables,
                                   const std::string& as_of, const schema::Catalog& catalog,
                                   const calendar::CalendarSet& calendars) {
    std::string pattern = (fs::temp_directory_path() / "recallguard-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw InternalError("cannot create a temporary folder for the working database");
    AsOfDatabase database(pattern, (fs::path(pattern) / "working.sqlite").string(), source_path);
    for (const auto& name : tables)
        if (const schema::Table* table = catalog.find_table(name)) database.tables_.push_back(table);

    auto db = Database::open(database.private_path_, Database::Mode::Create);
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    db.exec("BEGIN");
    db.exec(std::string("CREATE TABLE main.") + kAuditDateTable + " (audit_date TEXT NOT NULL)");
    {
        auto insert = db.prepare(std::string("INSERT INTO main.") + kAuditDateTable + " VALUES (?1)");
        insert.bind_text(1, as_of);
        insert.step();
    }
    calendar::install_calendar_tables(db, "main", calendars);
    db.exec("COMMIT");

    // Every table the rules read must be readable as a table of the audited file: a missing
    // table, a broken view planted in its place or a damaged file is named here, before any rule runs.
    attach_source(db, source_path);
    {
        auto mode = db.prepare("PRAGMA source.journal_mode");
        database.wal_mode_ = mode.step() && mode.column_text(0) == "wal";
    }
    for (const auto* table : database.tables_) {
        try {
            db.exec(view_statement(*table));
            auto probe = db.prepare("SELECT 1 FROM " + quote_identifier(table->name) + " LIMIT 1");
            probe.step();
        } catch (const InputError&) {
            throw InputError(source_path + ": cannot read table " + table->name + " (" + db.last_error() + ")");
        }
    }
    spdlog::info("audit of {} as of {}: private tables at {}{}", source_path, as_of, database.private_path_,
                 database.wal_mode_ ? " (WAL database: one connection)" : "");
    return database;
}

Database AsOfDatabase::connect() const {
    auto db = Database::open(private_path_, Database::Mode::ReadOnly);
    // A bounded page cache per connection: memory stays the same whatever the database's size.
    db.exec("PRAGMA cache_size = -16384");
    attach_source(db, source_path_);
    db.exec("PRAGMA source.cache_size = -16384");
    for (const auto* table : tables_) db.exec(view_statement(*table));
    // Hold a read transaction on the audited file: its shared lock keeps writers from
    // committing while the rules run (see connections_agree()).
    db.exec("BEGIN");
    try {
        db.exec("SELECT count(*) FROM source.sqlite_schema");
    } catch (const InputError&) {
        throw InputError(source_path_ + ": cannot read the database (" + db.last_error() + ")");
    }
    return db;
}

AsOfDatabase::AsOfDatabase(AsOfDatabase&& other) noexcept
    : directory_(std::move(other.directory_)),
      private_path_(std::move(other.private_path_)),
      source_path_(std::move(other.source_path_)),
      tables_(std::move(other.tables_)),
      wal_mode_(other.wal_mode_) {
    other.directory_.clear();
}

AsOfDatabase::~AsOfDatabase() {
    if (directory_.empty()) return;
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
}

}  // namespace recallguard::exec
