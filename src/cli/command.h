// How subcommands plug into the CLI: each file adds one subcommand and sets the exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>

namespace recallguard::cli {

// The connections a `--jobs` option asks for: the number given, or one per core when it is not.
inline int jobs_or_cores(int requested) {
    return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// A number option's value must be finite: CLI11 reads "nan" and "inf", and a range check
// lets NaN through (no comparison with it is true). Put before any CLI::Range.
inline const CLI::Validator kFiniteNumber(
    [](std::string& text) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0') return std::string("'" + text + "' is not a number");
        if (!std::isfinite(value)) return std::string("'" + text + "' is not a finite number");
        return std::string();
    },
    "FINITE");

// Every subcommand registers itself on `app`; its callback stores the process exit
// code (see common/errors.h) in `exit_code`.
void add_schema_commands(CLI::App& app, int& exit_code);   // schema, init
void add_validate_command(CLI::App& app, int& exit_code);  // validate
void add_ingest_command(CLI::App& app, int& exit_code);    // ingest
void add_lint_command(CLI::App& app, int& exit_code);      // lint
void add_fmt_command(CLI::App& app, int& exit_code);       // fmt
void add_check_command(CLI::App& app, int& exit_code);     // check
void add_explain_commands(CLI::App& app, int& exit_code);  // explain, why
void add_test_command(CLI::App& app, int& exit_code);      // test
void add_doc_command(CLI::App& app, int& exit_code);       // doc
void add_diff_command(CLI::App& app, int& exit_code);      // diff
void add_generate_command(CLI::App& app, int& exit_code);  // generate
void add_filing_command(CLI::App& app, int& exit_code);    // check-filing
void add_lsp_command(CLI::App& app, int& exit_code);       // lsp
void add_calendar_command(CLI::App& app, int& exit_code);  // calendar add|show|between

}  // namespace recallguard::cli
