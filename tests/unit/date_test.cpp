#include "common/date.h"

#include <gtest/gtest.h>

using recallguard::Date;

TEST(Date, ParsesOnlyRealIsoDates) {
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_FALSE(Date::parse("2025-02-29"));
    EXPECT_FALSE(Date::parse("2025-02-30"));
    EXPECT_FALSE(Date::parse("25/3/2025"));
    EXPECT_FALSE(Date::parse(""));
    EXPECT_FALSE(Date::parse("2025-1-01"));
    EXPECT_FALSE(Date::parse("2025-13-01"));
    EXPECT_EQ(Date::parse("2025-10-08")->to_string(), "2025-10-08");
}

TEST(Date, WeekdayAndDayArithmetic) {
    const Date d = *Date::parse("2025-10-01");
    EXPECT_EQ(d.weekday(), 2u);  // Wednesday
    EXPECT_EQ(d.plus_days(31).to_string(), "2025-11-01");
    EXPECT_EQ(d.plus_days(-1).to_string(), "2025-09-30");
}

TEST(Date, MonthsClampToTheLastDayOfTheTargetMonth) {
    EXPECT_EQ(Date::parse("2025-01-31")->plus_months(1).to_string(), "2025-02-28");
    EXPECT_EQ(Date::parse("2024-11-30")->plus_months(3).to_string(), "2025-02-28");
    EXPECT_EQ(Date::parse("2023-11-30")->plus_months(3).to_string(), "2024-02-29");
    EXPECT_EQ(Date::parse("2025-08-31")->plus_months(3).to_string(), "2025-11-30");
    EXPECT_EQ(Date::parse("2025-05-15")->plus_months(12).to_string(), "2026-05-15");
}
