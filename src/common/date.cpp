#include "common/date.h"

#include <array>
#include <cstdio>

namespace recallguard {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
    int64_t y;
    unsigned m;
    unsigned d;
};

Civil civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

}  // namespace

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(int year, unsigned month) {
    static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Date Date::from_ymd(int year, unsigned month, unsigned day) {
    return from_days(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t count) -> std::optional<int> {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
    if (static_cast<unsigned>(*d) > days_in_month(*y, static_cast<unsigned>(*m))) return std::nullopt;
    return from_ymd(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

int Date::year() const {
    return static_cast<int>(civil_from_days(days_).y);
}
unsigned Date::month() const {
    return civil_from_days(days_).m;
}
unsigned Date::day() const {
    return civil_from_days(days_).d;
}

unsigned Date::weekday() const {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const int64_t w = (days_ + 3) % 7;
    return static_cast<unsigned>(w < 0 ? w + 7 : w);
}

std::string Date::to_string() const {
    const Civil c = civil_from_days(days_);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
    return buffer;
}

Date Date::plus_months(int64_t n) const {
    const Civil c = civil_from_days(days_);
    const int64_t month_index = c.y * 12 + (c.m - 1) + n;
    const int64_t y = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
    const auto m = static_cast<unsigned>(month_index - y * 12 + 1);
    const unsigned last = days_in_month(static_cast<int>(y), m);
    return from_ymd(static_cast<int>(y), m, c.d > last ? last : c.d);
}

}  // namespace recallguard
