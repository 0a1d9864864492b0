#include "sqldb/virtual_table.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "common/errors.h"

namespace recallguard::sqldb {
namespace {

struct Vtab : sqlite3_vtab {
    const RowSource* source = nullptr;
};

// The rows to visit: all of them (a scan), or the rows a lookup found.
struct Cursor : sqlite3_vtab_cursor {
    bool scan = true;
    std::vector<int64_t> found;
    size_t next_found = 0;
    int64_t row = 0;
    int64_t end = 0;
};

const RowSource& source_of(sqlite3_vtab_cursor* cursor) {
    return *static_cast<Vtab*>(cursor->pVtab)->source;
}

SqlValue from_sqlite(sqlite3_value* value) {
    switch (sqlite3_value_type(value)) {
        case SQLITE_INTEGER:
            return int64_t{sqlite3_value_int64(value)};
        case SQLITE_FLOAT:
            return sqlite3_value_double(value);
        case SQLITE_TEXT:
        case SQLITE_BLOB: {
            const auto* bytes = static_cast<const char*>(sqlite3_value_blob(value));
            return std::string(bytes ? bytes : "", static_cast<size_t>(sqlite3_value_bytes(value)));
        }
        default:
            return std::monostate{};
    }
}

int connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char** error) {
    const auto* source = static_cast<const RowSource*>(aux);
    try {
        const int rc = sqlite3_declare_vtab(db, ("CREATE TABLE x(" + source->columns() + ")").c_str());
        if (rc != SQLITE_OK) return rc;
        auto* vtab = new Vtab();
        vtab->source = source;
        *out = vtab;
        return SQLITE_OK;
    } catch (const std::exception& e) {
        *error = sqlite3_mprintf("%s", e.what());
        return SQLITE_ERROR;
    }
}

int disconnect(sqlite3_vtab* vtab) {
    delete static_cast<Vtab*>(vtab);
    return SQLITE_OK;
}

// Equalities on the source's lookup columns become one lookup: exact, so SQLite need not test
// them again. Text equality counts only under SQLite's default (binary) collation.
int best_index(sqlite3_vtab* vtab, sqlite3_index_info* info) {
    const RowSource& source = *static_cast<Vtab*>(vtab)->source;
    try {
        const std::vector<int> lookup = source.lookup_columns();
        std::vector<int> used_columns;
        int next_argument = 1;
        for (int i = 0; i < info->nConstraint; ++i) {
            const auto& constraint = info->aConstraint[i];
            if (!constraint.usable || constraint.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
            if (std::find(lookup.begin(), lookup.end(), constraint.iColumn) == lookup.end()) continue;
            if (std::find(used_columns.begin(), used_columns.end(), constraint.iColumn) != used_columns.end()) continue;
            const char* collation = sqlite3_vtab_collation(info, i);
            if (collation && sqlite3_stricmp(collation, "BINARY") != 0) continue;
            used_columns.push_back(constraint.iColumn);
            info->aConstraintUsage[i].argvIndex = next_argument++;
            info->aConstraintUsage[i].omit = 1;
        }
        // idxStr lists the columns looked up, in argument order: "1 0".
        std::string columns;
        for (const int column : used_columns) columns += std::to_string(column) + " ";
        info->idxNum = static_cast<int>(used_columns.size());
        info->idxStr = sqlite3_mprintf("%s", columns.c_str());
        info->needToFreeIdxStr = 1;
        const auto rows = static_cast<double>(std::max<int64_t>(1, source.row_count()));
        // Each column looked up narrows the rows by orders of magnitude; two name one row.
        info->estimatedRows = used_columns.empty() ? static_cast<sqlite3_int64>(rows)
                              : used_columns.size() == 1
                                  ? std::max<sqlite3_int64>(1, static_cast<sqlite3_int64>(rows / 1000))
                                  : 1;
        info->estimatedCost = static_cast<double>(info->estimatedRows);
        return SQLITE_OK;
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
}

int open_cursor(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    auto* cursor = new (std::nothrow) Cursor();
    if (!cursor) return SQLITE_NOMEM;
    *out = cursor;
    return SQLITE_OK;
}

int close_cursor(sqlite3_vtab_cursor* cursor) {
    delete static_cast<Cursor*>(cursor);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* base, int column_count, const char* columns, int argc, sqlite3_value** argv) {
    auto& cursor = *static_cast<Cursor*>(base);
    const RowSource& source = source_of(base);
    try {
        cursor.scan = column_count == 0;
        cursor.found.clear();
        cursor.next_found = 0;
        if (cursor.scan) {
            cursor.row = 0;
            cursor.end = source.row_count();
            return SQLITE_OK;
        }
        std::vector<std::pair<int, SqlValue>> equal;
        const char* text = columns;
        for (int i = 0; i < argc && i < column_count; ++i) {
            char* after = nullptr;
            const long column = std::strtol(text, &after, 10);
            text = after;
            equal.emplace_back(static_cast<int>(column), from_sqlite(argv[i]));
        }
        cursor.found = source.lookup(equal);
        return SQLITE_OK;
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
}

int next(sqlite3_vtab_cursor* base) {
    auto& cursor = *static_cast<Cursor*>(base);
    if (cursor.scan)
        ++cursor.row;
    else
        ++cursor.next_found;
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* base) {
    const auto& cursor = *static_cast<Cursor*>(base);
    return cursor.scan ? cursor.row >= cursor.end : cursor.next_found >= cursor.found.size();
}

int64_t current_row(const Cursor& cursor) {
    return cursor.scan ? cursor.row : cursor.found[cursor.next_found];
}

int column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column_number) {
    const auto& cursor = *static_cast<Cursor*>(base);
    try {
        const SqlValue value = source_of(base).value(current_row(cursor), column_number);
        if (const auto* integer = std::get_if<int64_t>(&value)) {
            sqlite3_result_int64(context, *integer);
        } else if (const auto* real = std::get_if<double>(&value)) {
            sqlite3_result_double(context, *real);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            sqlite3_result_text(context, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_result_null(context);
        }
        return SQLITE_OK;
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(context);
        return SQLITE_NOMEM;
    } catch (const std::exception& e) {
        sqlite3_result_error(context, e.what(), -1);
        return SQLITE_ERROR;
    }
}

int rowid(sqlite3_vtab_cursor* base, sqlite3_int64* out) {
    *out = current_row(*static_cast<Cursor*>(base));
    return SQLITE_OK;
}

// Eponymous-only (no xCreate) and without xUpdate: the table exists on every connection the
// module is registered on, and writing to it is an error.
const sqlite3_module kModule = [] {
    sqlite3_module module;
    std::memset(&module, 0, sizeof module);
    module.xConnect = connect;
    module.xBestIndex = best_index;
    module.xDisconnect = disconnect;
    module.xOpen = open_cursor;
    module.xClose = close_cursor;
    module.xFilter = filter;
    module.xNext = next;
    module.xEof = eof;
    module.xColumn = column;
    module.xRowid = rowid;
    return module;
}();

}  // namespace

void register_virtual_table(Database& db, const std::string& name, std::unique_ptr<RowSource> source) {
    // SQLite owns the source from here, and deletes it with the connection or a replacement
    // (and at once when it refuses the module).
    const int rc = sqlite3_create_module_v2(db.handle(), name.c_str(), &kModule, source.release(),
                                            [](void* p) { delete static_cast<RowSource*>(p); });
    if (rc != SQLITE_OK) throw InputError("cannot make the table " + name + " (" + db.last_error() + ")");
}

}  // namespace recallguard::sqldb
