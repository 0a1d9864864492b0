#include "schema/validator.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <tuple>

#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/text.h"
#include "schema/validation_screen.h"
#include "schema/value_check.h"

namespace recallguard::schema {

using Level = ValidationProblem::Level;
using sqldb::quote_identifier;
using sqldb::SqlValue;

namespace {

// Long values (a filing's content) are cut in messages so one bad row stays one line.
std::string abbreviate(const std::string& text, size_t limit = 60) {
    return text.size() <= limit ? text : text.substr(0, limit) + "...";
}

// SQL that holds when `column` is a real calendar date as text. A bare date(x) echoes
// 2025-02-30 back unchanged; the modifier makes SQLite normalise it first.
std::string valid_date_sql(const std::string& column) {
    const std::string c = quote_identifier(column);
    return "(typeof(" + c + ") = 'text' AND date(" + c + ", '+0 days') IS " + c + ")";
}

std::string storage_description(ColumnType type) {
    switch (type) {
        case ColumnType::Integer:
            return "an integer";
        case ColumnType::Date:
            return "a date stored as text YYYY-MM-DD";
        case ColumnType::Json:
            return "a JSON object stored as text";
        case ColumnType::Text:
            return "text";
    }
    return "text";
}

// One SQL query that lists the rows breaking one rule. The query selects the row key
// first, then `values`; `where` and `tail` may hold ?s bound from `binds`.
struct Check {
    Level level = Level::Error;
    std::string code, table, column;
    std::string where;
    std::vector<std::string> values;
    std::vector<SqlValue> binds;
    std::string from;  // defaults to the table itself
    std::string tail;  // GROUP BY / HAVING
};

// What one result row of a check reports.
struct Found {
    std::string value, message;
    std::string column;  // overrides the check's column when set
};

class Validator {
public:
    Validator(sqldb::Database& db, const Catalog& catalog, size_t max_per_check, bool screen = true)
        : db_(db), catalog_(catalog), max_per_check_(max_per_check), screen_tables_(screen) {}

    // The checks that concern the whole file.
    ValidationReport check_file() {
        check_version();
        return std::move(report_);
    }

    // Every check of one table. Tables are independent, so each may be checked by its own
    // Validator on its own connection.
    ValidationReport check_one_table(const Table& table) {
        check_table(table);
        return std::move(report_);
    }

private:
    // `row` is the result row; the check's values start at column `first`.
    using Describe = std::function<Found(const std::string& key, const sqldb::Statement& row, int first)>;

    void check_version() {
        auto pragma = db_.prepare("PRAGMA user_version");
        const int64_t version = pragma.step() ? pragma.column_int(0) : 0;
        if (version <= kCaseDataModelVersion) return;
        add({Level::Error, "V-VERSION", "", "", "", std::to_string(version),
             fmt::format("The database has user_version {}, a newer case data model than this recallguard "
                         "understands (version {}); upgrade recallguard to check it.",
                         version, kCaseDataModelVersion)});
    }

    void check_table(const Table& table) {
        if (!read_shape(table)) return;
        if (screen_tables_) screen_ = ValidationScreen::scan(db_, table, columns_);
        for (const auto& column : table.columns)
            if (has(column.name)) check_column(table, column);
        check_keys(table);
        for (const auto& column : table.columns)
            if (!column.references.empty()) check_reference(table, column);
        check_non_decreasing(table);
        for (const auto& order : table.date_orders) check_date_order(table, order);
        for (const auto& [first, second] : table.set_together) check_set_together(table, first, second);
    }

    // Reports a missing table or missing columns; false when the table is missing.
    bool read_shape(const Table& table) {
        columns_.clear();
        auto exists =
            db_.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE");
        exists.bind_text(1, table.name);
        if (!exists.step()) {
            add({Level::Error, "V-MISSING-TABLE", table.name, "", "", "",
                 fmt::format("The database has no table {}, which the case data model (version {}) requires.",
                             table.name, kCaseDataModelVersion)});
            return false;
        }
        auto info = db_.prepare("SELECT name FROM pragma_table_info(?)");
        info.bind_text(1, exists.column_text(0));
        while (info.step()) columns_.insert(to_lower(info.column_text(0)));
        for (const auto& column : table.columns) {
            if (has(column.name)) continue;
            add({Level::Error, "V-MISSING-COLUMN", table.name, "", column.name, "",
                 fmt::format("Table {} has no column {} ({}{}), which the case data model (version {}) requires.",
                             table.name, column.name, storage_description(column.type),
                             column.not_null ? ", NOT NULL" : "", kCaseDataModelVersion)});
        }
        // Rows are named by their primary key; without it, by SQLite's rowid.
        key_sql_.clear();
        bool whole_key = true;
        for (const auto& key : table.primary_key) whole_key = whole_key && has(key);
        if (whole_key)
            for (const auto& key : table.primary_key) key_sql_.push_back("CAST(" + quote_identifier(key) + " AS TEXT)");
        else
            key_sql_.push_back("'rowid ' || rowid");
        return true;
    }

    bool has(const std::string& column) const { return columns_.count(to_lower(column)) > 0; }

    void check_column(const Table& t, const Column& c) {
        const std::string col = quote_identifier(c.name);
        const std::string typed = "typeof(" + col + ")";
        if (c.not_null && screen_.may_find("V-NULL", c.name))
            run({Level::Error, "V-NULL", t.name, c.name, col + " IS NULL", {}, {}, {}, {}},
                [&](const std::string& key, const sqldb::Statement&, int) {
                    return Found{
                        "NULL",
                        fmt::format("{} row '{}': {} is NULL, but the model requires a value.", t.name, key, c.name),
                        {}};
                });
        const std::string storage = c.type == ColumnType::Integer ? "integer" : "text";
        if (screen_.may_find("V-TYPE", c.name))
            run({Level::Error,
                 "V-TYPE",
                 t.name,
                 c.name,
                 typed + " NOT IN ('null', ?)",
                 {"quote(" + col + ")", typed},
                 {storage},
                 {},
                 {}},
                [&](const std::string& key, const sqldb::Statement& row, int i) {
                    return Found{row.column_text(i),
                                 fmt::format("{} row '{}': {} holds the {} value {}, but the model requires {}.",
                                             t.name, key, c.name, row.column_text(i + 1),
                                             abbreviate(row.column_text(i)), storage_description(c.type)),
                                 {}};
                });
        const std::string is_text = typed + " = 'text'";
        auto value_message = [&](std::string code, std::string where, std::vector<SqlValue> binds,
                                 std::function<std::string(const std::string&)> fact) {
            if (!screen_.may_find(code, c.name)) return;
            run({Level::Error, std::move(code), t.name, c.name, std::move(where), {col}, std::move(binds), {}, {}},
                [&](const std::string& key, const sqldb::Statement& row, int i) {
                    const std::string value = row.column_text(i);
                    return Found{value, fmt::format("{} row '{}': {} {}", t.name, key, c.name, fact(value)), {}};
                });
        };
        if (c.type == ColumnType::Date)
            value_message("V-BAD-DATE", is_text + " AND NOT " + valid_date_sql(c.name), {}, [](const std::string& v) {
                return fmt::format("is '{}', which is not a real calendar date written YYYY-MM-DD.", v);
            });
        if (!c.enum_values.empty()) {
            std::string marks;
            std::vector<SqlValue> binds;
            for (const auto& value : c.enum_values) {
                marks += marks.empty() ? "?" : ", ?";
                binds.emplace_back(value);
            }
            value_message("V-ENUM", is_text + " AND " + col + " NOT IN (" + marks + ")", binds,
                          [&](const std::string& v) {
                              const std::string match = closest_match(v, c.enum_values);
                              return fmt::format("is '{}', which is not one of the allowed values ({}){}", v,
                                                 join(c.enum_values, ", "),
                                                 match.empty() ? "." : "; did you mean '" + match + "'?");
                          });
        }
        if (c.type == ColumnType::Integer && c.min_value)
            value_message("V-NEGATIVE", typed + " = 'integer' AND " + col + " < ?", {int64_t{*c.min_value}},
                          [&](const std::string& v) {
                              return fmt::format("is {}, but it must be {}.", v, bounds_description(c));
                          });
        if (c.type == ColumnType::Integer && c.max_value)
            value_message("V-RANGE", typed + " = 'integer' AND " + col + " > ?", {int64_t{*c.max_value}},
                          [&](const std::string& v) {
                              return fmt::format("is {}, but it must be {}.", v, bounds_description(c));
                          });
        if (c.format == TextFormat::CountryCode)
            value_message("V-COUNTRY", is_text + " AND " + col + " NOT GLOB ?", {std::string("[A-Z][A-Z]")},
                          [](const std::string& v) {
                              return fmt::format(
                                  "is '{}', which is not an ISO 3166-1 alpha-2 country code (two "
                                  "upper-case letters, e.g. CN).",
                                  v);
                          });
        if (c.format == TextFormat::NonEmpty)
            value_message("V-EMPTY", is_text + " AND " + col + " = ''", {},
                          [](const std::string&) { return std::string("is empty, but the model requires a name."); });
        if (c.type == ColumnType::Json)
            run({Level::Error,
                 "V-JSON",
                 t.name,
                 c.name,
                 is_text + " AND CASE WHEN json_valid(" + col + ") THEN json_type(" + col + ") <> 'object' ELSE 1 END",
                 {col, "CASE WHEN json_valid(" + col + ") THEN json_type(" + col + ") END"},
                 {},
                 {},
                 {}},
                [&](const std::string& key, const sqldb::Statement& row, int i) {
                    const std::string value = row.column_text(i);
                    const std::string what =
                        row.is_null(i + 1)
                            ? fmt::format("is not valid JSON: '{}'", abbreviate(value))
                            : fmt::format("is a JSON {}, '{}'", row.column_text(i + 1), abbreviate(value));
                    return Found{abbreviate(value, 200),
                                 fmt::format("{} row '{}': {} {}, but the model requires a JSON object.", t.name, key,
                                             c.name, what),
                                 {}};
                });
    }

    // The table's declared PRIMARY KEY columns, lower-case (empty for a view or a table without one).
    std::set<std::string> declared_primary_key(const std::string& table) {
        auto info = db_.prepare("SELECT name FROM pragma_table_info(?) WHERE pk > 0");
        info.bind_text(1, table);
        std::set<std::string> key;
        while (info.step()) key.insert(to_lower(info.column_text(0)));
        return key;
    }

    // Foreign databases may lack PRIMARY KEY constraints, so keys are checked by grouping. When the
    // table declares the model's key as its PRIMARY KEY, SQLite has enforced it on every write
    // (NULL keys aside, which V-NULL reports and the grouping leaves out), so the grouping scan, a
    // sort of the whole table, is skipped.
    void check_keys(const Table& t) {
        std::vector<std::string> columns, not_null;
        std::set<std::string> model_key;
        for (const auto& key : t.primary_key) {
            if (!has(key)) return;
            columns.push_back(quote_identifier(key));
            not_null.push_back(quote_identifier(key) + " IS NOT NULL");
            model_key.insert(to_lower(key));
        }
        if (declared_primary_key(t.name) == model_key) return;
        run({Level::Error,
             "V-DUPLICATE-KEY",
             t.name,
             join(t.primary_key, ","),
             join(not_null, " AND "),
             {"count(*)"},
             {},
             {},
             " GROUP BY " + join(columns, ", ") + " HAVING count(*) > 1"},
            [&](const std::string& key, const sqldb::Statement& row, int i) {
                return Found{key,
                             fmt::format("{} has {} rows with the key '{}' ({}), but a key names one row.", t.name,
                                         row.column_int(i), key, join(t.primary_key, "/")),
                             {}};
            });
    }

    void check_reference(const Table& t, const Column& c) {
        const Table* parent = catalog_.find_table(c.references);
        if (!parent || parent->primary_key.size() != 1 || !table_has(c.references, parent->primary_key.front()))
            return;  // the missing table or column is reported on its own
        if (!screen_.may_find("V-ORPHAN", c.name)) return;
        const std::string col = quote_identifier(c.name);
        const std::string parent_key = quote_identifier(parent->primary_key.front());
        run({Level::Error,
             "V-ORPHAN",
             t.name,
             c.name,
             col + " IS NOT NULL AND " + col + " NOT IN (SELECT " + parent_key + " FROM " +
                 quote_identifier(c.references) + " WHERE " + parent_key + " IS NOT NULL)",
             {col},
             {},
             {},
             {}},
            [&](const std::string& key, const sqldb::Statement& row, int i) {
                const std::string value = row.column_text(i);
                return Found{value,
                             fmt::format("{} row '{}': {} '{}' names no row of {} (no row has {} '{}').", t.name, key,
                                         c.name, value, c.references, parent->primary_key.front(), value),
                             {}};
            });
    }

    void check_non_decreasing(const Table& t) {
        if (!t.non_decreasing) return;
        const auto& m = *t.non_decreasing;
        if (!has(m.column) || !has(m.group_by) || !has(m.order_by)) return;
        const std::string col = quote_identifier(m.column), order = quote_identifier(m.order_by);
        // Only well-formed rows are compared; bad ones are reported by their own checks.
        const std::string window = " OVER (PARTITION BY " + quote_identifier(m.group_by) + " ORDER BY " + order + ")";
        const std::string from = "(SELECT *, lag(" + col + ")" + window + " AS \"recallguard:previous\", lag(" + order +
                                 ")" + window + " AS \"recallguard:previous_at\" FROM " + quote_identifier(t.name) +
                                 " WHERE typeof(" + col + ") = 'integer' AND " + valid_date_sql(m.order_by) + " AND " +
                                 quote_identifier(m.group_by) + " IS NOT NULL)";
        run({Level::Error,
             "V-DECREASING",
             t.name,
             m.column,
             col + " < \"recallguard:previous\"",
             {col, "\"recallguard:previous\"", "\"recallguard:previous_at\"", order},
             {},
             from,
             {}},
            [&](const std::string& key, const sqldb::Statement& row, int i) {
                return Found{row.column_text(i),
                             fmt::format("{} row '{}': {} fell to {} as of {} from {} as of {}; it is cumulative and "
                                         "never decreases within one {}.",
                                         t.name, key, m.column, row.column_text(i), row.column_text(i + 3),
                                         row.column_text(i + 1), row.column_text(i + 2), m.group_by),
                             {}};
            });
    }

    void check_date_order(const Table& t, const Table::DateOrder& order) {
        if (!has(order.earlier) || !has(order.later)) return;
        const Level level = order.stated ? Level::Error : Level::Warning;
        const std::string earlier = quote_identifier(order.earlier), later = quote_identifier(order.later);
        if (screen_.may_find("V-DATE-ORDER", order.later, order.earlier))
            run({level,
                 "V-DATE-ORDER",
                 t.name,
                 order.later,
                 valid_date_sql(order.earlier) + " AND " + valid_date_sql(order.later) + " AND " + later + " < " +
                     earlier,
                 {later, earlier},
                 {},
                 {},
                 {}},
                [&](const std::string& key, const sqldb::Statement& row, int i) {
                    return Found{row.column_text(i),
                                 fmt::format("{} row '{}': {} {} is before {} {}; {}.", t.name, key, order.later,
                                             row.column_text(i), order.earlier, row.column_text(i + 1), order.reason),
                                 {}};
                });
        if (!order.later_needs_earlier || !screen_.may_find("V-DATE-ORDER-NEEDS", order.later, order.earlier)) return;
        run({level,
             "V-DATE-ORDER",
             t.name,
             order.later,
             later + " IS NOT NULL AND " + earlier + " IS NULL",
             {later},
             {},
             {},
             {}},
            [&](const std::string& key, const sqldb::Statement& row, int i) {
                return Found{row.column_text(i),
                             fmt::format("{} row '{}': {} is {} but {} is NULL; {}.", t.name, key, order.later,
                                         row.column_text(i), order.earlier, order.reason),
                             {}};
            });
    }

    void check_set_together(const Table& t, const std::string& first, const std::string& second) {
        if (!has(first) || !has(second) || !screen_.may_find("V-PAIR", first, second)) return;
        const std::string a = quote_identifier(first), b = quote_identifier(second);
        run({Level::Error,
             "V-PAIR",
             t.name,
             first + "," + second,
             "(" + a + " IS NULL) <> (" + b + " IS NULL)",
             {a, b},
             {},
             {},
             {}},
            [&](const std::string& key, const sqldb::Statement& row, int i) {
                const bool first_set = !row.is_null(i);
                const std::string& set = first_set ? first : second;
                const std::string& unset = first_set ? second : first;
                const std::string value = row.column_text(first_set ? i : i + 1);
                return Found{value,
                             fmt::format("{} row '{}': {} is '{}' but {} is NULL; the two are set together or both "
                                         "NULL.",
                                         t.name, key, set, value, unset),
                             unset};
            });
    }

    // True when `table` exists and has `column` (for tables other than the current one).
    bool table_has(const std::string& table, const std::string& column) {
        auto info = db_.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE");
        info.bind_text(1, table);
        info.bind_text(2, column);
        return info.step();
    }

    void run(const Check& check, const Describe& describe) {
        size_t& listed = listed_[std::tuple(check.code, check.table, check.column)];
        const int64_t limit =
            max_per_check_ == 0 ? -1 : static_cast<int64_t>(max_per_check_ - std::min(listed, max_per_check_)) + 1;
        const std::string sql = "SELECT " + join(key_sql_, ", ") + (check.values.empty() ? "" : ", ") +
                                join(check.values, ", ") + " FROM " +
                                (check.from.empty() ? quote_identifier(check.table) : check.from) + " WHERE " +
                                check.where + check.tail + " LIMIT ?";
        const auto started = std::chrono::steady_clock::now();
        auto query = db_.prepare(sql);
        int index = 1;
        for (const auto& value : check.binds) query.bind(index++, value);
        query.bind_int(index, limit);
        const int keys = static_cast<int>(key_sql_.size());
        while (query.step()) {
            if (max_per_check_ != 0 && listed >= max_per_check_) {
                report_.truncated = true;
                break;
            }
            std::vector<std::string> key_parts;
            key_parts.reserve(key_sql_.size());
            for (int k = 0; k < keys; ++k) key_parts.push_back(query.is_null(k) ? "NULL" : query.column_text(k));
            const std::string key = join(key_parts, "/");
            Found found = describe(key, query, keys);
            add({check.level, check.code, check.table, key, found.column.empty() ? check.column : found.column,
                 std::move(found.value), std::move(found.message)});
            ++listed;
        }
        spdlog::trace("{} {}.{} in {:.0f} ms", check.code, check.table, check.column,
                      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }

    void add(ValidationProblem problem) { report_.problems.push_back(std::move(problem)); }

    sqldb::Database& db_;
    const Catalog& catalog_;
    const size_t max_per_check_;
    const bool screen_tables_;
    ValidationReport report_;
    std::map<std::tuple<std::string, std::string, std::string>, size_t> listed_;
    std::set<std::string> columns_;                             // lower-case column names of the current table
    std::vector<std::string> key_sql_;                          // expressions naming the current table's rows
    ValidationScreen screen_ = ValidationScreen::everything();  // checks of the current table that can find nothing
};

}  // namespace

size_t ValidationReport::error_count() const {
    size_t n = 0;
    for (const auto& p : problems) n += p.level == Level::Error;
    return n;
}

size_t ValidationReport::warning_count() const {
    return problems.size() - error_count();
}

const char* validation_level_name(Level level) {
    return level == Level::Error ? "error" : "warning";
}

ValidationReport validate_case_database(sqldb::Database& db, const Catalog& catalog, size_t max_per_check, int jobs,
                                        bool screen, double time_limit_seconds) {
    const auto until = time_limit_seconds > 0 ? std::chrono::steady_clock::now() +
                                                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                        std::chrono::duration<double>(time_limit_seconds))
                                              : std::chrono::steady_clock::time_point::max();
    // More connections (below); declared first so that the time limits on them go first.
    std::vector<sqldb::Database> extra;
    std::vector<std::unique_ptr<sqldb::TimeLimit>> limits;  // one per connection: db first
    if (time_limit_seconds > 0) limits.push_back(std::make_unique<sqldb::TimeLimit>(db, until));
    const auto stopped = [&](const std::string& what) {
        return InputError(
            fmt::format("{}: validation stopped after its time limit of {} s while reading {} (a "
                        "table, or a view standing for one, that never ends?)",
                        db.path(), time_limit_seconds, what));
    };
    ValidationReport report = [&] {
        try {
            return Validator(db, catalog, max_per_check).check_file();
        } catch (const InputError& e) {
            if (!limits.empty() && limits.front()->expired()) throw stopped("its schema");
            throw InputError(fmt::format("{}: cannot read the database: {}", db.path(), e.what()));
        }
    }();
    const auto& tables = catalog.tables();

    // More connections only for a file in rollback-journal mode, where read locks taken before any
    // check make every connection see one state of the file (WAL readers each have their own).
    bool shared_state = jobs > 1;
    if (shared_state) {
        auto mode = db.prepare("PRAGMA journal_mode");
        shared_state = mode.step() && mode.column_text(0) != "wal";
    }
    const bool own_transaction = shared_state && !db.in_transaction();
    if (shared_state) {
        if (own_transaction) db.exec("BEGIN; SELECT count(*) FROM sqlite_schema");
        for (int j = 1; j < std::min<int>(jobs, static_cast<int>(tables.size())); ++j) {
            extra.push_back(sqldb::Database::open(db.path(), sqldb::Database::Mode::ReadOnly));
            extra.back().exec("BEGIN; SELECT count(*) FROM sqlite_schema");
        }
    }
    if (time_limit_seconds > 0)
        for (auto& connection : extra) limits.push_back(std::make_unique<sqldb::TimeLimit>(connection, until));

    // Largest table first, each to the next free connection; reports are merged in catalog order.
    std::vector<size_t> order(tables.size());
    std::vector<int64_t> rows(tables.size());
    for (size_t i = 0; i < tables.size(); ++i) {
        order[i] = i;
        try {
            rows[i] = extra.empty() ? 0 : sqldb::estimated_row_count(db, "main", tables[i].name);
        } catch (const InputError&) {
            if (!limits.empty() && limits.front()->expired()) throw stopped("table " + tables[i].name);
            throw;
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows[a] > rows[b]; });
    std::vector<ValidationReport> per_table(tables.size());
    std::vector<std::exception_ptr> failures(tables.size());
    std::vector<char> began_late(tables.size(), 0);  // began on a connection whose time was up
    std::atomic<size_t> next{0};
    auto worker = [&](sqldb::Database& connection, size_t connection_index) {
        // Every table is checked even after one fails, so that the error reported (the first in
        // catalog order) does not depend on timing.
        for (size_t n = next++; n < order.size(); n = next++) {
            const size_t i = order[n];
            const bool expired_before = connection_index < limits.size() && limits[connection_index]->expired();
            try {
                per_table[i] = Validator(connection, catalog, max_per_check, screen).check_one_table(tables[i]);
            } catch (const InputError& e) {
                if (connection_index < limits.size() && limits[connection_index]->expired()) {
                    // Named after the table that was being read when the time ran out. A table
                    // begun after that only fails because of it: reported only when no other is
                    // (never as checked, whatever stopped the connection first).
                    failures[i] = std::make_exception_ptr(stopped("table " + tables[i].name));
                    began_late[i] = expired_before;
                    continue;
                }
                // SQLite reports a damaged file only when a query reaches the bad page, and a view
                // standing for a table only when it is read: name the file and the table.
                failures[i] = std::make_exception_ptr(
                    InputError(fmt::format("{}: cannot read table {}: {}", db.path(), tables[i].name, e.what())));
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> threads;
    for (size_t j = 0; j < extra.size(); ++j) threads.emplace_back(worker, std::ref(extra[j]), j + 1);
    worker(db, 0);
    for (auto& thread : threads) thread.join();
    if (own_transaction) db.exec("COMMIT");
    for (size_t i = 0; i < failures.size(); ++i)
        if (failures[i] && !began_late[i]) std::rethrow_exception(failures[i]);
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    for (auto& part : per_table) {
        report.truncated = report.truncated || part.truncated;
        for (auto& problem : part.problems) report.problems.push_back(std::move(problem));
    }
    return report;
}

}  // namespace recallguard::schema
