// What a calendar file may say: its keywords, weekday, month and ordinal names and year limits (shared by the
// parser, which reports violations, and WorkingDayCalendar, which refuses them).
#pragma once

#include <array>
#include <string_view>

namespace recallguard::calendar {

inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 9999;
// Each covered day becomes a table row in every audit; a century is far more than any notice needs.
inline constexpr int kMaxCoveredYears = 100;

// Indexed by Date::weekday() (0 = Monday).
inline constexpr std::array<const char*, 7> kWeekdayNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
inline constexpr std::array<const char*, 7> kWeekdayLongNames{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                              "Friday", "Saturday", "Sunday"};
// Month names of `rule` lines, indexed by month - 1 (any case; the first three letters also do).
inline constexpr std::array<const char*, 12> kMonthNames{"january",   "february", "march",    "april",
                                                         "may",       "june",     "july",     "august",
                                                         "september", "october",  "november", "december"};
// Ordinals of `rule` lines: index 1..4 is the n-th weekday of the month, index 0 the last.
inline constexpr std::array<const char*, 5> kOrdinalNames{"last", "first", "second", "third", "fourth"};

// Letters, digits, '_' and '-', starting with a letter: safe in file names and rule text alike.
inline bool is_valid_calendar_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!letter(name[0])) return false;
    for (const char c : name)
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') return false;
    return true;
}

}  // namespace recallguard::calendar
