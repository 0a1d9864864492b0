#include "calendar/holiday_rule.h"

#include <algorithm>
#include <map>

#include "calendar/calendar_format.h"

namespace recallguard::calendar {

bool HolidayRule::in_force(int year) const {
    return (!from_year || year >= *from_year) && (!to_year || year <= *to_year);
}

std::optional<Date> HolidayRule::date_in(int year) const {
    if (!in_force(year)) return std::nullopt;
    if (kind == Kind::FixedDate) return Date::from_ymd(year, month, day);
    if (ordinal < 0) {
        Date d = Date::from_ymd(year, month, days_in_month(year, month));
        return d.plus_days(-static_cast<int64_t>((d.weekday() + 7 - weekday) % 7));
    }
    const Date first = Date::from_ymd(year, month, 1);
    return first.plus_days(static_cast<int64_t>((weekday + 7 - first.weekday()) % 7) + 7 * (ordinal - 1));
}

std::optional<Date> HolidayRule::observed_in(int year) const {
    const auto d = date_in(year);
    if (!d || !observed) return d;
    if (d->weekday() == 5) return d->plus_days(-1);  // Saturday: the Friday before
    if (d->weekday() == 6) return d->plus_days(1);   // Sunday: the Monday after
    return d;
}

std::string HolidayRule::to_text() const {
    std::string text;
    if (kind == Kind::FixedDate) {
        text = std::string(kMonthNames[month - 1]) + " " + std::to_string(day);
    } else {
        text = std::string(kOrdinalNames[ordinal < 0 ? 0 : static_cast<size_t>(ordinal)]) + " " +
               kWeekdayLongNames[weekday] + " of " + kMonthNames[month - 1];
        for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (from_year) text += " from " + std::to_string(*from_year);
    if (to_year) text += " to " + std::to_string(*to_year);
    if (observed) text += " observed";
    return text;
}

std::vector<RuleDay> expand_rules(const std::vector<HolidayRule>& rules, int first_year, int last_year) {
    std::map<int64_t, RuleDay> days;
    for (size_t i = 0; i < rules.size(); ++i) {
        const HolidayRule& rule = rules[i];
        // The year before and after too: only an observed move can bring their days in.
        for (int year = first_year - 1; year <= last_year + 1; ++year) {
            const auto date = rule.date_in(year);
            const auto kept = rule.observed_in(year);
            if (!kept || kept->year() < first_year || kept->year() > last_year) continue;
            std::string description = rule.name;
            if (*kept != *date)
                description += " (observed; " + date->to_string() + " is a " + kWeekdayLongNames[date->weekday()] + ")";
            const auto [it, inserted] = days.emplace(kept->days(), RuleDay{*kept, description, i});
            if (!inserted) it->second.description += "; " + description;
        }
    }
    std::vector<RuleDay> out;
    out.reserve(days.size());
    for (auto& [key, day] : days) out.push_back(std::move(day));
    return out;
}

}  // namespace recallguard::calendar
