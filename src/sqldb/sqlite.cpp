#include "sqldb/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <utility>

#include "common/errors.h"

namespace recallguard::sqldb {

namespace {

std::atomic<int> g_busy_timeout_ms{5000};

// The exception a C++ SQL function threw on this thread, for Statement::step() to rethrow.
// SQLite calls a function on the thread that steps the statement.
thread_local std::exception_ptr t_function_failure;

SqlValue argument_value(sqlite3_value* value) {
    switch (sqlite3_value_type(value)) {
        case SQLITE_NULL:
            return std::monostate{};
        case SQLITE_INTEGER:
            return static_cast<int64_t>(sqlite3_value_int64(value));
        case SQLITE_FLOAT:
            return sqlite3_value_double(value);
        default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
            return std::string(text ? text : "", static_cast<size_t>(sqlite3_value_bytes(value)));
        }
    }
}

void call_function(sqlite3_context* context, int argc, sqlite3_value** argv) {
    const auto& function = *static_cast<const ScalarFunction*>(sqlite3_user_data(context));
    try {
        FunctionCall call(context, argc, argv);
        sqlite3_result_null(context);
        function(call);
    } catch (const std::exception& e) {
        t_function_failure = std::current_exception();
        sqlite3_result_error(context, e.what(), -1);
    }
}

// Why SQLite needed to write to a database opened to be read (its "attempt to write a readonly
// database" names no cause); "" for other errors.
std::string read_only_obstacle(int extended_code, const std::string& path) {
    switch (extended_code) {
        case SQLITE_READONLY_ROLLBACK:
            return "it has a hot journal (" + path +
                   "-journal): a writer stopped in the middle of a transaction, and reading the file needs that "
                   "transaction rolled back, which a read-only open never does; let SQLite roll it back once with a "
                   "writer (e.g. `sqlite3 FILE 'PRAGMA quick_check'`), or restore the file";
        case SQLITE_READONLY_RECOVERY:
        case SQLITE_READONLY_CANTINIT:
        case SQLITE_READONLY_DIRECTORY:
        case SQLITE_CANTOPEN:
            return "a WAL-mode database that cannot be read read-only here: its -shm index is missing or must be "
                   "recovered, and the file or its folder is read-only (" +
                   std::string(sqlite3_errstr(extended_code)) +
                   "); copy it to a writable folder, or switch it out of WAL mode (`PRAGMA journal_mode = DELETE`)";
        case SQLITE_READONLY:
            return "SQLite needed to write to read this database (a hot journal or a WAL index to rebuild?) and it is "
                   "opened read-only; open it once with a writer, or restore the file";
        default:
            return "";
    }
}

}  // namespace

bool FunctionCall::is_null(int index) const {
    return sqlite3_value_type(argv_[index]) == SQLITE_NULL;
}

SqlValue FunctionCall::value(int index) const {
    return argument_value(argv_[index]);
}

void FunctionCall::return_argument(int index) {
    sqlite3_result_value(context_, argv_[index]);
}

void FunctionCall::return_value(const SqlValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        sqlite3_result_null(context_);
    else if (const auto* i = std::get_if<int64_t>(&value))
        sqlite3_result_int64(context_, *i);
    else if (const auto* d = std::get_if<double>(&value))
        sqlite3_result_double(context_, *d);
    else {
        const auto& text = std::get<std::string>(value);
        sqlite3_result_text(context_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
}

void Database::set_busy_timeout_ms(int milliseconds) {
    g_busy_timeout_ms = std::max(0, milliseconds);
}
int Database::busy_timeout_ms() {
    return g_busy_timeout_ms;
}

void Database::require_database_file(const std::string& path) {
    if (path.empty()) throw InputError("the database path is empty; name a database file");
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return;
    if (S_ISDIR(info.st_mode)) throw InputError(path + ": a folder, not a database file");
    if (!S_ISREG(info.st_mode))
        throw InputError(path + ": not a regular file (" +
                         (S_ISFIFO(info.st_mode)   ? "a FIFO"
                          : S_ISCHR(info.st_mode)  ? "a character device"
                          : S_ISBLK(info.st_mode)  ? "a block device"
                          : S_ISSOCK(info.st_mode) ? "a socket"
                                                   : "a special file") +
                         "); a database must be a file");
}

Database Database::open(const std::string& path, Mode mode) {
    if (mode != Mode::Create || !path.empty()) require_database_file(path);
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    // URIs are on for ATTACH (exec/snapshot.h: read_only_uri); a plain name that looks like one
    // ("file:...") is made a path.
    std::string uri = path.rfind("file:", 0) == 0 ? "./" + path : path;
    switch (mode) {
        case Mode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case Mode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case Mode::Create:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
    }
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(uri.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw InputError(path + ": cannot open database: " + message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, g_busy_timeout_ms);
    Database database(db, path);
    // Reading the schema proves the file is a database (SQLite opens lazily).
    try {
        database.exec("SELECT count(*) FROM sqlite_schema");
    } catch (const InputError& e) {
        if (sqlite3_errcode(db) == SQLITE_BUSY || sqlite3_errcode(db) == SQLITE_LOCKED)
            throw InputError(
                fmt::format("{}: the database is locked by another connection (waited {} ms; "
                            "--busy-timeout sets how long to wait)",
                            path, g_busy_timeout_ms.load()));
        if (const std::string why = read_only_obstacle(sqlite3_extended_errcode(db), path); !why.empty())
            throw InputError(path + ": " + why);
        throw InputError(path + ": not a readable SQLite database (" + database.last_error() + ")");
    }
    return database;
}

Database Database::open_memory() {
    sqlite3* db = nullptr;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw InternalError("cannot open an in-memory SQLite database");
    }
    return Database(db, ":memory:");
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

Database::~Database() {
    sqlite3_close_v2(db_);
}

std::string Database::last_error() const {
    return db_ ? sqlite3_errmsg(db_) : "no connection";
}

int64_t Database::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

void Database::exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        if (t_function_failure) std::rethrow_exception(std::exchange(t_function_failure, nullptr));
        throw InputError(path_ + ": " + message);
    }
}

bool Database::try_exec(const std::string& sql) noexcept {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

Statement Database::prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        throw InputError(path_ + ": " + sqlite3_errmsg(db_));
    return Statement(stmt, db_);
}

void Database::define_function(const std::string& name, int arg_count, ScalarFunction function) {
    auto* owned = new ScalarFunction(std::move(function));
    const int rc = sqlite3_create_function_v2(db_, name.c_str(), arg_count, SQLITE_UTF8 | SQLITE_DETERMINISTIC, owned,
                                              &call_function, nullptr, nullptr,
                                              [](void* p) { delete static_cast<ScalarFunction*>(p); });
    if (rc != SQLITE_OK) throw InternalError("cannot define the SQL function " + name + ": " + sqlite3_errstr(rc));
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(std::exchange(other.db_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

void Statement::bind(int index, const SqlValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        bind_null(index);
    else if (auto i = std::get_if<int64_t>(&value))
        bind_int(index, *i);
    else if (auto d = std::get_if<double>(&value))
        sqlite3_bind_double(stmt_, index, *d);
    else
        bind_text(index, std::get<std::string>(value));
}

void Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
}
void Statement::bind_int(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
}
void Statement::bind_text(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (t_function_failure) std::rethrow_exception(std::exchange(t_function_failure, nullptr));
    throw InputError(std::string("SQLite: ") + sqlite3_errmsg(db_));
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::parameter_index(const std::string& name) const {
    return sqlite3_bind_parameter_index(stmt_, name.c_str());
}
int Statement::parameter_count() const {
    return sqlite3_bind_parameter_count(stmt_);
}

int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int index) const {
    return sqlite3_column_name(stmt_, index);
}
bool Statement::is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}
ValueType Statement::column_type(int index) const {
    switch (sqlite3_column_type(stmt_, index)) {
        case SQLITE_NULL:
            return ValueType::Null;
        case SQLITE_INTEGER:
            return ValueType::Integer;
        case SQLITE_FLOAT:
            return ValueType::Real;
        case SQLITE_BLOB:
            return ValueType::Blob;
        default:
            return ValueType::Text;
    }
}
std::string_view Statement::column_view(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    if (!text) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, index))};
}
int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}
double Statement::column_double(int index) const {
    return sqlite3_column_double(stmt_, index);
}

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, index)));
}

std::optional<std::string> Statement::column_optional_text(int index) const {
    if (is_null(index)) return std::nullopt;
    return column_text(index);
}

SqlValue Statement::column_value(int index) const {
    switch (column_type(index)) {
        case ValueType::Null:
            return std::monostate{};
        case ValueType::Integer:
            return column_int(index);
        case ValueType::Real:
            return column_double(index);
        default:
            return column_text(index);
    }
}

TimeLimit::TimeLimit(Database& db, std::chrono::steady_clock::time_point until) : db_(db), until_(until) {
    // Checked every 10,000 virtual-machine instructions: well under a millisecond apart.
    sqlite3_progress_handler(db_.handle(), 10000, &TimeLimit::check, this);
}

TimeLimit::~TimeLimit() {
    sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr);
}

int TimeLimit::check(void* self) {
    auto* limit = static_cast<TimeLimit*>(self);
    if (std::chrono::steady_clock::now() <= limit->until_) return 0;
    limit->expired_ = true;
    return 1;
}

int64_t estimated_row_count(Database& db, const std::string& schema_name, const std::string& table) {
    try {
        // Only a table has a B-tree to descend: SQLite answers max(rowid) of a view by running
        // the view to its end, which for a view that never ends is never.
        auto kind = db.prepare("SELECT type FROM " + quote_identifier(schema_name) +
                               ".sqlite_schema WHERE name = ? COLLATE NOCASE AND type IN ('table', 'view')");
        kind.bind_text(1, table);
        if (!kind.step() || kind.column_text(0) != "table") return 0;
        auto max_rowid =
            db.prepare("SELECT max(rowid) FROM " + quote_identifier(schema_name) + "." + quote_identifier(table));
        return max_rowid.step() && !max_rowid.is_null(0) ? max_rowid.column_int(0) : 0;
    } catch (const InputError&) {
        // A statement stopped by a time limit (TimeLimit) is not an unknown size: the caller
        // must learn that its time is up.
        if (sqlite3_errcode(db.handle()) == SQLITE_INTERRUPT) throw;
        return 0;
    }
}

}  // namespace recallguard::sqldb
