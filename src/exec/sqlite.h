// RAII wrappers over the SQLite C API: a connection and a prepared statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace recallguard::exec {

// A value bound to or read from SQL. NULL is std::monostate.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;
std::string sql_value_to_string(const SqlValue& value);  // NULL -> "NULL"

class Statement;

class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    // Throws InputError naming the path when the file cannot be opened as a database.
    static Database open(const std::string& path, Mode mode);
    static Database open_memory();

    // How long open() and every statement wait for another process's lock before failing
    // (SQLite's busy timeout), for connections opened afterwards. Default 5000 ms; 0 = fail at once.
    static void set_busy_timeout_ms(int milliseconds);
    static int busy_timeout_ms();

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    void exec(const std::string& sql);  // throws InputError with SQLite's message
    Statement prepare(const std::string& sql);
    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    std::string last_error() const;

private:
    Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    void bind(int index, const SqlValue& value);  // 1-based
    void bind_null(int index);
    void bind_int(int index, int64_t value);
    void bind_text(int index, std::string_view value);

    // Advances to the next row; false when done. Throws InputError on SQLite errors.
    bool step();
    void reset();

    int column_count() const;
    std::string column_name(int index) const;
    bool is_null(int index) const;
    int column_type(int index) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
    // The text of a column, valid until the next step or reset (no copy, for scans).
    std::string_view column_view(int index) const;
    int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::optional<std::string> column_optional_text(int index) const;
    SqlValue column_value(int index) const;
    sqlite3_stmt* handle() const { return stmt_; }

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
    sqlite3_stmt* stmt_ = nullptr;
    sqlite3* db_ = nullptr;
};

// Rows of `schema_name`.`table`, estimated from its largest rowid (a B-tree descent, not a scan);
// 0 when there is none to ask (a view in its place, a missing or unreadable table).
int64_t estimated_row_count(Database& db, const std::string& schema_name, const std::string& table);

// Quotes an SQL identifier ("name" with embedded quotes doubled). The only way our code
// puts a name into SQL text.
std::string quote_identifier(std::string_view name);

}  // namespace recallguard::exec
