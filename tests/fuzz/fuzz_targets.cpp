#include "fuzz_targets.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "calendar/calendar.h"
#include "checker/checker.h"
#include "common/errors.h"
#include "compiler/compile.h"
#include "filing/filing.h"
#include "parser/parse.h"
#include "schema/catalog.h"
#include "schema/csv_reader.h"
#include "schema/ingest_rows.h"

namespace recallguard::fuzz {

const std::vector<std::string>& target_names() {
    static const std::vector<std::string> names{"rules", "calendar", "ingest", "filing"};
    return names;
}

void run_target(const std::string& target, const std::string& input) {
    if (target == "rules")
        run_rules_input(input);
    else if (target == "calendar")
        run_calendar_input(input);
    else if (target == "ingest")
        run_ingest_input(input);
    else if (target == "filing")
        run_filing_input(input);
    else
        throw std::invalid_argument("unknown fuzz target '" + target + "'");
}

void run_rules_input(const std::string& input) {
    DiagnosticBag diagnostics;
    auto file = std::make_unique<ast::RuleFile>(parser::parse_rule_file("fuzz.rules", input, diagnostics));
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    files.push_back(std::move(file));
    checker::CheckOptions options;
    options.calendars = {"CN", "US"};
    const auto& catalog = schema::Catalog::case_data_v1();
    const auto program = checker::check_program(std::move(files), catalog, options, diagnostics);
    // Rendering is what the user sees: it must cope with any location the parser reports.
    for (const auto& diagnostic : diagnostics.sorted()) (void)render_diagnostic(diagnostic, input);
    if (diagnostics.has_errors()) return;
    const compiler::CompileOptions compile_options{"2025-06-30", false, std::nullopt};
    for (const auto& rule : program.rules) (void)compiler::compile_rule(*rule, catalog, compile_options);
}

void run_calendar_input(const std::string& input) {
    DiagnosticBag diagnostics;
    const auto calendar = calendar::parse_calendar(input, "fuzz.calendar", diagnostics);
    for (const auto& diagnostic : diagnostics.sorted()) (void)render_diagnostic(diagnostic, input);
    if (!calendar) return;
    (void)calendar->canonical_text();
    const Date first = calendar->first_day();
    const Date last = calendar->last_day();
    for (int n = 0; n < 40; n += 7) {
        try {
            const Date due = calendar->add_working_days(first, n);
            (void)calendar->describe_day(due);
            (void)calendar->non_working_days_between(first, due);
            (void)calendar->count_working_days(first, due);
        } catch (const calendar::CalendarRangeError&) {
            // A tiny calendar may not hold n working days: reported, never guessed.
        }
        try {
            const Date back = calendar->add_working_days(last, -n);
            (void)calendar->count_working_days(last, back);
        } catch (const calendar::CalendarRangeError&) {
        }
    }
    for (const int year : {calendar->first_year(), calendar->last_year()}) (void)calendar->sources_for(year);
}

void run_ingest_input(const std::string& input) {
    const auto& catalog = schema::Catalog::case_data_v1();
    const size_t newline = input.find('\n');
    const std::string first_line = input.substr(0, newline);
    const schema::Table* table = catalog.find_table(first_line);
    std::string text = input;
    if (table)
        text = newline == std::string::npos ? std::string() : input.substr(newline + 1);
    else
        table = &catalog.tables()[input.size() % catalog.tables().size()];

    (void)schema::parse_csv(text);
    std::vector<schema::PlacedProblem> problems;
    (void)schema::read_csv_rows(text, "fuzz.csv", 0, *table, problems);
    try {
        (void)schema::read_json_rows(text, "fuzz.json", 1, *table, problems);
    } catch (const InputError&) {
        // Not JSON, or not an array: the documented way to refuse the file.
    }
}

void run_filing_input(const std::string& input) {
    // load_filing reads a path (it checks the size before reading), so the input goes to a
    // file of this process's own first.
    static const filing::FilingSchemas schemas =
        filing::FilingSchemas::load(filing::FilingSchemas::bundled_directory());
    // Removed when the process exits normally (a crash leaves it, beside the crash input).
    struct ScratchFile {
        std::string path;
        ~ScratchFile() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    };
    static const ScratchFile scratch{
        (std::filesystem::temp_directory_path() / ("recallguard-fuzz-filing-" + std::to_string(getpid()) + ".json"))
            .string()};
    const std::string& path = scratch.path;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << input;
    }
    (void)filing::load_filing(path, schemas);
}

}  // namespace recallguard::fuzz
