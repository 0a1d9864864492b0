// How subcommands plug into the CLI: each file adds one subcommand and sets the exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
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

// A number option's value must be finite, more than zero and at most `max`: a time limit of 0 s
// or less would stop everything, or nothing. One message for the first thing wrong.
inline CLI::Validator positive_number(double max = std::numeric_limits<double>::max()) {
    return CLI::Validator(
        [max](std::string& text) {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0') return std::string("'" + text + "' is not a number");
            if (!std::isfinite(value)) return std::string("'" + text + "' is not a finite number");
            if (!(value > 0)) return std::string("'" + text + "' must be greater than 0");
            if (value > max)
                return "'" + text + "' is more than the maximum of " + std::to_string(static_cast<long long>(max));
            return std::string();
        },
        "POSITIVE");
}

// --jobs: at least one connection, at most this many (SQLite connections, threads).
constexpr int kMaxJobs = 256;
inline const CLI::Range kJobsRange(1, kMaxJobs);

// How long validation may run when no --rule-timeout (check) or --timeout (validate) is given:
// a case table that never ends (a recursive view) must not hang the audit. Validating 10
// million rows takes about a minute.
constexpr double kDefaultValidationSeconds = 600;

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
