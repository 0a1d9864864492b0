// Working-day calendars as SQL tables, so compiled rules do working-day arithmetic inside SQLite.
#pragma once

#include <string>

#include "calendar/calendar.h"
#include "sqldb/sqlite.h"

namespace recallguard::calendar {

// rg_calendar_days(calendar, day, ord, working): one row per day of every covered year; ord counts
// the working days on or before `day` from the calendar's first covered day.
inline constexpr const char* kCalendarDaysTable = "rg_calendar_days";
// rg_working_days(calendar, ord, day): one row per working day, keyed by its ord.
inline constexpr const char* kWorkingDaysTable = "rg_working_days";

// Creates both tables in the attached schema `schema_name` (e.g. "main") and fills them from every
// calendar in the set, in one savepoint (so it works inside or outside a caller's transaction).
// "N working days after D" (N >= 1) is then
//   SELECT day FROM rg_working_days WHERE calendar = :c AND ord =
//     (SELECT ord FROM rg_calendar_days WHERE calendar = :c AND day = :d) + :n
// which, used as a scalar subquery, is NULL exactly when WorkingDayCalendar::add_working_days
// throws CalendarRangeError (d or the answer outside the covered years); on its own it returns no row.
// Throws InputError (with SQLite's message) when the tables already exist or SQLite fails.
void install_calendar_tables(sqldb::Database& db, const std::string& schema_name, const CalendarSet& calendars);

}  // namespace recallguard::calendar
