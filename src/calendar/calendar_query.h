// The answers of `recallguard calendar` as text: a deadline counted by hand, a year's days, a count.
#pragma once

#include <cstdint>
#include <string>

#include "calendar/calendar.h"

namespace recallguard::calendar {

// The calendar called `name` in `calendars`, loaded from `directory`, which `where` describes
// ("the bundled calendars"). Throws InputError when there is none: naming the calendars there,
// with the closest name, or, when `directory` holds `name`.calendar, saying that file has errors.
const WorkingDayCalendar& find_calendar(const CalendarSet& calendars, const std::string& name, const std::string& where,
                                        const std::string& directory);

// Every diagnostic of a calendar load, rendered with its file's line and a caret.
std::string render_calendar_diagnostics(const DiagnosticBag& diagnostics);

// A number of working days typed on the command line, e.g. "10" or "-3"; `what` names it ("N").
// Throws InputError when it is not a whole number.
int64_t parse_count_argument(const std::string& text, const std::string& what);

// A date typed on the command line, `YYYY-MM-DD`; `what` names it in the error ("DATE").
// Throws InputError when it is not a day that exists.
Date parse_date_argument(const std::string& text, const std::string& what);

// "2025-02-08 (Saturday): 10 working days after 2025-01-20 (Monday) on calendar CN", then every
// weekend day, holiday and make-up working day passed, in date order, with why it was skipped or
// counted. n < 0 counts back. Throws CalendarRangeError when the start or the answer is not covered.
std::string explain_addition(const WorkingDayCalendar& calendar, Date start, int64_t n);

// The holidays and make-up working days of `year`, the sources the file gives for it and the
// year's working days. Throws CalendarRangeError when the year is not covered.
std::string explain_year(const WorkingDayCalendar& calendar, int year);

// "6 working days from 2025-09-26 (Friday, excluded) to 2025-10-11 (Saturday, included)":
// WorkingDayCalendar::count_working_days, and what the days in between are. Throws
// CalendarRangeError when either day is not covered.
std::string explain_count(const WorkingDayCalendar& calendar, Date from, Date to);

}  // namespace recallguard::calendar
