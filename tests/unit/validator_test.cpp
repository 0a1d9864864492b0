// validate_case_database finds every class of contract violation in a foreign database
// that has none of our constraints, names the row, and never writes.
#include "schema/validator.h"

#include <gtest/gtest.h>

#include <chrono>

#include "case_rows.h"
#include "common/errors.h"
#include "schema/case_database.h"
#include "temp_dir.h"

namespace recallguard {
namespace {

using schema::Catalog;
using schema::ValidationProblem;
using schema::ValidationReport;
using Level = ValidationProblem::Level;

// A database shaped like the model with no types or constraints, holding row 0 of every table.
class Validator : public ::testing::Test {
protected:
    void SetUp() override {
        test::create_loose_tables(db);
        test::insert_base_rows(db);
    }
    ValidationReport validate(size_t max_per_check = 50) {
        return schema::validate_case_database(db, Catalog::case_data_v1(), max_per_check);
    }
    // Row `n` of `table` with `changes`, inserted as given.
    void insert(const std::string& table, int n, const test::RowValues& changes) {
        auto row = test::valid_row(*Catalog::case_data_v1().find_table(table), n);
        for (const auto& [column, value] : changes) row[column] = value;
        test::insert_row(db, table, row);
    }
    // The only problem of the report; fails the test when there is not exactly one.
    ValidationProblem only(const ValidationReport& report) {
        EXPECT_EQ(report.problems.size(), 1u) << schema::render_validation_text(report, "db");
        return report.problems.empty() ? ValidationProblem{} : report.problems.front();
    }

    sqldb::Database db = sqldb::Database::open_memory();
};

std::string text(const char* s) {
    return s;
}

TEST_F(Validator, ValidDatabaseHasNoProblems) {
    const auto report = validate();
    EXPECT_TRUE(report.problems.empty()) << schema::render_validation_text(report, "db");
    EXPECT_FALSE(report.truncated);
}

TEST(ValidatorOnOurDdl, DatabaseMadeByInitWithValidRowsIsClean) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    test::insert_base_rows(db);
    EXPECT_TRUE(schema::validate_case_database(db, Catalog::case_data_v1()).problems.empty());
}

TEST_F(Validator, MissingTable) {
    db.exec("DROP TABLE sales");
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-MISSING-TABLE");
    EXPECT_EQ(p.table, "sales");
    EXPECT_EQ(p.level, Level::Error);
}

TEST_F(Validator, MissingColumnAndTheRestOfTheTableIsStillChecked) {
    db.exec(
        "CREATE TABLE p2 AS SELECT product_id, company_id, category, brand, model, batch, market, certificate "
        "FROM products");
    db.exec("DROP TABLE products");
    db.exec("ALTER TABLE p2 RENAME TO products");
    db.exec("UPDATE products SET category = 'toaster'");
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 2u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-MISSING-COLUMN");
    EXPECT_EQ(report.problems[0].column, "units_sold");
    EXPECT_NE(report.problems[0].message.find("units_sold"), std::string::npos);
    EXPECT_EQ(report.problems[1].code, "V-ENUM");
}

TEST_F(Validator, ExtraTablesAndColumnsAreIgnoredAndNamesAreCaseInsensitive) {
    db.exec("CREATE TABLE audit_log (anything)");
    db.exec("INSERT INTO audit_log VALUES ('not a date')");
    db.exec("ALTER TABLE products ADD COLUMN colour");
    db.exec("UPDATE products SET colour = 'red'");
    db.exec("ALTER TABLE companies RENAME TO tmp");
    db.exec("ALTER TABLE tmp RENAME TO Companies");
    db.exec("ALTER TABLE Companies RENAME COLUMN country TO Country");
    EXPECT_TRUE(validate().problems.empty());
}

TEST_F(Validator, WrongStorageType) {
    insert("products", 1, {{"units_sold", text("12 units")}});
    insert("complaints", 1, {{"received_on", int64_t{20250303}}});
    insert("sales", 1, {{"units", 2.5}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 3u) << schema::render_validation_text(report, "db");
    for (const auto& p : report.problems) EXPECT_EQ(p.code, "V-TYPE");
    EXPECT_EQ(report.problems[0].table, "products");
    EXPECT_EQ(report.problems[0].row_key, "products-1");
    EXPECT_EQ(report.problems[0].column, "units_sold");
    EXPECT_EQ(report.problems[0].value, "'12 units'");
    EXPECT_NE(report.problems[0].message.find("an integer"), std::string::npos);
    EXPECT_EQ(report.problems[1].column, "received_on");  // not also a V-BAD-DATE
    EXPECT_EQ(report.problems[2].value, "2.5");
}

TEST_F(Validator, NullInNotNullColumn) {
    insert("products", 1, {{"model", std::monostate{}}, {"brand", std::monostate{}}});
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-NULL");
    EXPECT_EQ(p.row_key, "products-1");
    EXPECT_EQ(p.column, "model");
}

TEST_F(Validator, BadDates) {
    insert("complaints", 1, {{"received_on", text("2025-02-30")}});
    insert("complaints", 2, {{"received_on", text("25/3/2025")}});
    insert("complaints", 3, {{"received_on", text("")}});
    insert("complaints", 4, {{"received_on", text("2024-02-29")}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 3u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-BAD-DATE");
    EXPECT_EQ(report.problems[0].row_key, "complaints-1");
    EXPECT_EQ(report.problems[0].value, "2025-02-30");
    EXPECT_EQ(report.problems[1].value, "25/3/2025");
    EXPECT_EQ(report.problems[2].value, "");
}

TEST_F(Validator, EnumValueOutsideTheClosedList) {
    insert("complaints", 1, {{"hazard", text("fyre")}});
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-ENUM");
    EXPECT_EQ(p.column, "hazard");
    EXPECT_EQ(p.value, "fyre");
    EXPECT_NE(p.message.find("did you mean 'fire'"), std::string::npos) << p.message;
    EXPECT_NE(p.message.find("electric_shock"), std::string::npos) << "lists the allowed values";
}

TEST_F(Validator, NegativeCountsNonPositiveSalesAndFlagsOutOfRange) {
    insert("products", 1, {{"units_sold", int64_t{-1}}});
    insert("sales", 1, {{"units", int64_t{0}}});
    insert("design_changes", 1, {{"safety_related", int64_t{2}}});
    insert("recall_progress", 1, {{"units_remedied", int64_t{0}}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 3u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-NEGATIVE");
    EXPECT_EQ(report.problems[0].value, "-1");
    EXPECT_EQ(report.problems[1].code, "V-NEGATIVE");
    EXPECT_EQ(report.problems[1].table, "sales");
    EXPECT_NE(report.problems[1].message.find("at least 1"), std::string::npos);
    EXPECT_EQ(report.problems[2].code, "V-RANGE");
    EXPECT_NE(report.problems[2].message.find("0 or 1"), std::string::npos);
}

TEST_F(Validator, OrphanForeignKeys) {
    insert("products", 1, {{"company_id", text("C-404")}});
    insert("filings", 1, {{"case_id", text("D-404")}});
    insert("filings", 2, {});  // NULL product_id and case_id are allowed
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 2u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-ORPHAN");
    EXPECT_EQ(report.problems[0].row_key, "products-1");
    EXPECT_EQ(report.problems[0].value, "C-404");
    EXPECT_NE(report.problems[0].message.find("companies"), std::string::npos);
    EXPECT_EQ(report.problems[1].column, "case_id");
}

TEST_F(Validator, DuplicateKeys) {
    insert("companies", 0, {});
    insert("companies", 0, {});
    insert("recall_progress", 0, {{"units_remedied", int64_t{0}}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 2u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-DUPLICATE-KEY");
    EXPECT_EQ(report.problems[0].row_key, "companies-0");
    EXPECT_NE(report.problems[0].message.find("3 rows"), std::string::npos);
    EXPECT_EQ(report.problems[1].row_key, "recalls-0/2025-03-03");
}

TEST_F(Validator, UnitsRemediedDecreasing) {
    insert("recall_progress", 1, {{"units_remedied", int64_t{10}}});  // as_of 2025-03-04
    insert("recall_progress", 3, {{"units_remedied", int64_t{12}}});  // 2025-03-06
    insert("recall_progress", 2, {{"units_remedied", int64_t{5}}});   // 2025-03-05, inserted last
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-DECREASING");
    EXPECT_EQ(p.row_key, "recalls-0/2025-03-05");
    EXPECT_EQ(p.value, "5");
    EXPECT_NE(p.message.find("from 10 as of 2025-03-04"), std::string::npos) << p.message;
}

TEST_F(Validator, KnownBeforeOccurredIsAnError) {
    insert("incidents", 1, {{"occurred_on", text("2025-03-05")}, {"known_on", text("2025-03-04")}});
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-DATE-ORDER");
    EXPECT_EQ(p.level, Level::Error);
    EXPECT_EQ(p.column, "known_on");
}

TEST_F(Validator, ConcludedOnAndConclusionTogether) {
    insert("defect_cases", 1, {{"concluded_on", text("2025-03-05")}});
    insert("defect_cases", 2, {{"conclusion", text("defect")}});
    insert("defect_cases", 3, {{"concluded_on", text("2025-03-05")}, {"conclusion", text("no_defect")}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 2u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-PAIR");
    EXPECT_EQ(report.problems[0].column, "conclusion");
    EXPECT_EQ(report.problems[1].column, "concluded_on");
}

TEST_F(Validator, ContentMustBeAJsonObject) {
    insert("filings", 1, {{"content", text("[1, 2]")}});
    insert("filings", 2, {{"content", text("{bad")}});
    insert("filings", 3, {{"content", text(R"({"units": 1})")}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 2u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-JSON");
    EXPECT_NE(report.problems[0].message.find("array"), std::string::npos);
    EXPECT_NE(report.problems[1].message.find("not valid JSON"), std::string::npos);
}

TEST_F(Validator, CountryCodesAndEmptyAuthority) {
    insert("companies", 1, {{"country", text("cn")}});
    insert("products", 1, {{"market", text("CHN")}});
    insert("filings", 1, {{"authority", text("")}});
    const auto report = validate();
    ASSERT_EQ(report.problems.size(), 3u) << schema::render_validation_text(report, "db");
    EXPECT_EQ(report.problems[0].code, "V-COUNTRY");
    EXPECT_EQ(report.problems[1].column, "market");
    EXPECT_EQ(report.problems[2].code, "V-EMPTY");
}

TEST_F(Validator, NewerModelVersion) {
    db.exec("PRAGMA user_version = 1");
    EXPECT_TRUE(validate().problems.empty());
    db.exec("PRAGMA user_version = 2");
    const auto p = only(validate());
    EXPECT_EQ(p.code, "V-VERSION");
    EXPECT_EQ(p.value, "2");
}

TEST_F(Validator, ImpliedDateOrdersAreWarnings) {
    insert("defect_cases", 1,
           {{"opened_on", text("2025-03-05")}, {"concluded_on", text("2025-03-04")}, {"conclusion", text("defect")}});
    insert("recalls", 1, {{"decided_on", text("2025-03-05")}, {"started_on", text("2025-03-04")}});
    insert("recalls", 2, {{"started_on", text("2025-03-05")}, {"completed_on", text("2025-03-04")}});
    insert("recalls", 3, {{"completed_on", text("2025-03-04")}});
    insert("filings", 1, {{"kind", text("defect_report")}, {"period_end", text("2025-01-31")}});
    const auto report = validate();
    EXPECT_EQ(report.error_count(), 0u) << schema::render_validation_text(report, "db");
    ASSERT_EQ(report.warning_count(), 4u) << schema::render_validation_text(report, "db");
    for (const auto& p : report.problems) EXPECT_EQ(p.code, "V-DATE-ORDER");
    EXPECT_EQ(report.problems[0].column, "concluded_on");
    EXPECT_EQ(report.problems[1].column, "started_on");
    EXPECT_EQ(report.problems[2].row_key, "recalls-2");
    EXPECT_EQ(report.problems[3].row_key, "recalls-3");
    EXPECT_NE(report.problems[3].message.find("started_on is NULL"), std::string::npos);
}

TEST_F(Validator, CapsRowsPerCheckAndSaysSo) {
    for (int n = 1; n <= 60; ++n) insert("complaints", n, {{"hazard", text("fyre")}, {"channel", text("fax")}});
    auto report = validate(50);
    EXPECT_EQ(report.problems.size(), 100u);  // 50 per (code, table, column)
    EXPECT_TRUE(report.truncated);
    EXPECT_NE(schema::render_validation_text(report, "db").find("--max-per-check"), std::string::npos);
    report = validate(0);
    EXPECT_EQ(report.problems.size(), 120u);
    EXPECT_FALSE(report.truncated);
    report = validate(60);
    EXPECT_EQ(report.problems.size(), 120u);
    EXPECT_FALSE(report.truncated);
}

TEST_F(Validator, RendersTextAndJson) {
    insert("complaints", 1, {{"hazard", text("fyre")}});
    insert("recalls", 1, {{"completed_on", text("2025-03-04")}});
    const auto report = validate();
    const std::string out = schema::render_validation_text(report, "case.db");
    EXPECT_NE(out.find("case.db: error[V-ENUM]: complaints row 'complaints-1': hazard is 'fyre'"), std::string::npos)
        << out;
    EXPECT_NE(out.find("case.db: warning[V-DATE-ORDER]: recalls row 'recalls-1'"), std::string::npos) << out;
    EXPECT_NE(out.find("case.db: 1 error, 1 warning"), std::string::npos) << out;
    const auto json = schema::render_validation_json(report, "case.db");
    EXPECT_EQ(json["errors"], 1);
    EXPECT_EQ(json["warnings"], 1);
    EXPECT_EQ(json["valid"], false);
    EXPECT_EQ(json["problems"][0]["code"], "V-ENUM");
    EXPECT_EQ(json["problems"][0]["row_key"], "complaints-1");
    EXPECT_EQ(json["problems"][1]["level"], "warning");
}

TEST(ValidatorOnFiles, NeverChangesTheFile) {
    test::TempDir dir;
    const std::string path = dir.file("foreign.db");
    {
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
        test::create_loose_tables(db);
        test::insert_base_rows(db);
        db.exec("INSERT INTO complaints VALUES ('c1', 'nope', '2025-02-30', 'fax', 'fyre', NULL)");
        db.exec("INSERT INTO companies SELECT * FROM companies");
    }
    const std::string before = test::read_bytes(path);
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    const auto report = schema::validate_case_database(db, Catalog::case_data_v1());
    EXPECT_GE(report.error_count(), 5u);
    EXPECT_EQ(test::read_bytes(path), before);
}

TEST(ValidatorOnFiles, SeveralConnectionsGiveTheSameReportAsOne) {
    test::TempDir dir;
    const std::string path = dir.file("foreign.db");
    {
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
        test::create_loose_tables(db);
        test::insert_base_rows(db);
        // Problems in several tables, and more than the cap in one check.
        for (int n = 1; n <= 60; ++n)
            db.exec("INSERT INTO complaints VALUES ('c" + std::to_string(n) +
                    "', 'nope', '2025-02-30', 'fax', 'fyre', NULL)");
        db.exec("INSERT INTO companies SELECT * FROM companies");
        db.exec("UPDATE recalls SET started_on = NULL");
        db.exec("INSERT INTO sales VALUES ('s9', 'products-0', '2025-13-01', -2)");
    }
    const std::string before = test::read_bytes(path);
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    const auto one = schema::validate_case_database(db, Catalog::case_data_v1(), 50, 1);
    ASSERT_GE(one.error_count(), 100u);
    ASSERT_TRUE(one.truncated);
    const std::string expected = schema::render_validation_text(one, "db");
    for (int jobs : {2, 4, 16}) {
        const auto several = schema::validate_case_database(db, Catalog::case_data_v1(), 50, jobs);
        EXPECT_EQ(schema::render_validation_text(several, "db"), expected) << jobs << " connections";
        EXPECT_EQ(several.truncated, one.truncated);
    }
    EXPECT_EQ(test::read_bytes(path), before);
}

// A case table that is a view never ending (a recursive CTE without a stop).
constexpr const char* kEndlessComplaints =
    "DROP TABLE complaints;"
    "CREATE VIEW complaints AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT 'c' || i AS complaint_id, 'products-0' AS product_id, '2025-01-01' AS received_on, "
    "'hotline' AS channel, 'fire' AS hazard, NULL AS description FROM n";

TEST(ValidatorOnFiles, TheRowCountEstimateNeverRunsAView) {
    // The estimate that orders the tables over connections descends a table's B-tree; asked of
    // a view, SQLite would run the view to its end (and a time limit would stop it silently).
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    test::insert_base_rows(db);
    db.exec(kEndlessComplaints);
    sqldb::TimeLimit limit(db, std::chrono::steady_clock::now() + std::chrono::seconds(2));
    EXPECT_EQ(sqldb::estimated_row_count(db, "main", "complaints"), 0);
    EXPECT_FALSE(limit.expired()) << "the view was run";
    EXPECT_EQ(sqldb::estimated_row_count(db, "main", "products"), 1);
}

TEST(ValidatorOnFiles, AnEndlessViewStopsValidationAtItsTimeLimitWithAnyNumberOfConnections) {
    test::TempDir dir;
    const std::string path = dir.file("endless.db");
    {
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
        schema::apply_case_data_model(db);
        test::insert_base_rows(db);
        db.exec(kEndlessComplaints);
    }
    for (int jobs : {1, 2, 4}) {
        for (int attempt = 0; attempt < 3; ++attempt) {  // the connections' timing varies
            auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
            const auto started = std::chrono::steady_clock::now();
            std::string error = "no error: the endless view was reported as checked";
            try {
                schema::validate_case_database(db, Catalog::case_data_v1(), 50, jobs, true, 0.3);
            } catch (const InputError& e) {
                error = e.what();
            }
            EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
            EXPECT_NE(error.find("validation stopped after its time limit of 0.3 s while reading table complaints"),
                      std::string::npos)
                << jobs << " connections: " << error;
        }
    }
}

TEST(ValidatorOnFiles, TruncatedFileIsAnInputError) {
    test::TempDir dir;
    const std::string path = dir.file("truncated.db");
    {
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
        schema::apply_case_data_model(db);
        test::insert_base_rows(db);
        db.exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
            "INSERT INTO sales SELECT 'sale-' || i, 'products-0', '2025-03-03', i FROM n");
    }
    const std::string bytes = test::read_bytes(path);
    ASSERT_GT(bytes.size(), 100'000u);
    dir.write("truncated.db", bytes.substr(0, bytes.size() / 2));
    const auto error_with = [&](int jobs) {
        try {
            auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
            schema::validate_case_database(db, Catalog::case_data_v1(), 50, jobs);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string one_job = error_with(1);
    EXPECT_NE(one_job, "no error");
    EXPECT_EQ(error_with(2), one_job);  // the first failing table in catalog order, whatever the timing
}

}  // namespace
}  // namespace recallguard
