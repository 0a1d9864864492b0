#include "generate/working_days.h"

#include <string>
#include <utility>

#include "common/errors.h"

namespace recallguard::generate {
namespace {

struct Span {
    int y1;
    unsigned m1, d1;
    unsigned m2, d2;  // same year
};

// State Council holiday notices for 2024, 2025 and 2026.
constexpr Span kChinaDaysOff[] = {
    {2024, 1, 1, 1, 1},   {2024, 2, 10, 2, 17}, {2024, 4, 4, 4, 6},   {2024, 5, 1, 5, 5},   {2024, 6, 10, 6, 10},
    {2024, 9, 15, 9, 17}, {2024, 10, 1, 10, 7}, {2025, 1, 1, 1, 1},   {2025, 1, 28, 2, 4},  {2025, 4, 4, 4, 6},
    {2025, 5, 1, 5, 5},   {2025, 5, 31, 6, 2},  {2025, 10, 1, 10, 8}, {2026, 1, 1, 1, 3},   {2026, 2, 15, 2, 23},
    {2026, 4, 4, 4, 6},   {2026, 5, 1, 5, 5},   {2026, 6, 19, 6, 21}, {2026, 9, 25, 9, 27}, {2026, 10, 1, 10, 7},
};
constexpr std::pair<int, std::pair<unsigned, unsigned>> kChinaMakeUpDays[] = {
    {2024, {2, 4}},  {2024, {2, 18}}, {2024, {4, 7}},   {2024, {4, 28}},  {2024, {5, 11}},
    {2024, {9, 14}}, {2024, {9, 29}}, {2024, {10, 12}}, {2025, {1, 26}},  {2025, {2, 8}},
    {2025, {4, 27}}, {2025, {9, 28}}, {2025, {10, 11}}, {2026, {1, 4}},   {2026, {2, 14}},
    {2026, {2, 28}}, {2026, {5, 9}},  {2026, {9, 20}},  {2026, {10, 10}},
};

// The `nth` (1-based) `weekday` (0 = Monday) of a month; nth = -1 is the last one.
Date nth_weekday(int year, unsigned month, unsigned weekday, int nth) {
    if (nth > 0) {
        const Date first = Date::from_ymd(year, month, 1);
        const unsigned offset = (weekday + 7 - first.weekday()) % 7;
        return first.plus_days(offset + 7 * (nth - 1));
    }
    const Date last = Date::from_ymd(year, month, days_in_month(year, month));
    return last.plus_days(-static_cast<int64_t>((last.weekday() + 7 - weekday) % 7));
}

// 5 U.S.C. 6103(a), with the observed-date shift of Executive Order 11582.
std::vector<Date> us_federal_holidays(int year) {
    auto observed = [](Date d) {
        if (d.weekday() == 5) return d.plus_days(-1);
        if (d.weekday() == 6) return d.plus_days(1);
        return d;
    };
    return {observed(Date::from_ymd(year, 1, 1)),
            nth_weekday(year, 1, 0, 3),
            nth_weekday(year, 2, 0, 3),
            nth_weekday(year, 5, 0, -1),
            observed(Date::from_ymd(year, 6, 19)),
            observed(Date::from_ymd(year, 7, 4)),
            nth_weekday(year, 9, 0, 1),
            nth_weekday(year, 10, 0, 2),
            observed(Date::from_ymd(year, 11, 11)),
            nth_weekday(year, 11, 3, 4),
            observed(Date::from_ymd(year, 12, 25))};
}

}  // namespace

const WorkingDays& WorkingDays::get(CalendarId id) {
    static const WorkingDays china(CalendarId::China);
    static const WorkingDays united_states(CalendarId::UnitedStates);
    static const WorkingDays weekdays(CalendarId::Weekdays);
    switch (id) {
        case CalendarId::China:
            return china;
        case CalendarId::UnitedStates:
            return united_states;
        case CalendarId::Weekdays:
            break;
    }
    return weekdays;
}

WorkingDays::WorkingDays(CalendarId id) {
    const int64_t first = first_covered().days();
    const auto size = static_cast<size_t>(last_covered().days() - first + 1);
    working_.resize(size);
    for (size_t i = 0; i < size; ++i) working_[i] = Date::from_days(first + static_cast<int64_t>(i)).weekday() < 5;
    auto set = [&](Date d, bool value) {
        if (d >= first_covered() && d <= last_covered()) working_[static_cast<size_t>(d.days() - first)] = value;
    };
    if (id == CalendarId::China) {
        for (const Span& s : kChinaDaysOff)
            for (Date d = Date::from_ymd(s.y1, s.m1, s.d1); d <= Date::from_ymd(s.y1, s.m2, s.d2); d = d.plus_days(1))
                set(d, false);
        for (const auto& [year, md] : kChinaMakeUpDays) set(Date::from_ymd(year, md.first, md.second), true);
    } else if (id == CalendarId::UnitedStates) {
        for (int year = 2024; year <= 2026; ++year)
            for (Date d : us_federal_holidays(year)) set(d, false);
    }
}

bool WorkingDays::is_working(Date day) const {
    if (day < first_covered() || day > last_covered())
        throw InternalError("generator calendar does not cover " + day.to_string());
    return working_[static_cast<size_t>(day.days() - first_covered().days())];
}

Date WorkingDays::after(Date from, int n) const {
    Date day = from;
    for (int found = 0; found < n;) {
        day = day.plus_days(1);
        if (is_working(day)) ++found;
    }
    return day;
}

}  // namespace recallguard::generate
