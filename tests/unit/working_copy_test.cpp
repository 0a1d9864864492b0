// The working database an audit runs on: which columns the compiled rules read, which of them
// the copy keeps, its parts, and how an audit on several jobs reports a table it cannot copy.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/errors.h"
#include "compiler/compile.h"
#include "engine/audit.h"
#include "engine/rule_loader.h"
#include "exec/snapshot.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"
#include "temp_dir.h"

using namespace recallguard;

namespace {

const engine::LoadedRules& standard_rules() {
    static const engine::LoadedRules rules = [] {
        engine::LoadOptions load;
        load.paths = {std::string(RECALLGUARD_SOURCE_DIR) + "/rules"};
        return engine::load_rules(load);
    }();
    return rules;
}

compiler::CompiledRule compile(const std::string& rule_id) {
    for (const auto& rule : standard_rules().program.rules)
        if (rule->rule->id == rule_id)
            return compiler::compile_rule(*rule, schema::Catalog::case_data_v1(), {"2026-06-30", false, std::nullopt});
    throw std::runtime_error("no rule " + rule_id);
}

std::vector<std::string> columns_of(sqldb::Database& db, const std::string& schema_name, const std::string& table) {
    std::vector<std::string> names;
    auto info = db.prepare("SELECT name FROM pragma_table_info(?1, ?2)");
    info.bind_text(1, table);
    info.bind_text(2, schema_name);
    while (info.step()) names.push_back(info.column_text(0));
    return names;
}

std::vector<std::string> indexes_of(sqldb::Database& db, const std::string& schema_name, const std::string& table) {
    std::vector<std::string> names;
    auto list = db.prepare("SELECT name FROM pragma_index_list(?1, ?2) ORDER BY name");
    list.bind_text(1, table);
    list.bind_text(2, schema_name);
    while (list.step()) names.push_back(list.column_text(0));
    return names;
}

TEST(ColumnsRead, ARuleReadsOnlyTheColumnsOfRelatedRowsItNames) {
    ASSERT_FALSE(standard_rules().diagnostics.has_errors());
    // CN-CP-STOP-SALE sums units of sales dated after the case's conclusion: it never looks at a
    // sale's own id.
    const auto stop_sale = compile("CN-CP-STOP-SALE");
    ASSERT_TRUE(stop_sale.columns.count("sales"));
    EXPECT_EQ(stop_sale.columns.at("sales"), (std::set<std::string>{"product_id", "sold_on", "units"}));
    // Its subjects are whole rows (messages and later stages read them by name).
    EXPECT_TRUE(stop_sale.columns.at("defect_cases").count("*"));
    // Every table it reads has an entry, and nothing else does.
    std::set<std::string> tables(stop_sale.tables.begin(), stop_sale.tables.end());
    std::set<std::string> with_columns;
    for (const auto& [table, columns] : stop_sale.columns) with_columns.insert(table);
    EXPECT_EQ(with_columns, tables);

    const auto cluster = compile("SIG-FIRE-CLUSTER");
    EXPECT_EQ(cluster.columns.at("complaints"), (std::set<std::string>{"hazard", "product_id", "received_on"}));
}

class WorkingCopy : public ::testing::Test {
protected:
    void SetUp() override {
        schema::create_case_database(path);
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
        db.exec(R"(
INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer');
INSERT INTO products VALUES ('P1', 'C1', 'power_bank', 'Acme', 'PB-1', NULL, 'CN', 100, NULL);
INSERT INTO sales VALUES ('S1', 'P1', '2025-01-01', 3), ('S2', 'P1', '2025-02-01', 4),
                         ('S3', 'P1', '2025-09-01', 5);)");
    }
    test::TempDir dir;
    std::string path = dir.file("cases.sqlite");
    calendar::CalendarSet calendars;
};

TEST_F(WorkingCopy, CopiesTheColumnsAskedForAsOfTheAuditDate) {
    const exec::ColumnsByTable wanted{
        {"sales", {"units", "product_id"}}, {"products", {"*"}}, {"companies", {"name"}}, {"recalls", {}}};
    auto snapshot = exec::Snapshot::build(path, wanted, "2025-06-30", schema::Catalog::case_data_v1(), calendars, 1);
    auto db = snapshot.connect();
    EXPECT_EQ(columns_of(db, "part0", "sales"), (std::vector<std::string>{"product_id", "units"}));
    EXPECT_EQ(columns_of(db, "part0", "products").size(), 9u);
    // Products are looked up by key (other tables refer to them): their key is indexed. The
    // companies' key is not copied (no rule reads it), so it is not indexed either.
    EXPECT_EQ(indexes_of(db, "part0", "products"), (std::vector<std::string>{"products_company_id", "products_key"}));
    EXPECT_EQ(columns_of(db, "part0", "companies"), (std::vector<std::string>{"name"}));
    EXPECT_TRUE(indexes_of(db, "part0", "companies").empty());
    // A table read for its rows alone keeps its key.
    EXPECT_EQ(columns_of(db, "part0", "recalls"), (std::vector<std::string>{"recall_id"}));
    // The copy's foreign-key index covers the copied foreign key (sold_on is not copied, so it is
    // not in the index); rows after the audit date do not exist.
    EXPECT_EQ(indexes_of(db, "part0", "sales"), (std::vector<std::string>{"sales_product_id"}));
    auto total = db.prepare("SELECT count(*), sum(units) FROM sales");
    ASSERT_TRUE(total.step());
    EXPECT_EQ(total.column_int(0), 2);
    EXPECT_EQ(total.column_int(1), 7);
}

TEST_F(WorkingCopy, PartsAreCopiedOnceAndSeenOnlyOnceAttached) {
    const exec::ColumnsByTable wanted{{"sales", {"*"}}, {"products", {"*"}}, {"companies", {"*"}}};
    auto snapshot = exec::Snapshot::prepare(path, wanted, "2025-06-30", schema::Catalog::case_data_v1(), calendars, 2);
    ASSERT_EQ(snapshot.part_count(), 2u);
    ASSERT_TRUE(snapshot.part_of("sales").has_value());
    EXPECT_FALSE(snapshot.part_of("recalls").has_value());
    const size_t sales_part = *snapshot.part_of("sales");
    // The largest table goes alone into its part; the two others share the other one.
    EXPECT_EQ(*snapshot.part_of("products"), *snapshot.part_of("companies"));
    EXPECT_NE(*snapshot.part_of("products"), sales_part);

    snapshot.copy_part(sales_part);
    EXPECT_THROW(snapshot.copy_part(sales_part), InternalError);
    auto db = snapshot.connect_calendars();
    EXPECT_THROW(db.prepare("SELECT count(*) FROM sales"), InputError);
    snapshot.attach_part(db, sales_part);
    auto count = db.prepare("SELECT count(*) FROM sales");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int(0), 2);
}

TEST_F(WorkingCopy, AnUnreadableTableGivesTheSameErrorOnOneJobOrSeveral) {
    {
        // A view standing for a case table, over a table that no longer exists.
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
        db.exec(
            "ALTER TABLE sales RENAME TO sales_raw; CREATE VIEW sales AS SELECT * FROM sales_raw; DROP TABLE "
            "sales_raw;");
    }
    const auto messages = [&](int jobs) {
        engine::AuditOptions audit;
        audit.database = path;
        audit.as_of = "2025-06-30";
        audit.jobs = jobs;
        try {
            engine::run_audit(standard_rules(), audit);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string one_job = messages(1);
    EXPECT_NE(one_job.find("cannot read table sales"), std::string::npos) << one_job;
    EXPECT_NE(one_job.find("sales_raw"), std::string::npos) << one_job;
    for (int jobs : {2, 4}) EXPECT_EQ(messages(jobs), one_job) << jobs << " jobs";
}

}  // namespace
