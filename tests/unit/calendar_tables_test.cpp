// The SQL calendar tables give the same working-day answers as WorkingDayCalendar.
#include "calendar/calendar_tables.h"

#include <gtest/gtest.h>

#include "common/errors.h"

using recallguard::Date;
using recallguard::DiagnosticBag;
using recallguard::calendar::CalendarRangeError;
using recallguard::calendar::CalendarSet;
using recallguard::calendar::install_calendar_tables;
using recallguard::sqldb::Database;

namespace {

const CalendarSet& bundled() {
    static const CalendarSet set = [] {
        DiagnosticBag diagnostics;
        auto loaded = CalendarSet::load_directory(recallguard::calendar::bundled_calendar_directory(), diagnostics);
        EXPECT_FALSE(diagnostics.has_errors());
        return loaded;
    }();
    return set;
}

// The documented query for "n working days after d", as the scalar subquery a compiled rule embeds
// (so an out-of-range answer is one NULL row rather than no row).
constexpr const char* kAddWorkingDays =
    "SELECT (SELECT day FROM rg_working_days WHERE calendar = ?1 AND ord = "
    "(SELECT ord FROM rg_calendar_days WHERE calendar = ?1 AND day = ?2) + ?3)";

int64_t count(Database& db, const std::string& sql) {
    auto statement = db.prepare(sql);
    EXPECT_TRUE(statement.step());
    return statement.column_int(0);
}

}  // namespace

TEST(CalendarTables, SqlAgreesWithAddWorkingDaysForEveryDayOf2024To2026) {
    auto db = Database::open_memory();
    install_calendar_tables(db, "main", bundled());
    auto query = db.prepare(kAddWorkingDays);
    int compared = 0, out_of_range = 0;
    for (const std::string& name : bundled().names()) {
        const auto& calendar = *bundled().find(name);
        for (Date d = Date::from_ymd(2024, 1, 1); d <= Date::from_ymd(2026, 12, 31); d = d.plus_days(1)) {
            for (const int n : {1, 2, 3, 5, 10, 15, 20, 30}) {
                query.reset();
                query.bind_text(1, name);
                query.bind_text(2, d.to_string());
                query.bind_int(3, n);
                ASSERT_TRUE(query.step());
                std::optional<std::string> expected;
                try {
                    expected = calendar.add_working_days(d, n).to_string();
                } catch (const CalendarRangeError&) {
                    ++out_of_range;
                }
                ASSERT_EQ(query.column_optional_text(0), expected) << name << " " << n << " WD after " << d.to_string();
                ++compared;
            }
        }
    }
    EXPECT_EQ(compared, 2 * 1096 * 8);
    // A start day outside the covered years has no ord: NULL, as add_working_days throws.
    for (const char* start : {"2023-12-31", "2027-01-01"}) {
        query.reset();
        query.bind_text(1, "CN");
        query.bind_text(2, start);
        query.bind_int(3, 1);
        ASSERT_TRUE(query.step());
        EXPECT_TRUE(query.is_null(0)) << start;
        EXPECT_THROW(bundled().find("CN")->add_working_days(*Date::parse(start), 1), CalendarRangeError);
    }
    EXPECT_GT(out_of_range, 0);  // late-2026 days with large n must come back NULL, not wrapped
}

TEST(CalendarTables, OneRowPerCoveredDayAndPerWorkingDay) {
    auto db = Database::open_memory();
    install_calendar_tables(db, "main", bundled());
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'CN'"), 1096);
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'US'"), 1096);
    for (const std::string name : {"CN", "US"}) {
        const auto& calendar = *bundled().find(name);
        int64_t working = 0;
        for (Date d = calendar.first_day(); d <= calendar.last_day(); d = d.plus_days(1))
            working += calendar.is_working_day(d) ? 1 : 0;
        EXPECT_EQ(count(db, "SELECT count(*) FROM rg_working_days WHERE calendar = '" + name + "'"), working);
        EXPECT_EQ(count(db, "SELECT max(ord) FROM rg_calendar_days WHERE calendar = '" + name + "'"), working);
    }
    // 2025-10-11 is a Saturday make-up working day in CN and an ordinary Saturday in the US.
    EXPECT_EQ(count(db, "SELECT working FROM rg_calendar_days WHERE calendar = 'CN' AND day = '2025-10-11'"), 1);
    EXPECT_EQ(count(db, "SELECT working FROM rg_calendar_days WHERE calendar = 'US' AND day = '2025-10-11'"), 0);
    // 2024-01-01 is a holiday on both: no working day yet, so ord 0.
    EXPECT_EQ(count(db, "SELECT ord FROM rg_calendar_days WHERE calendar = 'CN' AND day = '2024-01-01'"), 0);
    EXPECT_EQ(count(db, "SELECT day = '2024-01-02' FROM rg_working_days WHERE calendar = 'CN' AND ord = 1"), 1);
}

TEST(CalendarTables, HaveExactlyTheDocumentedColumns) {
    auto db = Database::open_memory();
    install_calendar_tables(db, "main", bundled());
    auto columns = [&db](const std::string& table) {
        std::vector<std::string> out;
        auto statement =
            db.prepare("SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info(?)");
        statement.bind_text(1, table);
        while (statement.step()) out.push_back(statement.column_text(0));
        return out;
    };
    EXPECT_EQ(columns("rg_calendar_days"), (std::vector<std::string>{"calendar TEXT 1 1", "day TEXT 1 2",
                                                                     "ord INTEGER 1 0", "working INTEGER 1 0"}));
    EXPECT_EQ(columns("rg_working_days"),
              (std::vector<std::string>{"calendar TEXT 1 1", "ord INTEGER 1 2", "day TEXT 1 0"}));
}

TEST(CalendarTables, InstallIntoAnAttachedSchemaAndInsideATransaction) {
    auto db = Database::open_memory();
    db.exec("ATTACH DATABASE ':memory:' AS work");
    db.exec("BEGIN");
    install_calendar_tables(db, "work", bundled());
    db.exec("COMMIT");
    EXPECT_EQ(count(db, "SELECT count(*) FROM work.rg_calendar_days"), 2 * 1096);
    EXPECT_EQ(count(db, "SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'rg_%'"), 0);
}

TEST(CalendarTables, SecondInstallFailsAndLeavesTheFirstIntact) {
    auto db = Database::open_memory();
    install_calendar_tables(db, "main", bundled());
    EXPECT_THROW(install_calendar_tables(db, "main", bundled()), recallguard::InputError);
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days"), 2 * 1096);
    // A failure part-way leaves nothing behind: rg_working_days exists already, so the second
    // CREATE fails after the first succeeded in another schema.
    db.exec("ATTACH DATABASE ':memory:' AS other");
    db.exec("CREATE TABLE other.rg_working_days (x)");
    EXPECT_THROW(install_calendar_tables(db, "other", bundled()), recallguard::InputError);
    EXPECT_EQ(count(db, "SELECT count(*) FROM other.sqlite_schema WHERE name = 'rg_calendar_days'"), 0);
}
