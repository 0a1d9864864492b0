// Civil (proleptic Gregorian) calendar dates: parsing, formatting and day arithmetic.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recallguard {

// A calendar date held as days since 1970-01-01, so arithmetic is exact and cheap.
class Date {
public:
    constexpr Date() = default;
    static Date from_days(int64_t days_since_epoch) {
        Date d;
        d.days_ = days_since_epoch;
        return d;
    }
    static Date from_ymd(int year, unsigned month, unsigned day);

    // Accepts exactly `YYYY-MM-DD` naming a day that exists; anything else is nullopt.
    static std::optional<Date> parse(std::string_view text);

    int64_t days() const { return days_; }
    int year() const;
    unsigned month() const;
    unsigned day() const;
    unsigned weekday() const;  // 0 = Monday ... 6 = Sunday
    std::string to_string() const;

    Date plus_days(int64_t n) const { return from_days(days_ + n); }
    // Calendar months; a day that does not exist in the target month becomes its last day.
    Date plus_months(int64_t n) const;

    auto operator<=>(const Date&) const = default;

private:
    int64_t days_ = 0;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

}  // namespace recallguard
