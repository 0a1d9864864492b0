// The SQL function every date a rule computes passes through (compiler::kKnownDateFunction):
// a date that cannot be known stops the rule with an UnknownDate error that names the
// calendar and the year it lacks, or the limit of the dates the engine computes with.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "calendar/calendar.h"
#include "sqldb/sqlite.h"

namespace recallguard::exec {

// A date a rule needs is not known: the rule cannot be judged (never "the condition is false").
class UnknownDate : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The years each calendar covers, by name.
struct CalendarYears {
    int first = 0;
    int last = 0;
};
using CalendarCoverage = std::map<std::string, CalendarYears>;
CalendarCoverage coverage_of(const calendar::CalendarSet& calendars);

// Defines compiler::kKnownDateFunction on the connection.
void define_date_guard(sqldb::Database& db, const CalendarCoverage& coverage);

// The message of the error for a date `amount` `unit` after `from` (before, when amount < 0),
// computed for `subject`, that has no value. `calendar` is "" for calendar days and months.
std::string unknown_date_message(const std::string& from, int64_t amount, const std::string& unit,
                                 const std::string& calendar, const std::string& subject,
                                 const CalendarCoverage& coverage);

}  // namespace recallguard::exec
