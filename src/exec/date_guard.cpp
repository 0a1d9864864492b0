#include "exec/date_guard.h"

#include <fmt/format.h>

#include <cstdlib>

#include "common/date.h"
#include "common/errors.h"
#include "compiler/compile.h"

namespace recallguard::exec {

CalendarCoverage coverage_of(const calendar::CalendarSet& calendars) {
    CalendarCoverage coverage;
    for (const auto& name : calendars.names()) {
        const auto* calendar = calendars.find(name);
        coverage[name] = {calendar->first_year(), calendar->last_year()};
    }
    return coverage;
}

std::string unknown_date_message(const std::string& from, int64_t amount, const std::string& unit,
                                 const std::string& calendar, const std::string& subject,
                                 const CalendarCoverage& coverage) {
    const int64_t size = std::llabs(amount);
    // "working days" -> "working day" for one.
    const std::string unit_text =
        size == 1 && !unit.empty() && unit.back() == 's' ? unit.substr(0, unit.size() - 1) : unit;
    const std::string date = fmt::format("the date {} {} {} {}{}", size, unit_text, amount < 0 ? "before" : "after",
                                         from, subject.empty() ? "" : " (" + subject + ")");
    const auto start = Date::parse(from);
    if (!start) return fmt::format("{}: '{}' is not a date", date, from);
    if (calendar.empty())
        return amount < 0 ? date + " lies before 0000-01-01, the first date recallguard computes with"
                          : date + " lies past 9999-12-31, the last date recallguard computes with";
    const auto years = coverage.find(calendar);
    if (years == coverage.end()) return fmt::format("{} needs calendar {}, which is not loaded", date, calendar);
    const auto [first, last] = years->second;
    int year = start->year();
    if (year >= first && year <= last) year = amount < 0 ? first - 1 : last + 1;
    return fmt::format(
        "{} lies outside calendar {}, year {} (the calendar covers {}–{}); add that year's holidays to the "
        "calendar file",
        date, calendar, year, first, last);
}

void define_date_guard(sqldb::Database& db, const CalendarCoverage& coverage) {
    db.define_function(compiler::kKnownDateFunction, 6, [coverage](sqldb::FunctionCall& call) {
        // (from, amount, unit, calendar, subject table, subject key), called when a computed
        // date has no value: NULL when `from` has none either, else an error.
        if (call.is_null(0)) return;
        const auto text = [&](int i) { return sqldb::sql_value_to_string(call.value(i)); };
        const auto amount = call.value(1);
        if (!std::holds_alternative<int64_t>(amount))
            throw InternalError(std::string(compiler::kKnownDateFunction) + ": the amount is not an integer");
        const std::string subject = call.is_null(5) ? "" : text(4) + " " + text(5);
        throw UnknownDate(
            unknown_date_message(text(0), std::get<int64_t>(amount), text(2), text(3), subject, coverage));
    });
}

}  // namespace recallguard::exec
