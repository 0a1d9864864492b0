#include <algorithm>

#include "common/errors.h"
#include "ruletest/runner.h"
#include "schema/case_database.h"
#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::ruletest {
namespace {

// Position of a table in the catalog, which lists referenced tables before referencing ones.
size_t table_rank(const std::string& table) {
    const auto& tables = schema::Catalog::case_data_v1().tables();
    for (size_t i = 0; i < tables.size(); ++i)
        if (tables[i].name == table) return i;
    return tables.size();
}

bool is_integer(const std::string& text) {
    size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
    return i < text.size() && text.find_first_not_of("0123456789", i) == std::string::npos;
}

void insert_block(sqldb::Database& db, const RowBlock& block) {
    const auto* table = schema::Catalog::case_data_v1().find_table(block.table);
    if (!table)
        throw InputError(block.location.to_string() + ": no table '" + block.table + "' in the case data model");
    std::string sql = "INSERT INTO " + sqldb::quote_identifier(block.table) + " (";
    std::string values;
    for (size_t i = 0; i < block.columns.size(); ++i) {
        sql += (i ? ", " : "") + sqldb::quote_identifier(block.columns[i]);
        values += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + values + ")";
    auto statement = db.prepare(sql);
    for (const auto& row : block.rows) {
        statement.reset();
        for (size_t i = 0; i < row.cells.size(); ++i) {
            const auto& value = row.cells[i].value;
            const auto* column = table->find_column(block.columns[i]);
            const int index = static_cast<int>(i) + 1;
            if (!value)
                statement.bind_null(index);
            else if (column && column->type == schema::ColumnType::Integer && is_integer(*value))
                statement.bind_int(index, std::stoll(*value));
            else
                statement.bind_text(index, *value);
        }
        try {
            statement.step();
        } catch (const InputError& e) {
            throw InputError(row.location.to_string() + ": the case data model rejects this " + block.table +
                             " row: " + e.what());
        }
    }
}

}  // namespace

void build_fixture_database(const RuleTestCase& test, const std::string& path) {
    schema::create_case_database(path);
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("BEGIN");
    // Tables go in reference order, so a fixture may list its tables in any order.
    std::vector<const RowBlock*> blocks;
    for (const auto& block : test.blocks) blocks.push_back(&block);
    std::stable_sort(blocks.begin(), blocks.end(),
                     [](const RowBlock* a, const RowBlock* b) { return table_rank(a->table) < table_rank(b->table); });
    for (const auto* block : blocks) insert_block(db, *block);
    db.exec("COMMIT");
}

}  // namespace recallguard::ruletest
