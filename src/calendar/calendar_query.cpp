#include "calendar/calendar_query.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "calendar/calendar_format.h"
#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/files.h"

namespace recallguard::calendar {
namespace {

std::string short_weekday(Date d) {
    return std::string(kWeekdayLongNames[d.weekday()]).substr(0, 3);
}

// "2025-01-20 (Monday)"
std::string dated(Date d) {
    return d.to_string() + " (" + kWeekdayLongNames[d.weekday()] + ")";
}

std::string plural(int64_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 || n == -1 ? one : many);
}

// Where a listed day comes from, when a rule gives it: "  [rule on line 44: july 4 observed]".
std::string rule_note(const WorkingDayCalendar& calendar, const ListedDay& day) {
    if (!day.rule) return "";
    const HolidayRule& rule = calendar.rules()[*day.rule];
    const std::string where = rule.location.line > 0 ? " on line " + std::to_string(rule.location.line) : "";
    return "  [rule" + where + ": " + rule.to_text() + "]";
}

// What the days of [from, to] are, for the summary line of a count.
struct DayTally {
    int64_t days = 0, working = 0, make_up = 0, holidays = 0, weekend = 0;
};

DayTally tally(const WorkingDayCalendar& calendar, Date from, Date to) {
    DayTally t;
    for (Date d = from; d <= to; d = d.plus_days(1)) {
        ++t.days;
        const ListedDay* listed = calendar.listed(d);
        if (listed && listed->kind == DayKind::MakeUpWorkday) ++t.make_up;
        if (listed && listed->kind == DayKind::Holiday) ++t.holidays;
        if (!listed && calendar.weekend()[d.weekday()]) ++t.weekend;
        if (calendar.is_working_day(d)) ++t.working;
    }
    return t;
}

}  // namespace

const WorkingDayCalendar& find_calendar(const CalendarSet& calendars, const std::string& name, const std::string& where,
                                        const std::string& directory) {
    if (const WorkingDayCalendar* calendar = calendars.find(name)) return *calendar;
    // The file is there but did not load: its errors were shown; "unknown" would send the reader
    // looking for a file that exists.
    const std::filesystem::path file = std::filesystem::path(directory) / (name + ".calendar");
    std::error_code error;
    if (!directory.empty() && std::filesystem::is_regular_file(file, error))
        throw InputError("calendar '" + name + "' (" + file.string() +
                         ") has errors, shown above; it answers nothing until they are fixed");
    if (calendars.empty()) throw InputError("no calendar could be loaded from " + where);
    std::string known;
    for (const std::string& each : calendars.names()) known += (known.empty() ? "" : ", ") + each;
    const std::string match = closest_match(name, calendars.names());
    throw InputError("unknown calendar '" + name + "'; " + where + " are " + known +
                     (match.empty() ? "" : "; did you mean '" + match + "'?"));
}

int64_t parse_count_argument(const std::string& text, const std::string& what) {
    int64_t value = 0;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (error == std::errc::result_out_of_range)
        throw InputError("'" + text + "' is more working days than any calendar holds");
    if (text.empty() || error != std::errc() || stop != end)
        throw InputError("'" + text + "' is not a whole number; " + what +
                         " is the number of working days to count (negative: back)");
    return value;
}

std::string render_calendar_diagnostics(const DiagnosticBag& diagnostics) {
    std::map<std::string, std::string> texts;
    std::string out;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        const std::string& file = diagnostic.location.file;
        if (!texts.count(file)) {
            texts[file] = diagnostic.location.line > 0 ? recallguard::read_file(file).text : std::string();
        }
        out += render_diagnostic(diagnostic, texts[file]);
    }
    return out;
}

Date parse_date_argument(const std::string& text, const std::string& what) {
    if (const auto date = Date::parse(text)) return *date;
    throw InputError("'" + text + "' is not a date; " + what + " must be YYYY-MM-DD naming a day that exists");
}

std::string explain_addition(const WorkingDayCalendar& calendar, Date start, int64_t n) {
    const Date result = calendar.add_working_days(start, n);
    std::ostringstream out;
    out << dated(result) << ": " << plural(n < 0 ? -n : n, "working day", "working days")
        << (n < 0 ? " before " : " after ") << dated(start) << " on calendar " << calendar.name();
    if (n == 0) out << ", the day itself";
    out << "\n";
    // The days passed, in date order: after the start up to the answer, or from the answer up to the start.
    const Date from = n >= 0 ? start.plus_days(1) : result;
    const Date to = n >= 0 ? result : start.plus_days(-1);
    bool any = false;
    for (Date d = from; d <= to; d = d.plus_days(1)) {
        const ListedDay* listed = calendar.listed(d);
        if (!listed && !calendar.weekend()[d.weekday()]) continue;
        any = true;
        out << "  " << d.to_string() << " " << short_weekday(d) << "  "
            << (calendar.is_working_day(d) ? "counted, " : "skipped, ") << calendar.describe_day(d)
            << (listed ? rule_note(calendar, *listed) : "") << "\n";
    }
    if (!any && n != 0) out << "  no weekend day, holiday or make-up working day in between\n";
    return out.str();
}

std::string explain_year(const WorkingDayCalendar& calendar, int year) {
    if (year < calendar.first_year() || year > calendar.last_year())
        throw CalendarRangeError(calendar.name(), calendar.first_year(), calendar.last_year(), year,
                                 "the year " + std::to_string(year) + " is not in it");
    std::ostringstream out;
    out << "calendar " << calendar.name() << ", " << year;
    if (!calendar.title().empty()) out << ": " << calendar.title();
    out << "\n";
    const auto sources = calendar.sources_for(year);
    for (const std::string& source : sources) out << "source: " << source << "\n";
    if (sources.empty()) out << "source: none given in the calendar file\n";
    const Date first = Date::from_ymd(year, 1, 1), last = Date::from_ymd(year, 12, 31);
    int64_t weekday_holidays = 0;
    for (const ListedDay& day : calendar.listed_days()) {
        if (day.date < first || day.date > last) continue;
        if (day.kind == DayKind::Holiday && !calendar.weekend()[day.date.weekday()]) ++weekday_holidays;
        out << day.date.to_string() << " " << short_weekday(day.date) << "  "
            << (day.kind == DayKind::Holiday ? "holiday" : "workday") << "  " << day.description
            << rule_note(calendar, day) << "\n";
    }
    const DayTally t = tally(calendar, first, last);
    out << year << ": " << plural(t.working, "working day", "working days");
    if (t.make_up > 0)
        out << " (" << plural(t.make_up, "make-up working day", "make-up working days") << " among them)";
    out << "; " << plural(t.holidays, "holiday", "holidays") << ", " << weekday_holidays << " of them on "
        << (weekday_holidays == 1 ? "a weekday" : "weekdays") << "\n";
    return out.str();
}

std::string explain_count(const WorkingDayCalendar& calendar, Date from, Date to) {
    const int64_t count = calendar.count_working_days(from, to);
    std::ostringstream out;
    out << plural(count, "working day", "working days") << " from " << from.to_string() << " ("
        << kWeekdayLongNames[from.weekday()] << ", excluded) " << (to < from ? "back to " : "to ") << to.to_string()
        << " (" << kWeekdayLongNames[to.weekday()] << ", included) on calendar " << calendar.name();
    if (from == to) out << ", the same day";
    out << "\n";
    if (from == to) return out.str();
    const DayTally t = to < from ? tally(calendar, to, from.plus_days(-1)) : tally(calendar, from.plus_days(1), to);
    out << "  the " << plural(t.days, "day", "days")
        << " counted over: " << plural(t.working, "working day", "working days");
    if (t.make_up > 0)
        out << " (" << plural(t.make_up, "make-up working day", "make-up working days") << " among them)";
    out << ", " << plural(t.holidays, "holiday", "holidays") << ", " << plural(t.weekend, "weekend day", "weekend days")
        << "\n";
    if (!calendar.is_working_day(to))
        out << "  " << to.to_string() << " itself is not a working day (" << calendar.describe_day(to) << ")\n";
    return out.str();
}

}  // namespace recallguard::calendar
