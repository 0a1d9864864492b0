// `recallguard calendar add|show|between`: working-day questions answered from a calendar, by hand.
#include <iostream>

#include "calendar/calendar_query.h"
#include "cli/command.h"
#include "common/errors.h"

namespace recallguard::cli {

namespace {

struct CalendarFlags {
    std::string directory;  // "" = the bundled calendars
    std::string calendar;
    std::string date, second_date;
    std::string days;  // N, parsed by the calendar library for its own error message
    int year = 0;
};

// Loads the calendars; problems in calendar files are shown on stderr, and a calendar with none
// still answers.
calendar::CalendarSet load(const CalendarFlags& f, std::string& directory, std::string& where) {
    directory = f.directory.empty() ? calendar::bundled_calendar_directory() : f.directory;
    where = f.directory.empty() ? "the bundled calendars" : "the calendars in " + f.directory;
    DiagnosticBag diagnostics;
    auto calendars = calendar::CalendarSet::load_directory(directory, diagnostics);
    std::cerr << calendar::render_calendar_diagnostics(diagnostics);
    return calendars;
}

// Runs one question; a year the calendar does not cover is bad input, exit 2, like a bad date.
template <typename Answer>
void answer(const CalendarFlags& f, int& exit_code, Answer&& ask) {
    std::string directory, where;
    const auto calendars = load(f, directory, where);
    const auto& calendar = calendar::find_calendar(calendars, f.calendar, where, directory);
    try {
        std::cout << ask(calendar);
    } catch (const calendar::CalendarRangeError& e) {
        throw InputError(e.what());
    }
    exit_code = kExitClean;
}

}  // namespace

void add_calendar_command(CLI::App& app, int& exit_code) {
    static CalendarFlags f;
    auto* command =
        app.add_subcommand("calendar", "Answer working-day questions from a calendar, to check a deadline by hand");
    command->require_subcommand(1);
    command->fallthrough();
    command->add_option("--calendars", f.directory, "Folder of *.calendar files (default: the bundled calendars)");

    auto* add =
        command->add_subcommand("add", "The date N working days after DATE (N < 0: before), with the days skipped");
    add->add_option("CALENDAR", f.calendar, "The calendar, e.g. CN")->required();
    add->add_option("DATE", f.date, "The day counted from (it never counts itself), YYYY-MM-DD")->required();
    add->add_option("N", f.days, "Working days to count; negative counts back")->required();
    add->callback([&exit_code] {
        const Date start = calendar::parse_date_argument(f.date, "DATE");
        const int64_t n = calendar::parse_count_argument(f.days, "N");
        answer(f, exit_code, [&](const auto& c) { return calendar::explain_addition(c, start, n); });
    });

    auto* show = command->add_subcommand("show", "A year's holidays and make-up working days, with their source");
    show->add_option("CALENDAR", f.calendar, "The calendar, e.g. CN")->required();
    show->add_option("YEAR", f.year, "The year")->required();
    show->callback(
        [&exit_code] { answer(f, exit_code, [&](const auto& c) { return calendar::explain_year(c, f.year); }); });

    auto* between = command->add_subcommand("between", "The working days from DATE1 (excluded) to DATE2 (included)");
    between->add_option("CALENDAR", f.calendar, "The calendar, e.g. CN")->required();
    between->add_option("DATE1", f.date, "The day counted from (excluded), YYYY-MM-DD")->required();
    between->add_option("DATE2", f.second_date, "The day counted to (included), YYYY-MM-DD")->required();
    between->callback([&exit_code] {
        const Date from = calendar::parse_date_argument(f.date, "DATE1");
        const Date to = calendar::parse_date_argument(f.second_date, "DATE2");
        answer(f, exit_code, [&](const auto& c) { return calendar::explain_count(c, from, to); });
    });
}

}  // namespace recallguard::cli
