// Holidays defined by rule: the day each year, the observed move, the years in force, and the
// calendar file's `rule` lines expanding to exactly those days.
#include "calendar/holiday_rule.h"

#include <gtest/gtest.h>

#include "calendar/calendar.h"

using recallguard::Date;
using recallguard::DiagnosticBag;
using recallguard::calendar::expand_rules;
using recallguard::calendar::HolidayRule;

namespace {

Date day(const char* text) {
    return *Date::parse(text);
}

HolidayRule fixed(const char* name, unsigned month, unsigned d, bool observed = false) {
    HolidayRule rule;
    rule.name = name;
    rule.month = month;
    rule.day = d;
    rule.observed = observed;
    return rule;
}

HolidayRule nth(const char* name, int ordinal, unsigned weekday, unsigned month) {
    HolidayRule rule;
    rule.name = name;
    rule.kind = HolidayRule::Kind::NthWeekday;
    rule.ordinal = ordinal;
    rule.weekday = weekday;
    rule.month = month;
    return rule;
}

}  // namespace

TEST(HolidayRule, NthWeekdayAndLastWeekdayOfAMonth) {
    // January 2025 begins on a Wednesday: its Mondays are 6, 13, 20, 27.
    EXPECT_EQ(nth("x", 1, 0, 1).date_in(2025), day("2025-01-06"));
    EXPECT_EQ(nth("x", 3, 0, 1).date_in(2025), day("2025-01-20"));
    EXPECT_EQ(nth("x", 4, 0, 1).date_in(2025), day("2025-01-27"));
    EXPECT_EQ(nth("x", -1, 0, 1).date_in(2025), day("2025-01-27"));
    // May 2026 ends on a Sunday: its last Monday is the 25th. A month beginning on the weekday: Sept 2025.
    EXPECT_EQ(nth("x", -1, 0, 5).date_in(2026), day("2026-05-25"));
    EXPECT_EQ(nth("x", 1, 0, 9).date_in(2025), day("2025-09-01"));
    // The fourth Thursday of November is never later than the 28th.
    for (int year = 1971; year <= 2050; ++year) EXPECT_LE(nth("x", 4, 3, 11).date_in(year)->day(), 28u) << year;
}

TEST(HolidayRule, ObservedMovesSaturdayBackAndSundayForward) {
    const HolidayRule july4 = fixed("Independence Day", 7, 4, true);
    EXPECT_EQ(july4.observed_in(2026), day("2026-07-03"));             // Saturday -> Friday
    EXPECT_EQ(july4.observed_in(2021), day("2021-07-05"));             // Sunday -> Monday
    EXPECT_EQ(july4.observed_in(2025), day("2025-07-04"));             // Friday stays
    EXPECT_EQ(fixed("x", 7, 4).observed_in(2026), day("2026-07-04"));  // not observed: stays on Saturday
    // New Year's Day 2022 is a Saturday: kept on 2021-12-31, in the year before.
    EXPECT_EQ(fixed("New Year's Day", 1, 1, true).observed_in(2022), day("2021-12-31"));
}

TEST(HolidayRule, YearsInForceAreInclusive) {
    HolidayRule rule = fixed("Juneteenth", 6, 19, true);
    rule.from_year = 2021;
    EXPECT_FALSE(rule.date_in(2020));
    EXPECT_EQ(rule.observed_in(2021), day("2021-06-18"));
    rule.to_year = 2022;
    EXPECT_TRUE(rule.date_in(2022));
    EXPECT_FALSE(rule.date_in(2023));
    EXPECT_EQ(rule.to_text(), "june 19 from 2021 to 2022 observed");
    EXPECT_EQ(nth("x", -1, 0, 5).to_text(), "last monday of may");
    EXPECT_EQ(nth("x", 3, 0, 1).to_text(), "third monday of january");
}

TEST(HolidayRule, ExpansionKeepsTheDaysInsideTheYearsAndJoinsTwoRulesOnOneDay) {
    const std::vector<HolidayRule> rules{fixed("New Year's Day", 1, 1, true), fixed("Other", 12, 31),
                                         fixed("Christmas Day", 12, 25, true)};
    const auto days = expand_rules(rules, 2021, 2021);
    // 2021-01-01 (Fri); 2021-12-24 (Christmas on a Saturday); 2021-12-31: the next New Year's Day
    // on a Saturday and the "Other" rule, one day with both names.
    ASSERT_EQ(days.size(), 3u);
    EXPECT_EQ(days[0].date, day("2021-01-01"));
    EXPECT_EQ(days[1].date, day("2021-12-24"));
    EXPECT_EQ(days[1].description, "Christmas Day (observed; 2021-12-25 is a Saturday)");
    EXPECT_EQ(days[2].date, day("2021-12-31"));
    EXPECT_EQ(days[2].description, "New Year's Day (observed; 2022-01-01 is a Saturday); Other");
    EXPECT_EQ(days[2].rule, 0u);
    // The New Year's Day of 2022 is kept in 2021, outside a calendar of 2022 alone.
    for (const auto& d : expand_rules(rules, 2022, 2022)) EXPECT_EQ(d.date.year(), 2022);
}

TEST(HolidayRule, CalendarFileRulesExpandIntoTheCalendarsDays) {
    DiagnosticBag diagnostics;
    const auto calendar = recallguard::calendar::parse_calendar(
        "calendar R\nweekend sat sun\nyears 2021 2022\nsource \"all years\"\nsource 2022 \"2022 only\"\n"
        "rule \"New Year's Day\" january 1 observed\nrule \"Juneteenth\" june 19 from 2022 observed\n"
        "2022-12-23 holiday  a listed day\n",
        "R.calendar", diagnostics);
    ASSERT_TRUE(calendar) << diagnostics.items().at(0).message;
    std::vector<std::string> days;
    for (const auto& d : calendar->listed_days())
        days.push_back(d.date.to_string() + (d.rule ? " rule " + std::to_string(*d.rule) : " line"));
    // 2021-01-01 Fri; 2021-12-31 for 2022-01-01 (Sat); 2022-06-20 for 06-19 (Sun); the listed day.
    EXPECT_EQ(days, (std::vector<std::string>{"2021-01-01 rule 0", "2021-12-31 rule 0", "2022-06-20 rule 1",
                                              "2022-12-23 line"}));
    EXPECT_FALSE(calendar->is_working_day(day("2021-12-31")));
    EXPECT_TRUE(calendar->is_working_day(day("2021-06-18")));  // Juneteenth not yet in force
    EXPECT_EQ(calendar->sources_for(2021), std::vector<std::string>{"all years"});
    EXPECT_EQ(calendar->sources_for(2022), (std::vector<std::string>{"all years", "2022 only"}));
    EXPECT_EQ(calendar->rules().at(1).location.line, 7);
}

TEST(HolidayRule, ACalendarBuiltInCodeRefusesADayListedAndGivenByRule) {
    recallguard::calendar::CalendarSpec spec;
    spec.name = "X";
    spec.first_year = spec.last_year = 2026;
    spec.rules.push_back(fixed("Independence Day", 7, 4, true));
    spec.days.push_back({day("2026-07-03"), recallguard::calendar::DayKind::Holiday, "listed", std::nullopt});
    EXPECT_THROW(recallguard::calendar::WorkingDayCalendar{spec}, std::invalid_argument);
}
