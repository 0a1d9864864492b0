// The validator's one-pass screen may only skip a check's query when that query would find
// nothing: on databases full of odd values (wrong storage classes, near-dates, case variants,
// integer keys, NOCASE columns) the report with the screen equals the report without it.
#include "schema/validation_screen.h"

#include <gtest/gtest.h>

#include <random>

#include "case_rows.h"
#include "schema/validator.h"

namespace recallguard {
namespace {

using schema::Catalog;

TEST(ValidationScreen, ACertainDateIsOneSqliteGivesBackUnchanged) {
    auto db = sqldb::Database::open_memory();
    auto round_trip = db.prepare("SELECT date(?1, '+0 days') IS ?1");
    std::vector<std::string> samples = {"2024-02-29",       "2023-02-29", "2000-02-29",  "1900-02-29",     "2025-04-31",
                                        "2025-12-31",       "2025-13-01", "2025-00-10",  "2025-01-00",     "0999-12-31",
                                        "1000-01-01",       "9999-12-31", " 2025-01-01", "2025-01-01 ",    "2025-1-01",
                                        "2025-01-01T00:00", "2025/01/01", "+2025-01-01", "２０２５-01-01", ""};
    for (int year : {999, 1000, 1582, 1600, 1900, 2000, 2024, 2025, 9999})
        for (int month = 0; month <= 13; ++month)
            for (int day = 0; day <= 32; ++day) {
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
                samples.push_back(text);
            }
    int certain = 0;
    for (const auto& sample : samples) {
        round_trip.reset();
        round_trip.bind_text(1, sample);
        ASSERT_TRUE(round_trip.step());
        const bool sqlite_valid = round_trip.column_int(0) == 1;
        if (schema::certainly_valid_date(sample)) {
            EXPECT_TRUE(sqlite_valid) << sample;
            ++certain;
        } else if (sample.size() == 10 && sample.substr(0, 4) >= "1000") {
            // In years 1000-9999 the screen is exact, so valid tables cost one scan.
            EXPECT_FALSE(sqlite_valid) << sample;
        }
    }
    EXPECT_GT(certain, 2000);
}

// Odd values for a column of the model: every storage class, near misses of each format.
std::vector<sqldb::SqlValue> odd_values(const schema::Column& column) {
    std::vector<sqldb::SqlValue> values = {std::monostate{},
                                           int64_t{0},
                                           int64_t{-1},
                                           int64_t{5},
                                           2.5,
                                           std::string(""),
                                           std::string("x"),
                                           std::string("5"),
                                           std::string("CN"),
                                           std::string("cn"),
                                           std::string("CNN"),
                                           std::string("2025-03-03"),
                                           std::string("2025-03-02"),
                                           std::string("2024-02-29"),
                                           std::string("2023-02-29"),
                                           std::string("0999-01-01"),
                                           std::string("2025-13-01"),
                                           std::string(" 2025-03-03"),
                                           std::string("2025-03-03 00:00"),
                                           std::string("{}"),
                                           std::string("[]"),
                                           std::string("{oops"),
                                           std::string("products-0"),
                                           std::string("products-7"),
                                           std::string("companies-0"),
                                           std::string("defect_cases-0"),
                                           std::string("recalls-0"),
                                           int64_t{1} << 40};
    for (const auto& value : column.enum_values) {
        values.emplace_back(value);
        std::string upper = value;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        values.emplace_back(upper);
    }
    return values;
}

// The model's tables with no constraints (NOCASE text columns if asked) and row 0 of each.
sqldb::Database loose_database(bool nocase) {
    auto db = sqldb::Database::open_memory();
    for (const auto& t : Catalog::case_data_v1().tables()) {
        std::string columns;
        for (const auto& c : t.columns)
            columns += (columns.empty() ? "" : ", ") + sqldb::quote_identifier(c.name) +
                       (nocase ? " TEXT COLLATE NOCASE" : "");
        db.exec("CREATE TABLE " + sqldb::quote_identifier(t.name) + " (" + columns + ")");
    }
    test::insert_base_rows(db);
    return db;
}

std::string report_text(sqldb::Database& db, bool screen) {
    return schema::render_validation_text(schema::validate_case_database(db, Catalog::case_data_v1(), 0, 1, screen),
                                          "db");
}

TEST(ValidationScreen, EachOddValueAloneInItsColumnGivesTheSameReport) {
    // One odd value per column at a time, so that a check's query runs only if the screen lets
    // this very value through (with several odd values in a column, one would hide another).
    for (const bool nocase : {false, true}) {
        for (size_t v = 0; v < 40; ++v) {
            auto db = loose_database(nocase);
            for (const auto& table : Catalog::case_data_v1().tables())
                for (const auto& column : table.columns) {
                    const auto values = odd_values(column);
                    if (v >= values.size()) continue;
                    auto row = test::valid_row(table, 1000 + static_cast<int>(&column - table.columns.data()));
                    row[column.name] = values[v];
                    test::insert_row(db, table.name, row);
                }
            EXPECT_EQ(report_text(db, true), report_text(db, false)) << "odd value " << v << (nocase ? ", NOCASE" : "");
        }
    }
}

class ScreenDifferential : public ::testing::TestWithParam<std::tuple<bool, uint32_t>> {};

TEST_P(ScreenDifferential, SameReportWithAndWithoutTheScreen) {
    const auto [nocase, seed] = GetParam();
    auto db = loose_database(nocase);
    // An integer key in a parent table: text foreign keys are then compared by SQLite's rules.
    if (seed % 2 == 0) {
        auto product = test::valid_row(*Catalog::case_data_v1().find_table("products"), 1);
        product["product_id"] = int64_t{5};
        test::insert_row(db, "products", product);
    }
    std::mt19937 random(seed);
    for (const auto& table : Catalog::case_data_v1().tables()) {
        for (int n = 1; n <= 40; ++n) {
            auto row = test::valid_row(table, n + 100);
            // One to three columns take odd values.
            const int changes = 1 + static_cast<int>(random() % 3);
            for (int k = 0; k < changes; ++k) {
                const auto& column = table.columns[random() % table.columns.size()];
                const auto values = odd_values(column);
                row[column.name] = values[random() % values.size()];
            }
            test::insert_row(db, table.name, row);
        }
    }
    EXPECT_GT(schema::validate_case_database(db, Catalog::case_data_v1(), 0, 1, false).problems.size(), 100u);
    EXPECT_EQ(report_text(db, true), report_text(db, false));
}

INSTANTIATE_TEST_SUITE_P(OddValues, ScreenDifferential,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u)));

TEST(ValidationScreen, AValidTableRulesOutItsChecks) {
    auto db = sqldb::Database::open_memory();
    test::create_loose_tables(db);
    test::insert_base_rows(db);
    const auto& complaints = *Catalog::case_data_v1().find_table("complaints");
    std::set<std::string> present;
    for (const auto& c : complaints.columns) present.insert(c.name);
    auto screen = schema::ValidationScreen::scan(db, complaints, present);
    EXPECT_FALSE(screen.may_find("V-ENUM", "hazard"));
    EXPECT_FALSE(screen.may_find("V-BAD-DATE", "received_on"));
    EXPECT_FALSE(screen.may_find("V-ORPHAN", "product_id"));
    EXPECT_TRUE(screen.may_find("V-DUPLICATE-KEY", "complaint_id"));  // not the screen's to decide

    db.exec("UPDATE complaints SET hazard = 'Fire', received_on = '2025-02-30'");
    screen = schema::ValidationScreen::scan(db, complaints, present);
    EXPECT_TRUE(screen.may_find("V-ENUM", "hazard"));
    EXPECT_TRUE(screen.may_find("V-BAD-DATE", "received_on"));
    EXPECT_FALSE(screen.may_find("V-ENUM", "channel"));
}

}  // namespace
}  // namespace recallguard
