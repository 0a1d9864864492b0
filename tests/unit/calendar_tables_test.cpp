// The SQL calendar tables give the same working-day answers as WorkingDayCalendar.
#include "calendar/calendar_tables.h"

#include <gtest/gtest.h>

#include "common/errors.h"

using recallguard::Date;
using recallguard::DiagnosticBag;
using recallguard::calendar::CalendarRangeError;
using recallguard::calendar::CalendarSet;
using recallguard::calendar::register_calendar_tables;
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

std::vector<std::string> rows(Database& db, const std::string& sql) {
    std::vector<std::string> out;
    auto statement = db.prepare(sql);
    while (statement.step()) out.push_back(statement.column_optional_text(0).value_or("NULL"));
    return out;
}

}  // namespace

TEST(CalendarTables, SqlAgreesWithAddWorkingDaysForEveryCoveredDay) {
    auto db = Database::open_memory();
    register_calendar_tables(db, bundled());
    auto query = db.prepare(kAddWorkingDays);
    int64_t compared = 0, out_of_range = 0;
    for (const std::string& name : bundled().names()) {
        const auto& calendar = *bundled().find(name);
        for (Date d = calendar.first_day(); d <= calendar.last_day(); d = d.plus_days(1)) {
            for (const int n : {1, 3, 10, 30}) {
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
    // CN 2008-2026 and US 1971-2050, every day, four n each.
    EXPECT_EQ(compared, (6940 + 29220) * 4);
    // A start day outside the covered years has no ord: NULL, as add_working_days throws.
    for (const char* start : {"2007-12-31", "2027-01-01", "not a date", ""}) {
        query.reset();
        query.bind_text(1, "CN");
        query.bind_text(2, start);
        query.bind_int(3, 1);
        ASSERT_TRUE(query.step());
        EXPECT_TRUE(query.is_null(0)) << start;
    }
    EXPECT_THROW(bundled().find("CN")->add_working_days(*Date::parse("2007-12-31"), 1), CalendarRangeError);
    EXPECT_GT(out_of_range, 0);  // late-2026 days with large n must come back NULL, not wrapped
}

TEST(CalendarTables, OneRowPerCoveredDayAndPerWorkingDay) {
    auto db = Database::open_memory();
    register_calendar_tables(db, bundled());
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'CN'"), 6940);
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'US'"), 29220);
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days"), 6940 + 29220);
    for (const std::string name : {"CN", "US"}) {
        const auto& calendar = *bundled().find(name);
        int64_t working = 0;
        for (Date d = calendar.first_day(); d <= calendar.last_day(); d = d.plus_days(1))
            working += calendar.is_working_day(d) ? 1 : 0;
        EXPECT_EQ(count(db, "SELECT count(*) FROM rg_working_days WHERE calendar = '" + name + "'"), working);
        EXPECT_EQ(count(db, "SELECT max(ord) FROM rg_calendar_days WHERE calendar = '" + name + "'"), working);
        EXPECT_EQ(count(db, "SELECT sum(working) FROM rg_calendar_days WHERE calendar = '" + name + "'"), working);
        // Every working day's row in one table is its row in the other.
        EXPECT_EQ(count(db,
                        "SELECT count(*) FROM rg_calendar_days AS d JOIN rg_working_days AS w USING (calendar, "
                        "ord) WHERE d.working = 1 AND d.day = w.day AND d.calendar = '" +
                            name + "'"),
                  working);
    }
    // 2025-10-11 is a Saturday make-up working day in CN and an ordinary Saturday in the US.
    EXPECT_EQ(count(db, "SELECT working FROM rg_calendar_days WHERE calendar = 'CN' AND day = '2025-10-11'"), 1);
    EXPECT_EQ(count(db, "SELECT working FROM rg_calendar_days WHERE calendar = 'US' AND day = '2025-10-11'"), 0);
    // 2008-01-01 is a holiday in CN: no working day yet, so ord 0; 2008-01-02 has ord 1.
    EXPECT_EQ(count(db, "SELECT ord FROM rg_calendar_days WHERE calendar = 'CN' AND day = '2008-01-01'"), 0);
    EXPECT_EQ(count(db, "SELECT day = '2008-01-02' FROM rg_working_days WHERE calendar = 'CN' AND ord = 1"), 1);
    // A scan in order, as a table's: the first days of each calendar, in calendar then day order.
    EXPECT_EQ(rows(db, "SELECT calendar || ' ' || day || ' ' || ord || ' ' || working FROM rg_calendar_days LIMIT 3"),
              (std::vector<std::string>{"CN 2008-01-01 0 0", "CN 2008-01-02 1 1", "CN 2008-01-03 2 1"}));
}

TEST(CalendarTables, LookupsMatchAsATablesColumnsWould) {
    auto db = Database::open_memory();
    register_calendar_tables(db, bundled());
    // A day without a calendar: one row per calendar that covers it.
    EXPECT_EQ(rows(db, "SELECT calendar FROM rg_calendar_days WHERE day = '2025-10-01' ORDER BY calendar"),
              (std::vector<std::string>{"CN", "US"}));
    EXPECT_EQ(rows(db, "SELECT calendar FROM rg_calendar_days WHERE day = '1990-06-01'"),
              (std::vector<std::string>{"US"}));
    // An ord given as a number-like text or a whole real matches, as INTEGER affinity makes it.
    EXPECT_EQ(rows(db, "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = '1'"),
              (std::vector<std::string>{"2008-01-02"}));
    EXPECT_EQ(rows(db, "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = 2.0"),
              (std::vector<std::string>{"2008-01-03"}));
    // Keys that name no row: none, never an error.
    for (const char* sql : {"SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = 2.5",
                            "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = 0",
                            "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = NULL",
                            "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = 'x'",
                            "SELECT day FROM rg_working_days WHERE calendar = 'CN' AND ord = 99999999",
                            "SELECT ord FROM rg_calendar_days WHERE calendar = 'XX' AND day = '2025-01-02'",
                            "SELECT ord FROM rg_calendar_days WHERE calendar = 'CN' AND day = 20250102",
                            "SELECT ord FROM rg_calendar_days WHERE calendar = 'CN' AND day = '2025-1-2'",
                            "SELECT ord FROM rg_calendar_days WHERE calendar = 'cn' AND day = '2025-01-02'"})
        EXPECT_TRUE(rows(db, sql).empty()) << sql;
    // Other operators are SQLite's own test over a scan: the same answer as a table gives.
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'CN' AND day LIKE '2025-10-%'"), 31);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM rg_calendar_days WHERE calendar = 'CN' AND day BETWEEN '2025-10-01' AND "
                    "'2025-10-08' AND working = 0"),
              8);
}

TEST(CalendarTables, HaveExactlyTheDocumentedColumns) {
    auto db = Database::open_memory();
    register_calendar_tables(db, bundled());
    auto columns = [&db](const std::string& table) {
        std::vector<std::string> out;
        auto statement = db.prepare("SELECT name || ' ' || type FROM pragma_table_info(?)");
        statement.bind_text(1, table);
        while (statement.step()) out.push_back(statement.column_text(0));
        return out;
    };
    EXPECT_EQ(columns("rg_calendar_days"),
              (std::vector<std::string>{"calendar TEXT", "day TEXT", "ord INTEGER", "working INTEGER"}));
    EXPECT_EQ(columns("rg_working_days"), (std::vector<std::string>{"calendar TEXT", "ord INTEGER", "day TEXT"}));
}

TEST(CalendarTables, NothingIsWrittenAndTheTablesAreReadOnly) {
    auto db = Database::open_memory();
    register_calendar_tables(db, bundled());
    EXPECT_EQ(count(db, "SELECT count(*) FROM sqlite_schema"), 0);
    EXPECT_THROW(db.exec("INSERT INTO rg_working_days VALUES ('CN', 0, '2008-01-01')"), recallguard::InputError);
    EXPECT_THROW(db.exec("DELETE FROM rg_calendar_days"), recallguard::InputError);
    // A second registration replaces the calendars the tables answer from.
    CalendarSet one;
    DiagnosticBag diagnostics;
    one.add(*recallguard::calendar::parse_calendar("calendar X\nweekend sat sun\nyears 2025 2025\n", "X.calendar",
                                                   diagnostics));
    register_calendar_tables(db, one);
    EXPECT_EQ(rows(db, "SELECT DISTINCT calendar FROM rg_calendar_days"), std::vector<std::string>{"X"});
    EXPECT_EQ(count(db, "SELECT count(*) FROM rg_working_days"), 261);
}
