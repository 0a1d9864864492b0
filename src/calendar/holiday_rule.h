// Holidays a law defines by rule ("third Monday of January", "June 19, observed"), expanded into dates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/source_location.h"

namespace recallguard::calendar {

// One `rule` line of a calendar file: a named holiday, the day of each year it falls on, the
// years it is in force, and whether a weekend date moves to a weekday.
struct HolidayRule {
    enum class Kind {
        FixedDate,   // `june 19`: the same month and day every year
        NthWeekday,  // `third monday of january`, `last monday of may`
    };
    std::string name;
    Kind kind = Kind::FixedDate;
    unsigned month = 1;            // 1..12
    unsigned day = 1;              // FixedDate: 1..31, a day the month has in every year (February 29 never)
    int ordinal = 1;               // NthWeekday: 1..4, or -1 for the last
    unsigned weekday = 0;          // NthWeekday: 0 = Monday ... 6 = Sunday (as Date::weekday())
    std::optional<int> from_year;  // first year in force, inclusive; none = always
    std::optional<int> to_year;    // last year in force, inclusive; none = still in force
    bool observed = false;         // a Saturday date is kept on the Friday before, a Sunday one on the Monday after
    SourceLocation location;       // where the rule is written; empty when built in code

    bool in_force(int year) const;
    // The holiday's own date in `year` (before any observed-day move); nullopt when not in force.
    std::optional<Date> date_in(int year) const;
    // The day it is kept in `year`: date_in(), moved off a Saturday or Sunday when `observed`.
    // May fall in the year before (New Year's Day on a Saturday is kept on 31 December).
    std::optional<Date> observed_in(int year) const;
    // The rule as written, normalised: `third monday of january from 1986`, `june 19 from 2021 observed`.
    std::string to_text() const;
};

// A day a rule makes a holiday.
struct RuleDay {
    Date date;
    std::string
        description;  // the rule's name, and why the day moved: "Independence Day (observed; 2026-07-04 is a Saturday)"
    size_t rule = 0;  // index of the first rule that gives the day
};

// Every day the rules make a holiday in [first_year, last_year], sorted by date. A rule's day
// in the year after may be kept inside the range (New Year's Day on a Saturday) and counts.
// When two rules give the same day it is listed once, the names joined with "; ".
std::vector<RuleDay> expand_rules(const std::vector<HolidayRule>& rules, int first_year, int last_year);

}  // namespace recallguard::calendar
