#include "calendar/calendar.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "calendar/calendar_format.h"
#include "common/data_folders.h"
#include "common/fingerprint.h"

namespace recallguard::calendar {
namespace {

std::string covered_years(int first_year, int last_year) {
    if (first_year == last_year) return std::to_string(first_year);
    return std::to_string(first_year) + "\u2013" + std::to_string(last_year);
}

}  // namespace

CalendarRangeError::CalendarRangeError(const std::string& calendar, int first_year, int last_year, int needed_year,
                                       const std::string& detail)
    : std::runtime_error("calendar " + calendar + " covers " + covered_years(first_year, last_year) + "; " +
                         (detail.empty() ? "the deadline needs " + std::to_string(needed_year) : detail)),
      calendar_(calendar),
      first_year_(first_year),
      last_year_(last_year),
      needed_year_(needed_year) {}

WorkingDayCalendar::WorkingDayCalendar(CalendarSpec spec) : spec_(std::move(spec)) {
    if (!is_valid_calendar_name(spec_.name))
        throw std::invalid_argument("calendar name '" + spec_.name + "' is not a name (letters, digits, _ or -)");
    if (spec_.first_year < kMinYear || spec_.last_year > kMaxYear || spec_.first_year > spec_.last_year ||
        spec_.last_year - spec_.first_year >= kMaxCoveredYears)
        throw std::invalid_argument("calendar " + spec_.name + ": years " + std::to_string(spec_.first_year) + " " +
                                    std::to_string(spec_.last_year) + " are not a valid range");
    for (const SourceNote& source : spec_.sources)
        if (source.year && (*source.year < spec_.first_year || *source.year > spec_.last_year))
            throw std::invalid_argument("calendar " + spec_.name + ": a source for " + std::to_string(*source.year) +
                                        ", outside its years");

    first_day_ = Date::from_ymd(spec_.first_year, 1, 1);
    for (size_t i = 0; i < spec_.days.size(); ++i) {
        const ListedDay& day = spec_.days[i];
        if (day.date.year() < spec_.first_year || day.date.year() > spec_.last_year)
            throw std::invalid_argument("calendar " + spec_.name + ": " + day.date.to_string() +
                                        " is outside its years");
        if (!listed_index_.emplace(day.date.days(), i).second)
            throw std::invalid_argument("calendar " + spec_.name + ": " + day.date.to_string() + " is listed twice");
        if (day.kind == DayKind::MakeUpWorkday && !spec_.weekend[day.date.weekday()])
            throw std::invalid_argument("calendar " + spec_.name + ": make-up working day " + day.date.to_string() +
                                        " is not a weekend day");
    }
    for (const RuleDay& day : expand_rules(spec_.rules, spec_.first_year, spec_.last_year)) {
        if (listed_index_.count(day.date.days()))
            throw std::invalid_argument("calendar " + spec_.name + ": " + day.date.to_string() +
                                        " is listed and given by the rule '" + spec_.rules[day.rule].name + "'");
        spec_.days.push_back(ListedDay{day.date, DayKind::Holiday, day.description, day.rule});
    }
    std::sort(spec_.days.begin(), spec_.days.end(),
              [](const ListedDay& a, const ListedDay& b) { return a.date < b.date; });
    listed_index_.clear();
    for (size_t i = 0; i < spec_.days.size(); ++i) listed_index_.emplace(spec_.days[i].date.days(), i);

    // Prefix counts make "n working days after d" a lookup: the answer has ord(d) + n.
    const auto day_count = static_cast<size_t>(last_day().days() - first_day_.days() + 1);
    ord_.reserve(day_count);
    int32_t ord = 0;
    for (size_t i = 0; i < day_count; ++i) {
        const Date d = first_day_.plus_days(static_cast<int64_t>(i));
        const ListedDay* entry = listed(d);
        const bool working = entry ? entry->kind == DayKind::MakeUpWorkday : !spec_.weekend[d.weekday()];
        if (working) {
            ++ord;
            working_days_.push_back(d);
        }
        ord_.push_back(ord);
    }
}

Date WorkingDayCalendar::last_day() const {
    return Date::from_ymd(spec_.last_year, 12, 31);
}

bool WorkingDayCalendar::covers(Date d) const {
    return d >= first_day_ && d <= last_day();
}

const ListedDay* WorkingDayCalendar::listed(Date d) const {
    const auto it = listed_index_.find(d.days());
    return it == listed_index_.end() ? nullptr : &spec_.days[it->second];
}

size_t WorkingDayCalendar::index_of(Date d, const char* what) const {
    if (!covers(d))
        throw CalendarRangeError(spec_.name, spec_.first_year, spec_.last_year, d.year(),
                                 std::string(what) + " " + d.to_string() + " is in " + std::to_string(d.year()));
    return static_cast<size_t>(d.days() - first_day_.days());
}

bool WorkingDayCalendar::is_working_day(Date d) const {
    const size_t i = index_of(d, "the day");
    return ord_[i] != ord_before(i);
}

std::vector<std::string> WorkingDayCalendar::sources_for(int year) const {
    std::vector<std::string> out;
    for (const SourceNote& source : spec_.sources)
        if (!source.year) out.push_back(source.text);
    for (const SourceNote& source : spec_.sources)
        if (source.year == year) out.push_back(source.text);
    return out;
}

int64_t WorkingDayCalendar::ord_before(size_t index) const {
    return index == 0 ? 0 : ord_[index - 1];
}

Date WorkingDayCalendar::add_working_days(Date d, int64_t n) const {
    if (!covers(d))
        throw CalendarRangeError(
            spec_.name, spec_.first_year, spec_.last_year, d.year(),
            "the deadline counts from " + d.to_string() + ", which needs " + std::to_string(d.year()));
    if (n == 0) return d;
    // More working days than the calendar has is past either end (and keeps the sums below small).
    const auto count = static_cast<int64_t>(working_days_.size());
    if (n > count) throw CalendarRangeError(spec_.name, spec_.first_year, spec_.last_year, spec_.last_year + 1);
    if (n < -count) throw CalendarRangeError(spec_.name, spec_.first_year, spec_.last_year, spec_.first_year - 1);
    const size_t i = static_cast<size_t>(d.days() - first_day_.days());
    // Backwards, the first working day before d has d's own ord when d is not a working day.
    const int64_t target = n > 0 ? ord_[i] + n : ord_before(i) + n + 1;
    if (target > static_cast<int64_t>(working_days_.size()))
        throw CalendarRangeError(spec_.name, spec_.first_year, spec_.last_year, spec_.last_year + 1);
    if (target < 1) throw CalendarRangeError(spec_.name, spec_.first_year, spec_.last_year, spec_.first_year - 1);
    return working_days_[static_cast<size_t>(target - 1)];
}

int64_t WorkingDayCalendar::count_working_days(Date from, Date to) const {
    const size_t i = index_of(from, "the count starts on");
    const size_t j = index_of(to, "the count ends on");
    if (from <= to) return ord_[j] - ord_[i];
    return -(ord_before(i) - ord_before(j));
}

std::vector<Date> WorkingDayCalendar::non_working_days_between(Date from, Date to) const {
    std::vector<Date> out;
    if (from > to) return out;
    index_of(from, "the range starts on");
    index_of(to, "the range ends on");
    for (Date d = from; d <= to; d = d.plus_days(1))
        if (!is_working_day(d)) out.push_back(d);
    return out;
}

std::string WorkingDayCalendar::describe_day(Date d) const {
    index_of(d, "the day");
    if (const ListedDay* entry = listed(d)) {
        return entry->kind == DayKind::Holiday ? "holiday: " + entry->description
                                               : "make-up working day: " + entry->description;
    }
    return spec_.weekend[d.weekday()] ? "weekend" : "working day";
}

std::string WorkingDayCalendar::canonical_text() const {
    std::string text = "calendar " + spec_.name + "\ntitle " + spec_.title + "\nweekend";
    for (unsigned w = 0; w < 7; ++w)
        if (spec_.weekend[w]) text += std::string(" ") + kWeekdayNames[w];
    text += "\nyears " + std::to_string(spec_.first_year) + " " + std::to_string(spec_.last_year) + "\n";
    for (const SourceNote& source : spec_.sources)
        text += "source " + (source.year ? std::to_string(*source.year) + " " : std::string()) + source.text + "\n";
    // The rules' days, not the rules: what decides answers and explanations is the days.
    for (const ListedDay& day : spec_.days) {
        text +=
            day.date.to_string() + (day.kind == DayKind::Holiday ? " holiday " : " workday ") + day.description + "\n";
    }
    return text;
}

const WorkingDayCalendar* CalendarSet::find(const std::string& name) const {
    const auto it = calendars_.find(name);
    return it == calendars_.end() ? nullptr : &it->second;
}

std::vector<std::string> CalendarSet::names() const {
    std::vector<std::string> out;
    for (const auto& [name, calendar] : calendars_) out.push_back(name);
    return out;
}

void CalendarSet::add(WorkingDayCalendar calendar) {
    const std::string name = calendar.name();
    if (!calendars_.emplace(name, std::move(calendar)).second)
        throw std::invalid_argument("calendar " + name + " is already in the set");
}

std::string CalendarSet::fingerprint() const {
    Fingerprint hash;
    for (const auto& [name, calendar] : calendars_) hash.add_field(calendar.canonical_text());
    return hash.hex();
}

CalendarSet CalendarSet::load_directory(const std::string& dir, DiagnosticBag& diagnostics) {
    namespace fs = std::filesystem;
    CalendarSet set;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        diagnostics.error(DiagnosticCode::Calendar, SourceLocation{dir, 0, 0}, "calendar directory not found");
        return set;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, error))
        if (entry.path().extension() == ".calendar") files.push_back(entry.path());
    if (error) {
        diagnostics.error(DiagnosticCode::Calendar, SourceLocation{dir, 0, 0},
                          "cannot list calendar directory: " + error.message());
        return set;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        diagnostics.error(DiagnosticCode::Calendar, SourceLocation{dir, 0, 0}, "no *.calendar files in the directory");
        return set;
    }
    for (const fs::path& file : files) {
        auto calendar = load_calendar(file.string(), diagnostics);
        if (!calendar) continue;
        const std::string stem = file.stem().string();
        if (calendar->name() != stem) {
            // Rules name calendars, people open files: the two must agree.
            diagnostics.error(DiagnosticCode::Calendar, calendar->declared_at(),
                              "file " + file.filename().string() + " declares calendar '" + calendar->name() +
                                  "'; rename the file to " + calendar->name() + ".calendar or the calendar to '" +
                                  stem + "'",
                              static_cast<int>(calendar->name().size()));
            continue;
        }
        set.add(std::move(*calendar));
    }
    return set;
}

std::string bundled_calendar_directory() {
    return find_data_folder(DataFolder::Calendars);
}

}  // namespace recallguard::calendar
