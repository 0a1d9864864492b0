#include "schema/ingest.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/files.h"
#include "common/text.h"
#include "schema/catalog.h"
#include "schema/ingest_rows.h"
#include "schema/value_check.h"
#include "sqldb/sqlite.h"

namespace recallguard::schema {

using sqldb::quote_identifier;
using sqldb::SqlValue;

namespace {

const Table& resolve_table(const Catalog& catalog, const std::string& name) {
    if (const Table* table = catalog.find_table(name)) return *table;
    const auto names = catalog.table_names();
    const std::string match = closest_match(name, names);
    throw InputError(fmt::format("unknown table '{}'{}; the tables are {}", name,
                                 match.empty() ? "" : fmt::format(" (did you mean '{}'?)", match), join(names, ", ")));
}

// Ingest only writes into databases made from our DDL, so the constraints are there.
void require_case_database(sqldb::Database& db, const Catalog& catalog) {
    auto pragma = db.prepare("PRAGMA user_version");
    const int64_t version = pragma.step() ? pragma.column_int(0) : 0;
    std::vector<std::string> missing;
    for (const auto& table : catalog.tables()) {
        auto info = db.prepare("SELECT name FROM pragma_table_info(?)");
        info.bind_text(1, table.name);
        std::set<std::string> columns;
        while (info.step()) columns.insert(info.column_text(0));
        for (const auto& column : table.columns)
            if (!columns.count(column.name)) missing.push_back(table.name + "." + column.name);
    }
    if (version == kCaseDataModelVersion && missing.empty()) return;
    // Name a few missing columns; a database that lacks dozens is simply not ours.
    const size_t shown = std::min<size_t>(missing.size(), 5);
    const std::string lacks =
        missing.empty()
            ? ""
            : fmt::format(", lacks {}{}",
                          join({missing.begin(), missing.begin() + static_cast<std::ptrdiff_t>(shown)}, ", "),
                          missing.size() > shown ? ", ..." : "");
    throw InputError(fmt::format(
        "{}: not a case database of model version {} (user_version {}{}); create one with `recallguard init`",
        db.path(), kCaseDataModelVersion, version, lacks));
}

// The text form of a row's key, or "" when a key column is missing or NULL.
std::string key_of(const InputRow& row, const Table& table) {
    std::vector<std::string> parts;
    for (const auto& column : table.primary_key) {
        const SqlValue* value = row.value_of(column);
        if (!value || std::holds_alternative<std::monostate>(*value)) return "";
        parts.push_back(sqldb::sql_value_to_string(*value));
    }
    return join(parts, "/");
}

struct InputTable {
    const Table* table = nullptr;
    std::vector<InputRow> rows;
};

class Ingest {
public:
    Ingest(sqldb::Database& db, std::vector<InputTable>& inputs, std::vector<PlacedProblem>& problems)
        : db_(db), inputs_(inputs), problems_(problems) {}

    // Everything that needs more than one value: keys, references, orders within a row
    // and across rows of one group.
    void check_rows() {
        for (auto& input : inputs_) index_keys(input);
        for (auto& input : inputs_)
            for (auto& row : input.rows) {
                check_references(row);
                check_date_orders(*input.table, row);
                check_set_together(*input.table, row);
            }
        for (auto& input : inputs_) check_non_decreasing(input);
    }

    // Inserts every row in one transaction; commits only when no insert failed.
    bool write() {
        db_.exec("PRAGMA foreign_keys = ON");
        db_.exec("BEGIN IMMEDIATE");
        try {
            // Rows may come in any order across files; references are checked at commit.
            db_.exec("PRAGMA defer_foreign_keys = ON");
            std::map<std::pair<std::string, int64_t>, const InputRow*> by_rowid;
            bool failed = false;
            for (auto& input : inputs_)
                for (auto& row : input.rows) {
                    std::vector<std::string> columns, marks;
                    for (const Column* c : row.columns) {
                        columns.push_back(quote_identifier(c->name));
                        marks.push_back("?");
                    }
                    auto insert = db_.prepare("INSERT INTO " + quote_identifier(input.table->name) + " (" +
                                              join(columns, ", ") + ") VALUES (" + join(marks, ", ") + ")");
                    for (size_t i = 0; i < row.values.size(); ++i) insert.bind(static_cast<int>(i + 1), row.values[i]);
                    try {
                        insert.step();
                        by_rowid[{input.table->name, db_.last_insert_rowid()}] = &row;
                    } catch (const InputError& e) {
                        failed = true;
                        add(row, row.location, fmt::format("the database rejected the row: {}", e.what()));
                    }
                }
            if (!failed) failed = !check_foreign_keys(by_rowid);
            db_.exec(failed ? "ROLLBACK" : "COMMIT");
            return !failed;
        } catch (...) {
            db_.try_exec("ROLLBACK");
            throw;
        }
    }

private:
    void add(const InputRow& row, std::string location, std::string message) {
        problems_.push_back({row.input, row.record, {std::move(location), std::move(message)}});
    }

    void index_keys(InputTable& input) {
        const Table& table = *input.table;
        auto& seen = keys_[table.name];
        std::vector<std::string> conditions;
        for (const auto& column : table.primary_key) conditions.push_back(quote_identifier(column) + " = ?");
        auto exists =
            db_.prepare("SELECT 1 FROM " + quote_identifier(table.name) + " WHERE " + join(conditions, " AND "));
        for (const auto& row : input.rows) {
            const std::string key = key_of(row, table);
            if (key.empty()) continue;
            const auto [at, inserted] = seen.emplace(key, row.location);
            if (!inserted) {
                add(row, row.location,
                    fmt::format("duplicate key '{}' ({}) in {}: {} already has it", key, join(table.primary_key, "/"),
                                table.name, at->second));
                continue;
            }
            exists.reset();
            int index = 1;
            for (const auto& column : table.primary_key) exists.bind(index++, *row.value_of(column));
            if (exists.step())
                add(row, row.location,
                    fmt::format("duplicate key '{}' ({}): {} already has a row with it in the database", key,
                                join(table.primary_key, "/"), table.name));
        }
    }

    void check_references(const InputRow& row) {
        for (size_t i = 0; i < row.columns.size(); ++i) {
            const Column& column = *row.columns[i];
            const auto* value = std::get_if<std::string>(&row.values[i]);
            if (column.references.empty() || !value) continue;
            if (keys_[column.references].count(*value) || parent_exists(column.references, *value)) continue;
            add(row, row.value_locations[i],
                fmt::format("{} '{}' names no row of {}, neither in the database nor in the files ingested with it",
                            column.name, *value, column.references));
        }
    }

    bool parent_exists(const std::string& parent_table, const std::string& key) {
        auto cached = parents_.find({parent_table, key});
        if (cached != parents_.end()) return cached->second;
        const Table* parent = Catalog::case_data_v1().find_table(parent_table);
        auto query = db_.prepare("SELECT 1 FROM " + quote_identifier(parent_table) + " WHERE " +
                                 quote_identifier(parent->primary_key.front()) + " = ?");
        query.bind_text(1, key);
        const bool found = query.step();
        parents_[{parent_table, key}] = found;
        return found;
    }

    static const std::string* date_in(const InputRow& row, const std::string& column) {
        const SqlValue* value = row.value_of(column);
        const auto* text = value ? std::get_if<std::string>(value) : nullptr;
        return text && is_iso_date(*text) ? text : nullptr;
    }

    // Only the orders the model states reject a row; implied ones are `validate` warnings.
    void check_date_orders(const Table& table, const InputRow& row) {
        for (const auto& order : table.date_orders) {
            if (!order.stated) continue;
            const std::string* earlier = date_in(row, order.earlier);
            const std::string* later = date_in(row, order.later);
            if (earlier && later && *later < *earlier)
                add(row, row.location_of(order.later),
                    fmt::format("{} {} is before {} {}; {}", order.later, *later, order.earlier, *earlier,
                                order.reason));
        }
    }

    void check_set_together(const Table& table, const InputRow& row) {
        for (const auto& [first, second] : table.set_together) {
            const SqlValue* a = row.value_of(first);
            const SqlValue* b = row.value_of(second);
            const bool a_set = a && !std::holds_alternative<std::monostate>(*a);
            const bool b_set = b && !std::holds_alternative<std::monostate>(*b);
            if (a_set == b_set) continue;
            const std::string& set = a_set ? first : second;
            add(row, row.location_of(set),
                fmt::format("{} is '{}' but {} is not set; the two are set together or both left empty", set,
                            sqldb::sql_value_to_string(a_set ? *a : *b), a_set ? second : first));
        }
    }

    // A cumulative column must not fall within a group, counting the rows already stored.
    void check_non_decreasing(const InputTable& input) {
        const Table& table = *input.table;
        if (!table.non_decreasing) return;
        const auto& m = *table.non_decreasing;
        struct Point {
            std::string at;
            int64_t value;
            const InputRow* row;  // nullptr for a stored row
        };
        std::map<std::string, std::vector<Point>> groups;
        for (const auto& row : input.rows) {
            const SqlValue* group = row.value_of(m.group_by);
            const SqlValue* value = row.value_of(m.column);
            const std::string* at = date_in(row, m.order_by);
            if (!group || !value || !at || !std::holds_alternative<int64_t>(*value) ||
                !std::holds_alternative<std::string>(*group))
                continue;
            groups[std::get<std::string>(*group)].push_back({*at, std::get<int64_t>(*value), &row});
        }
        auto stored =
            db_.prepare("SELECT " + quote_identifier(m.order_by) + ", " + quote_identifier(m.column) + " FROM " +
                        quote_identifier(table.name) + " WHERE " + quote_identifier(m.group_by) + " = ?");
        for (auto& [group, points] : groups) {
            stored.reset();
            stored.bind_text(1, group);
            while (stored.step()) points.push_back({stored.column_text(0), stored.column_int(1), nullptr});
            std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.at < b.at; });
            for (size_t i = 1; i < points.size(); ++i) {
                const Point& before = points[i - 1];
                const Point& after = points[i];
                if (after.value >= before.value) continue;
                const InputRow* row = after.row ? after.row : before.row;
                if (!row) continue;
                const std::string where_before = before.row ? before.row->location : "the database";
                add(*row, row->location_of(m.column),
                    fmt::format("{} falls to {} as of {} from {} as of {} ({}); it is cumulative and never "
                                "decreases within one {}",
                                m.column, after.value, after.at, before.value, before.at, where_before, m.group_by));
            }
        }
    }

    // The last line of defence behind check_references: SQLite's own deferred check.
    bool check_foreign_keys(const std::map<std::pair<std::string, int64_t>, const InputRow*>& by_rowid) {
        auto check = db_.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
        bool ok = true;
        while (check.step()) {
            ok = false;
            const auto row = by_rowid.find({check.column_text(0), check.column_int(1)});
            const std::string message =
                fmt::format("the database rejected the row: it refers to a missing row of {}", check.column_text(2));
            if (row != by_rowid.end())
                add(*row->second, row->second->location, message);
            else
                problems_.push_back({0, 0, {db_.path(), check.column_text(0) + ": " + message}});
        }
        return ok;
    }

    sqldb::Database& db_;
    std::vector<InputTable>& inputs_;
    std::vector<PlacedProblem>& problems_;
    std::map<std::string, std::map<std::string, std::string>> keys_;  // table -> key -> location
    std::map<std::pair<std::string, std::string>, bool> parents_;
};

}  // namespace

IngestResult ingest_files(const std::string& db_path, const std::vector<IngestInput>& inputs) {
    const Catalog& catalog = Catalog::case_data_v1();
    if (inputs.empty()) throw InputError("nothing to ingest: give at least one --table TABLE FILE");
    // Everything that makes the whole run impossible is found before anything is read.
    std::vector<InputTable> tables;
    std::vector<std::string> texts;
    for (const auto& input : inputs) {
        const Table& table = resolve_table(catalog, input.table);
        const std::string extension = to_lower(std::filesystem::path(input.path).extension().string());
        if (extension != ".csv" && extension != ".json")
            throw InputError(input.path + ": cannot tell the format; name the file .csv or .json");
        texts.push_back(read_file_or_throw(input.path));
        tables.push_back({&table, {}});
    }
    auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadWrite);
    require_case_database(db, catalog);

    std::vector<PlacedProblem> problems;
    IngestResult result;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const bool csv = to_lower(std::filesystem::path(inputs[i].path).extension().string()) == ".csv";
        tables[i].rows = csv ? read_csv_rows(texts[i], inputs[i].path, i, *tables[i].table, problems)
                             : read_json_rows(texts[i], inputs[i].path, i, *tables[i].table, problems);
        result.rows[tables[i].table->name] += tables[i].rows.size();
    }
    Ingest ingest(db, tables, problems);
    ingest.check_rows();
    // Nothing is written, not even a rolled-back transaction, when a value is known bad.
    if (problems.empty()) result.committed = ingest.write();

    std::stable_sort(problems.begin(), problems.end(), [](const PlacedProblem& a, const PlacedProblem& b) {
        return std::tie(a.input, a.record) < std::tie(b.input, b.record);
    });
    for (auto& p : problems) result.problems.push_back(std::move(p.problem));
    return result;
}

}  // namespace recallguard::schema
