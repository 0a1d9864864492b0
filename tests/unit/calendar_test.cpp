// The bundled calendars answer the deadlines the standard rules depend on, and match the law.
#include "calendar/calendar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
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

TEST(BundledCalendars, LoadWithoutDiagnosticsAndCoverTheirYears) {
    ASSERT_EQ(bundled().names(), (std::vector<std::string>{"CN", "US"}));
    EXPECT_EQ(cn().first_year(), 2008);
    EXPECT_EQ(cn().last_year(), 2026);
    EXPECT_EQ(us().first_year(), 1971);
    EXPECT_EQ(us().last_year(), 2050);
    for (const auto* calendar : {&cn(), &us()}) {
        EXPECT_TRUE(calendar->covers(calendar->first_day()));
        EXPECT_TRUE(calendar->covers(calendar->last_day()));
        EXPECT_FALSE(calendar->covers(calendar->first_day().plus_days(-1)));
        EXPECT_FALSE(calendar->covers(calendar->last_day().plus_days(1)));
    }
    EXPECT_EQ(cn().title(), "People's Republic of China — State Council holiday notices");
    // Every CN year names its notice; the US names its statute for every year.
    for (int year = 2008; year <= 2026; ++year) {
        const auto sources = cn().sources_for(year);
        ASSERT_FALSE(sources.empty()) << year;
        for (const auto& source : sources) EXPECT_NE(source.find("号, "), std::string::npos) << source;
    }
    EXPECT_EQ(cn().sources_for(2015).size(), 2u);  // the anniversary's own notice
    EXPECT_EQ(cn().sources_for(2019).size(), 2u);  // Labour Day changed
    EXPECT_EQ(cn().sources_for(2020).size(), 2u);  // the Spring Festival extended
    EXPECT_EQ(us().sources_for(1971), us().sources_for(2050));
    EXPECT_NE(us().sources_for(1971).at(0).find("6103"), std::string::npos);
}

namespace {

// One year's arrangement as its notices word it: the ranges of days off ("X日至Y日放假"; a day
// "与周末连休" is the day alone) and the weekend days worked ("上班").
struct Arrangement {
    int year;
    std::vector<std::pair<const char*, const char*>> off;
    std::vector<const char*> worked;
};

// Transcribed from the notices' text, independently of the data file (see rules/calendars/README.md).
const std::vector<Arrangement>& china_notices() {
    static const std::vector<Arrangement> notices{
        // 国办发明电〔2007〕52号; its 2007-12-29 (worked) and 2007-12-30/31 (off) lie before 2008.
        {2008,
         {{"2008-01-01", "2008-01-01"},
          {"2008-02-06", "2008-02-12"},
          {"2008-04-04", "2008-04-06"},
          {"2008-05-01", "2008-05-03"},
          {"2008-06-07", "2008-06-09"},
          {"2008-09-13", "2008-09-15"},
          {"2008-09-29", "2008-10-05"}},
         {"2008-02-02", "2008-02-03", "2008-05-04", "2008-09-27", "2008-09-28"}},
        // 国办发明电〔2008〕42号
        {2009,
         {{"2009-01-01", "2009-01-03"},
          {"2009-01-25", "2009-01-31"},
          {"2009-04-04", "2009-04-06"},
          {"2009-05-01", "2009-05-03"},
          {"2009-05-28", "2009-05-30"},
          {"2009-10-01", "2009-10-08"}},
         {"2009-01-04", "2009-01-24", "2009-02-01", "2009-05-31", "2009-09-27", "2009-10-10"}},
        // 国办发明电〔2009〕27号
        {2010,
         {{"2010-01-01", "2010-01-03"},
          {"2010-02-13", "2010-02-19"},
          {"2010-04-03", "2010-04-05"},
          {"2010-05-01", "2010-05-03"},
          {"2010-06-14", "2010-06-16"},
          {"2010-09-22", "2010-09-24"},
          {"2010-10-01", "2010-10-07"}},
         {"2010-02-20", "2010-02-21", "2010-06-12", "2010-06-13", "2010-09-19", "2010-09-25", "2010-09-26",
          "2010-10-09"}},
        // 国办发明电〔2010〕40号
        {2011,
         {{"2011-01-01", "2011-01-03"},
          {"2011-02-02", "2011-02-08"},
          {"2011-04-03", "2011-04-05"},
          {"2011-04-30", "2011-05-02"},
          {"2011-06-04", "2011-06-06"},
          {"2011-09-10", "2011-09-12"},
          {"2011-10-01", "2011-10-07"}},
         {"2011-01-30", "2011-02-12", "2011-04-02", "2011-10-08", "2011-10-09"}},
        // 国办发明电〔2011〕45号: 2011-12-31 worked for the New Year holiday of 2012.
        {2012,
         {{"2012-01-01", "2012-01-03"},
          {"2012-01-22", "2012-01-28"},
          {"2012-04-02", "2012-04-04"},
          {"2012-04-29", "2012-05-01"},
          {"2012-06-22", "2012-06-24"},
          {"2012-09-30", "2012-10-07"}},
         {"2011-12-31", "2012-01-21", "2012-01-29", "2012-03-31", "2012-04-01", "2012-04-28", "2012-09-29"}},
        // 国办发明电〔2012〕33号
        {2013,
         {{"2013-01-01", "2013-01-03"},
          {"2013-02-09", "2013-02-15"},
          {"2013-04-04", "2013-04-06"},
          {"2013-04-29", "2013-05-01"},
          {"2013-06-10", "2013-06-12"},
          {"2013-09-19", "2013-09-21"},
          {"2013-10-01", "2013-10-07"}},
         {"2013-01-05", "2013-01-06", "2013-02-16", "2013-02-17", "2013-04-07", "2013-04-27", "2013-04-28",
          "2013-06-08", "2013-06-09", "2013-09-22", "2013-09-29", "2013-10-12"}},
        // 国办发明电〔2013〕28号: 清明 4-05 and 补休 4-07; 端午 6-02 and 中秋 9-08 与周末连休.
        {2014,
         {{"2014-01-01", "2014-01-01"},
          {"2014-01-31", "2014-02-06"},
          {"2014-04-05", "2014-04-05"},
          {"2014-04-07", "2014-04-07"},
          {"2014-05-01", "2014-05-03"},
          {"2014-06-02", "2014-06-02"},
          {"2014-09-08", "2014-09-08"},
          {"2014-10-01", "2014-10-07"}},
         {"2014-01-26", "2014-02-08", "2014-05-04", "2014-09-28", "2014-10-11"}},
        // 国办发明电〔2014〕28号 and 国发明电〔2015〕1号 (3-5 September, 9-06 worked).
        {2015,
         {{"2015-01-01", "2015-01-03"},
          {"2015-02-18", "2015-02-24"},
          {"2015-04-05", "2015-04-06"},
          {"2015-05-01", "2015-05-01"},
          {"2015-06-20", "2015-06-20"},
          {"2015-06-22", "2015-06-22"},
          {"2015-09-03", "2015-09-05"},
          {"2015-09-27", "2015-09-27"},
          {"2015-10-01", "2015-10-07"}},
         {"2015-01-04", "2015-02-15", "2015-02-28", "2015-09-06", "2015-10-10"}},
        // 国办发明电〔2015〕18号
        {2016,
         {{"2016-01-01", "2016-01-01"},
          {"2016-02-07", "2016-02-13"},
          {"2016-04-04", "2016-04-04"},
          {"2016-05-01", "2016-05-02"},
          {"2016-06-09", "2016-06-11"},
          {"2016-09-15", "2016-09-17"},
          {"2016-10-01", "2016-10-07"}},
         {"2016-02-06", "2016-02-14", "2016-06-12", "2016-09-18", "2016-10-08", "2016-10-09"}},
        // 国办发明电〔2016〕17号
        {2017,
         {{"2017-01-01", "2017-01-02"},
          {"2017-01-27", "2017-02-02"},
          {"2017-04-02", "2017-04-04"},
          {"2017-05-01", "2017-05-01"},
          {"2017-05-28", "2017-05-30"},
          {"2017-10-01", "2017-10-08"}},
         {"2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"}},
        // 国办发明电〔2017〕12号
        {2018,
         {{"2018-01-01", "2018-01-01"},
          {"2018-02-15", "2018-02-21"},
          {"2018-04-05", "2018-04-07"},
          {"2018-04-29", "2018-05-01"},
          {"2018-06-18", "2018-06-18"},
          {"2018-09-24", "2018-09-24"},
          {"2018-10-01", "2018-10-07"}},
         {"2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30"}},
        // 国办发明电〔2018〕15号 (from 2018-12-30) and 国办发明电〔2019〕3号 (Labour Day 5-01..5-04).
        {2019,
         {{"2018-12-30", "2019-01-01"},
          {"2019-02-04", "2019-02-10"},
          {"2019-04-05", "2019-04-05"},
          {"2019-05-01", "2019-05-04"},
          {"2019-06-07", "2019-06-07"},
          {"2019-09-13", "2019-09-13"},
          {"2019-10-01", "2019-10-07"}},
         {"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29", "2019-10-12"}},
        // 国办发明电〔2019〕16号 and 国办发明电〔2020〕1号 (the Spring Festival to 2-02; 2-01 no longer worked).
        {2020,
         {{"2020-01-01", "2020-01-01"},
          {"2020-01-24", "2020-02-02"},
          {"2020-04-04", "2020-04-06"},
          {"2020-05-01", "2020-05-05"},
          {"2020-06-25", "2020-06-27"},
          {"2020-10-01", "2020-10-08"}},
         {"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"}},
        // 国办发明电〔2020〕27号
        {2021,
         {{"2021-01-01", "2021-01-03"},
          {"2021-02-11", "2021-02-17"},
          {"2021-04-03", "2021-04-05"},
          {"2021-05-01", "2021-05-05"},
          {"2021-06-12", "2021-06-14"},
          {"2021-09-19", "2021-09-21"},
          {"2021-10-01", "2021-10-07"}},
         {"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"}},
        // 国办发明电〔2021〕11号
        {2022,
         {{"2022-01-01", "2022-01-03"},
          {"2022-01-31", "2022-02-06"},
          {"2022-04-03", "2022-04-05"},
          {"2022-04-30", "2022-05-04"},
          {"2022-06-03", "2022-06-05"},
          {"2022-09-10", "2022-09-12"},
          {"2022-10-01", "2022-10-07"}},
         {"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"}},
        // 国办发明电〔2022〕16号 (from 2022-12-31)
        {2023,
         {{"2022-12-31", "2023-01-02"},
          {"2023-01-21", "2023-01-27"},
          {"2023-04-05", "2023-04-05"},
          {"2023-04-29", "2023-05-03"},
          {"2023-06-22", "2023-06-24"},
          {"2023-09-29", "2023-10-06"}},
         {"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"}},
        // 国办发明电〔2023〕7号
        {2024,
         {{"2024-01-01", "2024-01-01"},
          {"2024-02-10", "2024-02-17"},
          {"2024-04-04", "2024-04-06"},
          {"2024-05-01", "2024-05-05"},
          {"2024-06-10", "2024-06-10"},
          {"2024-09-15", "2024-09-17"},
          {"2024-10-01", "2024-10-07"}},
         {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
          "2024-10-12"}},
        // 国办发明电〔2024〕12号
        {2025,
         {{"2025-01-01", "2025-01-01"},
          {"2025-01-28", "2025-02-04"},
          {"2025-04-04", "2025-04-06"},
          {"2025-05-01", "2025-05-05"},
          {"2025-05-31", "2025-06-02"},
          {"2025-10-01", "2025-10-08"}},
         {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}},
        // 国办发明电〔2025〕7号
        {2026,
         {{"2026-01-01", "2026-01-03"},
          {"2026-02-15", "2026-02-23"},
          {"2026-04-04", "2026-04-06"},
          {"2026-05-01", "2026-05-05"},
          {"2026-06-19", "2026-06-21"},
          {"2026-09-25", "2026-09-27"},
          {"2026-10-01", "2026-10-07"}},
         {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}},
    };
    return notices;
}

}  // namespace

TEST(BundledCalendars, ChinaListsExactlyTheStateCouncilNotices) {
    std::set<std::string> off, make_up;
    for (const Arrangement& notice : china_notices()) {
        for (const auto& [from, to] : notice.off) add_range(off, from, to);
        make_up.insert(notice.worked.begin(), notice.worked.end());
    }
    EXPECT_EQ(listed(cn(), DayKind::Holiday), off);
    EXPECT_EQ(listed(cn(), DayKind::MakeUpWorkday), make_up);
    for (const auto& text : make_up) EXPECT_GE(day(text.c_str()).weekday(), 5u) << text << " is not a weekend day";
    // New Year's Eve 2024 was only recommended as a day off, so it stays a working day.
    EXPECT_TRUE(cn().is_working_day(day("2024-02-09")));
}

// A tally published independently of the notices' reprints used above: for each year's
// arrangement, the days off it gives (weekend days inside its ranges included, the days in the
// December before counted with it, 2008's in 2007 left out) and the weekend days it makes worked.
TEST(BundledCalendars, ChinaMatchesAnIndependentTallyOfEachArrangement) {
    const std::map<int, std::pair<int, int>> tally{{2008, {27, 5}}, {2009, {27, 6}},  {2010, {29, 8}}, {2011, {29, 5}},
                                                   {2012, {27, 7}}, {2013, {29, 12}}, {2014, {22, 5}}, {2015, {26, 5}},
                                                   {2016, {24, 6}}, {2017, {24, 5}},  {2018, {23, 6}}, {2019, {24, 7}},
                                                   {2020, {30, 6}}, {2021, {31, 7}},  {2022, {31, 7}}, {2023, {27, 7}},
                                                   {2024, {28, 8}}, {2025, {28, 5}},  {2026, {33, 6}}};
    // The December days that belong to the next year's arrangement.
    const std::set<std::string> next_year{"2011-12-31", "2018-12-29", "2018-12-30", "2018-12-31", "2022-12-31"};
    std::map<int, std::pair<int, int>> counted;
    for (const auto& listed_day : cn().listed_days()) {
        const int year = listed_day.date.year() + (next_year.count(listed_day.date.to_string()) ? 1 : 0);
        auto& [off, worked] = counted[year];
        ++(listed_day.kind == DayKind::Holiday ? off : worked);
    }
    EXPECT_EQ(counted, tally);
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

// The 6103(a) holidays of `year` on their observed days, as the law stood that year: the Uniform
// Monday Holiday Act from 1971, Veterans Day back to 11 November from 1978, Martin Luther King
// Jr.'s birthday from 1986, Juneteenth from 2021.
std::vector<Date> us_holidays(int year) {
    constexpr unsigned kMonday = 0, kThursday = 3;
    std::vector<Date> out{observed(Date::from_ymd(year, 1, 1)), nth_weekday(year, 2, kMonday, 3),
                          nth_weekday(year, 5, kMonday, -1),    observed(Date::from_ymd(year, 7, 4)),
                          nth_weekday(year, 9, kMonday, 1),     nth_weekday(year, 10, kMonday, 2),
                          nth_weekday(year, 11, kThursday, 4),  observed(Date::from_ymd(year, 12, 25))};
    if (year >= 1986) out.push_back(nth_weekday(year, 1, kMonday, 3));
    if (year >= 2021) out.push_back(observed(Date::from_ymd(year, 6, 19)));
    out.push_back(year >= 1978 ? observed(Date::from_ymd(year, 11, 11)) : nth_weekday(year, 10, kMonday, 4));
    return out;
}

}  // namespace

// 5 U.S.C. 6103, computed from the statute's rules here rather than from the file's `rule` lines.
TEST(BundledCalendars, UnitedStatesListsExactlyTheObservedFederalHolidays) {
    std::set<std::string> expected;
    for (int year = 1970; year <= 2051; ++year)
        for (const Date d : us_holidays(year))
            if (d.year() >= 1971 && d.year() <= 2050) expected.insert(d.to_string());
    EXPECT_EQ(listed(us(), DayKind::Holiday), expected);
    EXPECT_TRUE(listed(us(), DayKind::MakeUpWorkday).empty());
    for (const auto& d : us().listed_days()) EXPECT_LT(d.date.weekday(), 5u) << d.date.to_string();

    // By hand: 2026-07-04 is a Saturday, observed Friday 2026-07-03.
    EXPECT_EQ(day("2026-07-04").weekday(), 5u);
    EXPECT_EQ(us().describe_day(day("2026-07-03")), "holiday: Independence Day (observed; 2026-07-04 is a Saturday)");
    EXPECT_EQ(us().describe_day(day("2026-07-04")), "weekend");
    EXPECT_EQ(day("2025-01-20").weekday(), 0u);  // MLK Day 2025, a Monday
    EXPECT_EQ(day("2024-11-28").weekday(), 3u);  // Thanksgiving 2024, a Thursday
    // New Year's Day 2000 was a Saturday: kept on Friday 1999-12-31, in 1999.
    EXPECT_EQ(us().describe_day(day("1999-12-31")), "holiday: New Year's Day (observed; 2000-01-01 is a Saturday)");
    // 1 January 2051 is a Sunday, kept on Monday 2051-01-02, outside the years: 2050-12-30 and 31 are ordinary.
    EXPECT_TRUE(us().is_working_day(day("2050-12-30")));
    EXPECT_EQ(us().describe_day(day("2050-12-31")), "weekend");
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
        EXPECT_STREQ(e.what(), "calendar CN covers 2008–2026; the deadline needs 2027");
        EXPECT_EQ(e.calendar(), "CN");
        EXPECT_EQ(e.needed_year(), 2027);
    }
    EXPECT_THROW(us().add_working_days(day("2050-12-01"), 30), CalendarRangeError);
    try {
        cn().add_working_days(day("2007-12-28"), 1);
        FAIL() << "expected CalendarRangeError";
    } catch (const CalendarRangeError& e) {
        EXPECT_EQ(e.needed_year(), 2007);
        EXPECT_STREQ(e.what(), "calendar CN covers 2008–2026; the deadline counts from 2007-12-28, which needs 2007");
    }
    // Counting back past the first covered day: 2008-01-01 is a holiday, so the working day
    // before 2008-01-02 would be in 2007 (2007-12-31 was off, 12-29 worked: unknown here).
    try {
        cn().add_working_days(day("2008-01-02"), -1);
        FAIL() << "expected CalendarRangeError";
    } catch (const CalendarRangeError& e) {
        EXPECT_STREQ(e.what(), "calendar CN covers 2008–2026; the deadline needs 2007");
    }
    EXPECT_THROW(cn().is_working_day(day("2027-01-04")), CalendarRangeError);
    EXPECT_THROW(cn().describe_day(day("2007-06-01")), CalendarRangeError);
    EXPECT_THROW(cn().non_working_days_between(day("2026-12-01"), day("2027-01-10")), CalendarRangeError);
    EXPECT_THROW(cn().count_working_days(day("2026-12-01"), day("2027-01-10")), CalendarRangeError);
    EXPECT_THROW(us().count_working_days(day("1970-12-31"), day("1971-01-10")), CalendarRangeError);
}

TEST(CalendarCounting, BackwardsIsTheMirrorOfForwards) {
    // 2025-10-09 (Thu) is the first working day after National Day; 3 WD before it: 09-30 Tue
    // (1), 09-29 Mon (2), 09-28 Sun, a make-up day (3).
    EXPECT_EQ(after(cn(), "2025-10-09", -1), "2025-09-30");
    EXPECT_EQ(after(cn(), "2025-10-09", -3), "2025-09-28");
    // From a day off, the first working day before it counts as 1: 10-05 is a holiday.
    EXPECT_EQ(after(cn(), "2025-10-05", -1), "2025-09-30");
    EXPECT_EQ(after(cn(), "2025-10-05", 0), "2025-10-05");
    // Counting: from (excluded) to (included), negative backwards.
    EXPECT_EQ(cn().count_working_days(day("2025-09-30"), day("2025-10-09")), 1);
    EXPECT_EQ(cn().count_working_days(day("2025-10-09"), day("2025-09-28")), -3);
    EXPECT_EQ(cn().count_working_days(day("2025-10-05"), day("2025-09-30")), -1);
    EXPECT_EQ(cn().count_working_days(day("2025-10-01"), day("2025-10-08")), 0);
    EXPECT_EQ(cn().count_working_days(day("2025-10-08"), day("2025-10-08")), 0);
    // add and count agree, both ways, over a whole year of starts.
    for (Date d = day("2020-01-01"); d <= day("2020-12-31"); d = d.plus_days(1)) {
        for (const int n : {-20, -5, -1, 1, 5, 20}) {
            const Date answer = cn().add_working_days(d, n);
            ASSERT_EQ(cn().count_working_days(d, answer), n) << d.to_string() << " " << n;
            ASSERT_TRUE(cn().is_working_day(answer)) << d.to_string() << " " << n;
        }
    }
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
