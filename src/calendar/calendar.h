// Working-day calendars (official holidays and make-up working days) loaded from data files.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "calendar/holiday_rule.h"
#include "common/date.h"
#include "common/diagnostic.h"
#include "common/source_location.h"

namespace recallguard::calendar {

// A day the calendar file lists: an official day off, or a weekend day that is worked (调休).
enum class DayKind { Holiday, MakeUpWorkday };

struct ListedDay {
    Date date;
    DayKind kind = DayKind::Holiday;
    std::string description;     // "国庆节 National Day"
    std::optional<size_t> rule;  // the day comes from rules()[*rule], not from a line of its own
};

// Where a calendar's days come from: a `source` line ("国务院办公厅关于2015年部分节假日安排的通知, ...").
struct SourceNote {
    std::optional<int> year;  // the year it is the source of; none = every covered year
    std::string text;
};

// Everything a calendar is made of; what a calendar file says, already checked.
struct CalendarSpec {
    std::string name;
    std::string title;
    int first_year = 0;  // covered years, inclusive
    int last_year = 0;
    std::array<bool, 7> weekend{false, false, false, false, false, true, true};  // index = Date::weekday()
    std::vector<ListedDay> days;     // the day lines; WorkingDayCalendar adds the rules' days
    std::vector<HolidayRule> rules;  // holidays defined by rule, expanded for the covered years
    std::vector<SourceNote> sources;
    SourceLocation declared_at;  // where `calendar NAME` is written; empty when built in code
};

// A working-day question needs a year the calendar does not cover. Deadlines are never guessed.
class CalendarRangeError : public std::runtime_error {
public:
    // "calendar CN covers 2024–2026; <detail>"; the default detail is "the deadline needs <year>".
    CalendarRangeError(const std::string& calendar, int first_year, int last_year, int needed_year,
                       const std::string& detail = {});
    const std::string& calendar() const { return calendar_; }
    int first_year() const { return first_year_; }
    int last_year() const { return last_year_; }
    int needed_year() const { return needed_year_; }

private:
    std::string calendar_;
    int first_year_;
    int last_year_;
    int needed_year_;
};

// A working day is a day that is not a weekend day and not a holiday, or a listed make-up workday.
class WorkingDayCalendar {
public:
    // Throws std::invalid_argument when the spec breaks the rules a calendar file is checked
    // against (see parse_calendar); files go through parse_calendar, which reports instead.
    explicit WorkingDayCalendar(CalendarSpec spec);

    const std::string& name() const { return spec_.name; }
    const std::string& title() const { return spec_.title; }
    int first_year() const { return spec_.first_year; }
    int last_year() const { return spec_.last_year; }
    Date first_day() const { return first_day_; }  // 1 January of first_year
    Date last_day() const;                         // 31 December of last_year
    const std::array<bool, 7>& weekend() const { return spec_.weekend; }
    // Every day that is not an ordinary weekday or weekend day: the day lines and the rules'
    // days, sorted by date.
    const std::vector<ListedDay>& listed_days() const { return spec_.days; }
    const std::vector<HolidayRule>& rules() const { return spec_.rules; }
    const std::vector<SourceNote>& sources() const { return spec_.sources; }
    // The sources that apply to `year`: those for every year, then the year's own, in file order.
    std::vector<std::string> sources_for(int year) const;
    const SourceLocation& declared_at() const { return spec_.declared_at; }

    bool covers(Date d) const;
    // The working days on or before d, counted from first_day() (d must be covered): each day's
    // ordinal in the SQL tables. working_day(k) is the working day with ordinal k, 1 <= k <=
    // working_day_count().
    int64_t ordinal(Date d) const { return ord_.at(static_cast<size_t>(d.days() - first_day_.days())); }
    size_t working_day_count() const { return working_days_.size(); }
    Date working_day(size_t k) const { return working_days_.at(k - 1); }
    // Requires covers(d); throws CalendarRangeError otherwise.
    bool is_working_day(Date d) const;

    // The n-th working day strictly after d (d itself never counts); for n < 0 the -n-th working
    // day strictly before d; n == 0 returns d. d must be covered (it anchors the count). Throws
    // CalendarRangeError naming the calendar and the year when d or the answer lies in an
    // uncovered year.
    Date add_working_days(Date d, int64_t n) const;

    // The working days counted from `from` (excluded) to `to` (included): those in (from, to]
    // when from <= to, minus those in [to, from) when to < from. So add_working_days(from, n)
    // == to gives count_working_days(from, to) == n, whichever the sign. Throws
    // CalendarRangeError when either day is not covered.
    int64_t count_working_days(Date from, Date to) const;

    // Every day in [from, to] (both inclusive) that is not a working day; empty when from > to.
    // Throws CalendarRangeError when the range leaves the covered years.
    std::vector<Date> non_working_days_between(Date from, Date to) const;

    // "holiday: 国庆节 National Day", "weekend", "make-up working day: 春节调休 ...", "working day".
    // Throws CalendarRangeError when d is not covered.
    std::string describe_day(Date d) const;
    // The listed day on d (a holiday, a make-up working day, or a rule's day), if any.
    const ListedDay* listed(Date d) const;

    // Every fact that decides the calendar's answers or explanations, in a fixed textual form
    // (the file's content without comments, layout or order). Two calendars with the same
    // canonical text answer every question alike.
    std::string canonical_text() const;

private:
    size_t index_of(Date d, const char* what) const;  // throws CalendarRangeError when uncovered
    int64_t ord_before(size_t index) const;           // working days before the covered day `index`

    CalendarSpec spec_;
    Date first_day_;
    std::map<int64_t, size_t> listed_index_;  // Date::days() -> index into spec_.days
    std::vector<int32_t> ord_;                // per covered day: working days on or before it
    std::vector<Date> working_days_;          // working_days_[k - 1] is the day with ord k
};

// Parses one calendar file's text. Every malformed line, unknown keyword, bad date or rule, date
// outside the `years` range, duplicate date or contradiction (a day line on a day a rule gives)
// is an E-CALENDAR diagnostic at file_name:line:col; returns nullopt when there is any.
std::optional<WorkingDayCalendar> parse_calendar(const std::string& text, const std::string& file_name,
                                                 DiagnosticBag& diagnostics);

// Reads and parses the file at path (diagnostics name the path as given).
std::optional<WorkingDayCalendar> load_calendar(const std::string& path, DiagnosticBag& diagnostics);

// The calendars a run can use, by name.
class CalendarSet {
public:
    // Loads every `*.calendar` file in dir (in file-name order). A file must be named after the
    // calendar it declares (CN.calendar declares `calendar CN`). Files with errors are reported
    // in diagnostics and left out; the rest are returned.
    static CalendarSet load_directory(const std::string& dir, DiagnosticBag& diagnostics);

    const WorkingDayCalendar* find(const std::string& name) const;
    std::vector<std::string> names() const;  // sorted
    bool empty() const { return calendars_.empty(); }
    size_t size() const { return calendars_.size(); }
    // Throws std::invalid_argument when a calendar of that name is already in the set.
    void add(WorkingDayCalendar calendar);

    // 16 hex digits (64-bit FNV-1a) over the canonical text of every calendar in name order:
    // stable across machines, paths and file layout; changes when any answer or description can.
    std::string fingerprint() const;

private:
    std::map<std::string, WorkingDayCalendar> calendars_;
};

// The default calendars folder (common/data_folders.h: environment, next to the binary, install
// prefix); throws InputError naming where it looked when there is none.
std::string bundled_calendar_directory();

}  // namespace recallguard::calendar
