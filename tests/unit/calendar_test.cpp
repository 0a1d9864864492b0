// The bundled calendars answer the deadlines the standard rules depend on, and match the law.
#include "calendar/calendar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

using recallguard::Date;
using recallguard::DiagnosticBag;
using recallguard::calendar::CalendarRangeError;
using recallguard::calendar::CalendarSet;
using recallguard::calendar::DayKind;
using recallguard::calendar::WorkingDayCalendar;

namespace {

Date day(const char* text) {
    const auto d = Date::parse(text);
    EXPECT_TRUE(d) << text;
    return d.value_or(Date{});
}

std::string after(const WorkingDayCalendar& calendar, const char* from, int n) {
    return calendar.add_working_days(day(from), n).to_string();
}

// The real files in rules/calendars/, loaded once.
const CalendarSet& bundled() {
    static const CalendarSet set = [] {
        DiagnosticBag diagnostics;
        CalendarSet loaded =
            CalendarSet::load_directory(recallguard::calendar::bundled_calendar_directory(), diagnostics);
        for (const auto& d : diagnostics.sorted()) ADD_FAILURE() << d.location.to_string() << ": " << d.message;
        return loaded;
    }();
    return set;
}

const WorkingDayCalendar& cn() {
    return *bundled().find("CN");
}
const WorkingDayCalendar& us() {
    return *bundled().find("US");
}

std::set<std::string> listed(const WorkingDayCalendar& calendar, DayKind kind) {
    std::set<std::string> out;
    for (const auto& d : calendar.listed_days())
        if (d.kind == kind) out.insert(d.date.to_string());
    return out;
}

void add_range(std::set<std::string>& out, const char* from, const char* to) {
    for (Date d = day(from); d <= day(to); d = d.plus_days(1)) out.insert(d.to_string());
}

}  // namespace

TEST(BundledCalendars, LoadWithoutDiagnosticsAndCover2024To2026) {
    ASSERT_EQ(bundled().names(), (std::vector<std::string>{"CN", "US"}));
    for (const auto* calendar : {&cn(), &us()}) {
        EXPECT_EQ(calendar->first_year(), 2024);
        EXPECT_EQ(calendar->last_year(), 2026);
        EXPECT_TRUE(calendar->covers(day("2024-01-01")));
        EXPECT_TRUE(calendar->covers(day("2026-12-31")));
        EXPECT_FALSE(calendar->covers(day("2023-12-31")));
        EXPECT_FALSE(calendar->covers(day("2027-01-01")));
    }
    EXPECT_EQ(cn().title(), "People's Republic of China — State Council holiday notices");
}

// The State Council notices, transcribed independently of the data file.
TEST(BundledCalendars, ChinaListsExactlyTheStateCouncilNotices) {
    std::set<std::string> off;
    for (const auto& [from, to] : std::vector<std::pair<const char*, const char*>>{// 2024 (国办发明电〔2023〕7号)
                                                                                   {"2024-01-01", "2024-01-01"},
                                                                                   {"2024-02-10", "2024-02-17"},
                                                                                   {"2024-04-04", "2024-04-06"},
                                                                                   {"2024-05-01", "2024-05-05"},
                                                                                   {"2024-06-10", "2024-06-10"},
                                                                                   {"2024-09-15", "2024-09-17"},
                                                                                   {"2024-10-01", "2024-10-07"},
                                                                                   // 2025 (国办发明电〔2024〕12号)
                                                                                   {"2025-01-01", "2025-01-01"},
                                                                                   {"2025-01-28", "2025-02-04"},
                                                                                   {"2025-04-04", "2025-04-06"},
                                                                                   {"2025-05-01", "2025-05-05"},
                                                                                   {"2025-05-31", "2025-06-02"},
                                                                                   {"2025-10-01", "2025-10-08"},
                                                                                   // 2026 (notice of 2025-11-04)
                                                                                   {"2026-01-01", "2026-01-03"},
                                                                                   {"2026-02-15", "2026-02-23"},
                                                                                   {"2026-04-04", "2026-04-06"},
                                                                                   {"2026-05-01", "2026-05-05"},
                                                                                   {"2026-06-19", "2026-06-21"},
                                                                                   {"2026-09-25", "2026-09-27"},
                                                                                   {"2026-10-01", "2026-10-07"}})
        add_range(off, from, to);
    const std::set<std::string> make_up{"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                                        "2024-09-14", "2024-09-29", "2024-10-12", "2025-01-26", "2025-02-08",
                                        "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14",
                                        "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"};
    EXPECT_EQ(listed(cn(), DayKind::Holiday), off);
    EXPECT_EQ(listed(cn(), DayKind::MakeUpWorkday), make_up);
    for (const auto& text : make_up) EXPECT_GE(day(text.c_str()).weekday(), 5u) << text << " is not a weekend day";
    // New Year's Eve 2024 was only recommended as a day off, so it stays a working day.
    EXPECT_TRUE(cn().is_working_day(day("2024-02-09")));
}

namespace {

// The n-th given weekday (0 = Monday) of a month; n = -1 for the last one.
Date nth_weekday(int year, unsigned month, unsigned weekday, int n) {
    if (n < 0) {
        Date d = Date::from_ymd(year, month, recallguard::days_in_month(year, month));
        while (d.weekday() != weekday) d = d.plus_days(-1);
        return d;
    }
    Date d = Date::from_ymd(year, month, 1);
    while (d.weekday() != weekday) d = d.plus_days(1);
    return d.plus_days(7 * (n - 1));
}

// 5 U.S.C. 6103(b): Saturday holidays are observed on Friday, Sunday holidays on Monday.
Date observed(Date d) {
    if (d.weekday() == 5) return d.plus_days(-1);
    if (d.weekday() == 6) return d.plus_days(1);
    return d;
}

}  // namespace

// 5 U.S.C. 6103(a), computed from the statute's rules rather than copied from the file.
TEST(BundledCalendars, UnitedStatesListsExactlyTheObservedFederalHolidays) {
    constexpr unsigned kMonday = 0, kThursday = 3;
    std::set<std::string> expected;
    for (int year = 2024; year <= 2026; ++year) {
        for (const Date d :
             {observed(Date::from_ymd(year, 1, 1)), nth_weekday(year, 1, kMonday, 3), nth_weekday(year, 2, kMonday, 3),
              nth_weekday(year, 5, kMonday, -1), observed(Date::from_ymd(year, 6, 19)),
              observed(Date::from_ymd(year, 7, 4)), nth_weekday(year, 9, kMonday, 1), nth_weekday(year, 10, kMonday, 2),
              observed(Date::from_ymd(year, 11, 11)), nth_weekday(year, 11, kThursday, 4),
              observed(Date::from_ymd(year, 12, 25))})
            expected.insert(d.to_string());
        // Next New Year's Day on a Saturday is observed on 31 December of this year.
        if (const Date d = observed(Date::from_ymd(year + 1, 1, 1)); d.year() == year) expected.insert(d.to_string());
    }
    ASSERT_EQ(expected.size(), 33u);
    EXPECT_EQ(listed(us(), DayKind::Holiday), expected);
    EXPECT_TRUE(listed(us(), DayKind::MakeUpWorkday).empty());
    for (const auto& d : us().listed_days()) EXPECT_LT(d.date.weekday(), 5u) << d.date.to_string();

    // Spot checks by hand: 2026-07-04 is a Saturday, observed Friday 2026-07-03.
    EXPECT_EQ(day("2026-07-04").weekday(), 5u);
    EXPECT_EQ(us().describe_day(day("2026-07-03")), "holiday: Independence Day (observed: 4 July 2026 is a Saturday)");
    EXPECT_EQ(us().describe_day(day("2026-07-04")), "weekend");
    EXPECT_EQ(day("2025-01-20").weekday(), 0u);  // MLK Day 2025, a Monday
    EXPECT_EQ(day("2024-11-28").weekday(), 3u);  // Thanksgiving 2024, a Thursday
}

TEST(ChinaDeadlines, NationalDay2025WithItsSaturdayMakeUpDay) {
    // 2025-09-30 is a Tuesday; 10-01..10-08 are off; 10-09 Thu and 10-10 Fri work; 10-11 Sat is 调休.
    EXPECT_EQ(day("2025-09-30").weekday(), 1u);
    EXPECT_EQ(after(cn(), "2025-09-30", 1), "2025-10-09");
    EXPECT_EQ(after(cn(), "2025-09-30", 2), "2025-10-10");
    EXPECT_EQ(after(cn(), "2025-09-30", 3), "2025-10-11");
    EXPECT_EQ(after(cn(), "2025-09-30", 4), "2025-10-13");  // 10-12 Sunday is off
}

TEST(ChinaDeadlines, TenWorkingDaysAcrossNationalDay2025) {
    // From Friday 2025-09-26: 09-27 Sat off; 09-28 Sun make-up = 1; 09-29 Mon = 2; 09-30 Tue = 3;
    // 10-01..10-08 off; 10-09 Thu = 4; 10-10 Fri = 5; 10-11 Sat make-up = 6; 10-12 Sun off;
    // 10-13 Mon = 7; 10-14 Tue = 8; 10-15 Wed = 9; 10-16 Thu = 10.
    EXPECT_EQ(day("2025-09-26").weekday(), 4u);
    EXPECT_EQ(after(cn(), "2025-09-26", 1), "2025-09-28");
    EXPECT_EQ(after(cn(), "2025-09-26", 3), "2025-09-30");
    EXPECT_EQ(after(cn(), "2025-09-26", 4), "2025-10-09");
    EXPECT_EQ(after(cn(), "2025-09-26", 6), "2025-10-11");
    EXPECT_EQ(after(cn(), "2025-09-26", 10), "2025-10-16");
}

TEST(ChinaDeadlines, SpringFestival2025WithBothMakeUpDays) {
    // From Friday 2025-01-24: 01-25 Sat off; 01-26 Sun make-up = 1; 01-27 Mon = 2;
    // 01-28..02-04 off; 02-05 Wed = 3; 02-06 = 4; 02-07 Fri = 5; 02-08 Sat make-up = 6; 02-10 Mon = 7.
    EXPECT_EQ(after(cn(), "2025-01-24", 1), "2025-01-26");
    EXPECT_EQ(after(cn(), "2025-01-24", 2), "2025-01-27");
    EXPECT_EQ(after(cn(), "2025-01-24", 3), "2025-02-05");
    EXPECT_EQ(after(cn(), "2025-01-24", 6), "2025-02-08");
    EXPECT_EQ(after(cn(), "2025-01-24", 7), "2025-02-10");
    // CN-CP-PLAN, 10 WD after a conclusion on Monday 2025-01-20: 01-21..01-24 = 1..4; 01-26 = 5;
    // 01-27 = 6; 02-05..02-07 = 7..9; 02-08 (Saturday make-up) = 10.
    EXPECT_EQ(after(cn(), "2025-01-20", 10), "2025-02-08");
    EXPECT_EQ(cn().describe_day(day("2025-02-08")),
              "make-up working day: 春节调休 make-up day for the Spring Festival holiday");
}

TEST(ChinaDeadlines, TheStartDayNeverCountsAndZeroDaysIsTheStartDay) {
    // Counting from a holiday: the holiday itself never counts, the next working day is the first.
    EXPECT_EQ(after(cn(), "2025-10-01", 1), "2025-10-09");
    EXPECT_EQ(after(cn(), "2025-10-03", 0), "2025-10-03");
    // Counting from a make-up working day: it does not count either.
    EXPECT_EQ(after(cn(), "2025-10-11", 1), "2025-10-13");
    // Year boundary inside the covered range: 2025-12-31 Wed, 2026-01-01..03 off, 01-04 Sun make-up.
    EXPECT_EQ(after(cn(), "2025-12-31", 1), "2026-01-04");
    EXPECT_EQ(after(cn(), "2025-12-31", 2), "2026-01-05");
}

TEST(UnitedStatesDeadlines, SkipObservedFederalHolidays) {
    // Friday 2025-01-17; Monday 01-20 is MLK Day, so the next working day is Tuesday 01-21.
    EXPECT_EQ(day("2025-01-17").weekday(), 4u);
    EXPECT_EQ(after(us(), "2025-01-17", 1), "2025-01-21");
    EXPECT_EQ(day("2025-01-21").weekday(), 1u);
    // Thursday 2026-07-02; Friday 07-03 is Independence Day observed.
    EXPECT_EQ(after(us(), "2026-07-02", 1), "2026-07-06");
    // Monday 2024-11-25, 5 WD (NHTSA Part 573): 26 Tue 1, 27 Wed 2, 28 Thanksgiving, 29 Fri 3, 12-02 4, 12-03 5.
    EXPECT_EQ(after(us(), "2024-11-25", 5), "2024-12-03");
    // US has no make-up days: Saturdays stay off.
    EXPECT_FALSE(us().is_working_day(day("2025-10-11")));
}

TEST(CalendarRange, DeadlinesNeedingAnUncoveredYearAreErrorsNotGuesses) {
    EXPECT_EQ(after(cn(), "2026-12-30", 1), "2026-12-31");
    try {
        cn().add_working_days(day("2026-12-31"), 1);
        FAIL() << "expected CalendarRangeError";
    } catch (const CalendarRangeError& e) {
        EXPECT_STREQ(e.what(), "calendar CN covers 2024–2026; the deadline needs 2027");
        EXPECT_EQ(e.calendar(), "CN");
        EXPECT_EQ(e.needed_year(), 2027);
    }
    EXPECT_THROW(us().add_working_days(day("2026-12-01"), 30), CalendarRangeError);
    try {
        cn().add_working_days(day("2023-12-29"), 1);
        FAIL() << "expected CalendarRangeError";
    } catch (const CalendarRangeError& e) {
        EXPECT_EQ(e.needed_year(), 2023);
        EXPECT_STREQ(e.what(), "calendar CN covers 2024–2026; the deadline counts from 2023-12-29, which needs 2023");
    }
    EXPECT_THROW(cn().is_working_day(day("2027-01-04")), CalendarRangeError);
    EXPECT_THROW(cn().describe_day(day("2023-06-01")), CalendarRangeError);
    EXPECT_THROW(cn().non_working_days_between(day("2026-12-01"), day("2027-01-10")), CalendarRangeError);
    EXPECT_THROW(cn().add_working_days(day("2025-01-01"), -1), std::invalid_argument);
}

TEST(CalendarExplanations, DescribeDaysAndListTheDaysSkipped) {
    EXPECT_EQ(cn().describe_day(day("2025-10-01")), "holiday: 国庆节、中秋节 National Day and Mid-Autumn Festival");
    EXPECT_EQ(cn().describe_day(day("2024-10-01")), "holiday: 国庆节 National Day");
    EXPECT_EQ(cn().describe_day(day("2025-10-12")), "weekend");
    EXPECT_EQ(cn().describe_day(day("2025-10-13")), "working day");
    // Between the trigger (exclusive) and the 2-WD due date 2025-10-10: the eight days off.
    std::vector<std::string> skipped;
    for (const Date d : cn().non_working_days_between(day("2025-10-01"), day("2025-10-10")))
        skipped.push_back(d.to_string());
    EXPECT_EQ(skipped, (std::vector<std::string>{"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
                                                 "2025-10-06", "2025-10-07", "2025-10-08"}));
    EXPECT_TRUE(cn().non_working_days_between(day("2025-10-10"), day("2025-10-09")).empty());
    ASSERT_EQ(cn().non_working_days_between(day("2025-10-11"), day("2025-10-12")).size(), 1u);
}

namespace {

std::optional<WorkingDayCalendar> parse(const std::string& text, DiagnosticBag& diagnostics) {
    return recallguard::calendar::parse_calendar(text, "test.calendar", diagnostics);
}

}  // namespace

TEST(CalendarFingerprint, DependsOnContentNotLayout) {
    const std::string fingerprint = bundled().fingerprint();
    EXPECT_EQ(fingerprint.size(), 16u);
    EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"), std::string::npos);

    // The same facts written differently (no comments, other order, other spacing) agree.
    const std::string a =
        "calendar X\nweekend sat sun\nyears 2025 2025\n2025-01-01 holiday New Year\n"
        "2025-10-01 holiday National Day\n";
    const std::string b =
        "# reordered\nyears   2025 2025\ncalendar X\n2025-10-01 holiday National Day  # note\n"
        "weekend sat sun\n2025-01-01\tholiday New Year\n";
    const std::string c =
        "calendar X\nweekend sat sun\nyears 2025 2025\n2025-01-01 holiday New Year's Day\n"
        "2025-10-01 holiday National Day\n";
    auto fingerprint_of = [](const std::string& text) {
        DiagnosticBag diagnostics;
        CalendarSet set;
        set.add(*parse(text, diagnostics));
        EXPECT_TRUE(diagnostics.empty());
        return set.fingerprint();
    };
    EXPECT_EQ(fingerprint_of(a), fingerprint_of(b));
    EXPECT_NE(fingerprint_of(a), fingerprint_of(c));  // a description changed
    EXPECT_NE(fingerprint_of(a), fingerprint);

    // Loading the same directory again gives the same fingerprint.
    DiagnosticBag diagnostics;
    EXPECT_EQ(
        CalendarSet::load_directory(recallguard::calendar::bundled_calendar_directory(), diagnostics).fingerprint(),
        fingerprint);
}

TEST(CalendarSetLoading, FileNameMustMatchTheCalendarAndOtherFilesAreIgnored) {
    const auto dir = std::filesystem::temp_directory_path() / ("rg_calendar_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string cn_text = "# China\ncalendar CN\nweekend sat sun\nyears 2025 2025\n";
    std::ofstream(dir / "CN.calendar") << cn_text;
    std::ofstream(dir / "China.calendar") << cn_text;
    std::ofstream(dir / "README.md") << "not a calendar\n";

    DiagnosticBag diagnostics;
    const CalendarSet set = CalendarSet::load_directory(dir.string(), diagnostics);
    EXPECT_EQ(set.names(), std::vector<std::string>{"CN"});
    ASSERT_EQ(diagnostics.error_count(), 1u);
    const auto& d = diagnostics.items()[0];
    EXPECT_EQ(d.code, "E-CALENDAR");
    EXPECT_EQ(d.location.file, (dir / "China.calendar").string());
    EXPECT_EQ(d.location.line, 2);  // `calendar CN`
    EXPECT_EQ(d.location.column, 10);
    EXPECT_EQ(d.message,
              "file China.calendar declares calendar 'CN'; rename the file to CN.calendar or the calendar to 'China'");
    std::filesystem::remove_all(dir);

    DiagnosticBag missing;
    EXPECT_TRUE(CalendarSet::load_directory((dir / "nowhere").string(), missing).empty());
    ASSERT_EQ(missing.error_count(), 1u);
    EXPECT_EQ(missing.items()[0].message, "calendar directory not found");
}

TEST(CalendarSetLoading, AddRefusesASecondCalendarOfTheSameName) {
    CalendarSet set;
    DiagnosticBag diagnostics;
    const std::string text = "calendar X\nweekend sat sun\nyears 2025 2025\n";
    set.add(*parse(text, diagnostics));
    EXPECT_THROW(set.add(*parse(text, diagnostics)), std::invalid_argument);
    EXPECT_NE(set.find("X"), nullptr);
    EXPECT_EQ(set.find("Y"), nullptr);
}
