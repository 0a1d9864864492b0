// RAII wrappers over the SQLite C API: a connection and a prepared statement. The only code
// that calls SQLite; the rest of the engine sees these classes, SqlValue and quote_identifier.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqldb/identifier.h"
#include "sqldb/value.h"

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_context;
struct sqlite3_value;

namespace recallguard::sqldb {

class Statement;

// One call of a scalar SQL function implemented in C++: its arguments, read only as needed
// (a function called per row copies nothing it does not look at), and its result.
class FunctionCall {
public:
    FunctionCall(sqlite3_context* context, int argc, sqlite3_value** argv)
        : context_(context), argc_(argc), argv_(argv) {}
    int size() const { return argc_; }
    bool is_null(int index) const;
    SqlValue value(int index) const;
    void return_argument(int index);  // the result is that argument, as it is (no copy)
    void return_value(const SqlValue& value);

private:
    sqlite3_context* context_;
    int argc_;
    sqlite3_value** argv_;
};

// A scalar SQL function implemented in C++ (see Database::define_function). It sets the
// result on the call (NULL when it sets none) or throws.
using ScalarFunction = std::function<void(FunctionCall& call)>;

class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    // Throws InputError naming the path when the file cannot be opened as a database. The path
    // is a file name, never a URI (a name starting with "file:" is a file of that name).
    static Database open(const std::string& path, Mode mode);
    // Throws InputError at once for what can never be a database and could hang a reader: an
    // empty path, a folder, a FIFO, a device or a socket. A missing file passes (open reports it).
    static void require_database_file(const std::string& path);
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
    // exec() for clean-up on a path that is already failing (ROLLBACK): false instead of a throw.
    bool try_exec(const std::string& sql) noexcept;
    Statement prepare(const std::string& sql);
    // Makes `name(args...)` callable from this connection's SQL. The function is deterministic
    // (same arguments, same result). An exception it throws stops the statement that called
    // it, and Statement::step() rethrows that same exception, type and all.
    void define_function(const std::string& name, int arg_count, ScalarFunction function);
    const std::string& path() const { return path_; }
    std::string last_error() const;
    // The rowid of the last row this connection inserted.
    int64_t last_insert_rowid() const;
    // True inside a transaction begun with BEGIN (SQLite's autocommit is off).
    bool in_transaction() const;
    // The raw handle, for the tests and tools outside src/ that call SQLite directly.
    sqlite3* handle() const { return db_; }

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

    // 1-based index of a named parameter (":as_of"); 0 when the statement has none of that name.
    int parameter_index(const std::string& name) const;
    int parameter_count() const;

    int column_count() const;
    std::string column_name(int index) const;
    bool is_null(int index) const;
    ValueType column_type(int index) const;
    // The text of a column, valid until the next step or reset (no copy, for scans).
    std::string_view column_view(int index) const;
    int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::optional<std::string> column_optional_text(int index) const;
    SqlValue column_value(int index) const;
    sqlite3_stmt* handle() const { return stmt_; }  // for tests, like Database::handle()

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
    sqlite3_stmt* stmt_ = nullptr;
    sqlite3* db_ = nullptr;
};

// Stops every statement of a connection that is still running at a point in time (SQLite's
// progress handler), for as long as it exists: the statement's step() then throws InputError.
class TimeLimit {
public:
    TimeLimit(Database& db, std::chrono::steady_clock::time_point until);
    TimeLimit(const TimeLimit&) = delete;
    TimeLimit& operator=(const TimeLimit&) = delete;
    ~TimeLimit();
    // True once a statement was stopped because the time had passed.
    bool expired() const { return expired_; }

private:
    static int check(void* self);
    Database& db_;
    std::chrono::steady_clock::time_point until_;
    bool expired_ = false;
};

// Rows of `schema_name`.`table`, estimated from its largest rowid (a B-tree descent, not a scan);
// 0 when there is none to ask (a view in its place, a missing or unreadable table).
int64_t estimated_row_count(Database& db, const std::string& schema_name, const std::string& table);

}  // namespace recallguard::sqldb
