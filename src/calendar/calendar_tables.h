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

// Makes both tables visible on `db`, answering from `calendars`, which must outlive the
// connection. They are read-only virtual tables (sqldb::register_virtual_table): nothing is
// written, so a calendar of 80 years costs an audit nothing until a rule looks a day up, and
// every answer is WorkingDayCalendar's own. A lookup by calendar and day, or by calendar and
// ord, reads one row; rows come in calendar then day order.
// "N working days after D" (N >= 1) is then
//   SELECT day FROM rg_working_days WHERE calendar = :c AND ord =
//     (SELECT ord FROM rg_calendar_days WHERE calendar = :c AND day = :d) + :n
// which, used as a scalar subquery, is NULL exactly when WorkingDayCalendar::add_working_days
// throws CalendarRangeError (d or the answer outside the covered years); on its own it returns no row.
// Registering again on the same connection replaces the calendars. Throws InputError when SQLite refuses.
void register_calendar_tables(sqldb::Database& db, const CalendarSet& calendars);

}  // namespace recallguard::calendar
