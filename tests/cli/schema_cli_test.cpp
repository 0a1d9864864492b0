// Exit codes and outputs of `recallguard schema`, `init`, `validate` and `ingest`, run as a user would.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../unit/case_rows.h"
#include "../unit/temp_dir.h"
#include "run_cli.h"
#include "schema/case_database.h"

namespace recallguard {
namespace {

using test::run_cli;

class SchemaCli : public ::testing::Test {
protected:
    // A database with the model's tables but none of its constraints, holding row 0 of each.
    std::string loose_database(const std::string& name, const std::string& extra_sql = "") {
        const std::string path = dir.file(name);
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
        test::create_loose_tables(db);
        test::insert_base_rows(db);
        if (!extra_sql.empty()) db.exec(extra_sql);
        return path;
    }
    test::TempDir dir;
};

TEST_F(SchemaCli, SchemaPrintsTheDdl) {
    const auto r = run_cli({"schema"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("CREATE TABLE recall_progress"), std::string::npos);
    EXPECT_NE(r.out.find("PRAGMA user_version = 1"), std::string::npos);
}

TEST_F(SchemaCli, InitCreatesAValidDatabaseAndNeverOverwrites) {
    const std::string path = dir.file("case.db");
    auto r = run_cli({"init", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("created"), std::string::npos);
    r = run_cli({"validate", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("valid: no problems"), std::string::npos);
    const std::string before = test::read_bytes(path);
    r = run_cli({"init", path});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_bytes(path), before);
    EXPECT_EQ(run_cli({"init"}).exit_code, 2);
}

TEST_F(SchemaCli, ValidateExitsOneOnErrorsAndNamesThem) {
    const std::string path = loose_database(
        "foreign.db", "INSERT INTO complaints VALUES ('K-1', 'products-0', '2025-02-30', 'hotline', 'fyre', NULL)");
    const std::string before = test::read_bytes(path);
    const auto r = run_cli({"validate", path});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("error[V-BAD-DATE]: complaints row 'K-1': received_on is '2025-02-30'"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("error[V-ENUM]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 errors, 0 warnings"), std::string::npos) << r.out;
    EXPECT_EQ(test::read_bytes(path), before);
}

TEST_F(SchemaCli, ValidateExitsZeroOnWarningsOnly) {
    const std::string path =
        loose_database("warn.db", "UPDATE recalls SET started_on = '2025-03-05', completed_on = '2025-03-04'");
    const auto r = run_cli({"validate", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("warning[V-DATE-ORDER]"), std::string::npos) << r.out;
}

TEST_F(SchemaCli, ValidateJsonOutput) {
    const std::string path = loose_database("foreign.db", "UPDATE products SET units_sold = -5");
    const auto r = run_cli({"validate", path, "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json["errors"], 1);
    EXPECT_EQ(json["valid"], false);
    EXPECT_EQ(json["problems"][0]["code"], "V-NEGATIVE");
    EXPECT_EQ(json["problems"][0]["table"], "products");
    EXPECT_EQ(json["problems"][0]["row_key"], "products-0");
    EXPECT_EQ(json["problems"][0]["column"], "units_sold");
    EXPECT_EQ(json["problems"][0]["value"], "-5");
}

TEST_F(SchemaCli, ValidateExitsTwoWhenTheInputCannotBeRead) {
    auto r = run_cli({"validate", dir.file("missing.db")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("missing.db"), std::string::npos) << r.err;

    r = run_cli({"validate", dir.write("notes.db", "these are notes, not a database\n")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a readable SQLite database"), std::string::npos) << r.err;

    const std::string big =
        loose_database("big.db",
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                       "INSERT INTO sales SELECT 'sale-' || i, 'products-0', '2025-03-03', i FROM n");
    const std::string bytes = test::read_bytes(big);
    dir.write("big.db", bytes.substr(0, bytes.size() / 2));
    r = run_cli({"validate", big});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("big.db"), std::string::npos) << r.err;

    r = run_cli({"validate", big, "--format", "xml"});
    EXPECT_EQ(r.exit_code, 2);
}

TEST_F(SchemaCli, IngestLoadsEverythingOrNothing) {
    const std::string path = dir.file("case.db");
    ASSERT_EQ(run_cli({"init", path}).exit_code, 0);
    const auto companies = dir.write("companies.csv", "company_id,name,country,role\nC-1,Anker,CN,producer\n");
    const auto products = dir.write("products.json",
                                    R"([{"product_id": "P-1", "company_id": "C-1", "category": "power_bank",
                                         "model": "PB", "market": "CN", "units_sold": 5}])");
    auto r = run_cli({"ingest", path, "--table", "products", products, "--table", "companies", companies});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("loaded 2 rows"), std::string::npos) << r.out;

    const std::string before = test::read_bytes(path);
    const auto bad = dir.write("more.csv", "company_id,name,country,role\nC-2,Foo,CN,seler\nC-3,Bar,XX,seller\n");
    r = run_cli({"ingest", path, "--table", "companies", bad});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("more.csv:2: error: role: 'seler' is not allowed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_bytes(path), before);
    EXPECT_EQ(run_cli({"validate", path}).exit_code, 0);
}

TEST_F(SchemaCli, IngestExitsTwoOnUnusableInput) {
    const std::string path = dir.file("case.db");
    ASSERT_EQ(run_cli({"init", path}).exit_code, 0);
    const auto companies = dir.write("companies.csv", "company_id,name,country,role\nC-1,Anker,CN,producer\n");
    auto r = run_cli({"ingest", path, "--table", "compnies", companies});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown table 'compnies'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean 'companies'"), std::string::npos) << r.err;
    EXPECT_EQ(run_cli({"ingest", path, "--table", "companies", dir.file("none.csv")}).exit_code, 2);
    EXPECT_EQ(run_cli({"ingest", dir.file("none.db"), "--table", "companies", companies}).exit_code, 2);
    EXPECT_EQ(run_cli({"ingest", dir.write("notes.db", "text"), "--table", "companies", companies}).exit_code, 2);
    EXPECT_EQ(run_cli({"ingest", path}).exit_code, 2);
    EXPECT_EQ(run_cli({"ingest", path, "--table", "companies"}).exit_code, 2);
}

TEST_F(SchemaCli, UnknownCommandSuggestsTheClosestOne) {
    const auto r = run_cli({"valdate", "x.db"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("did you mean 'validate'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace recallguard
