// `recallguard generate`: writes a synthetic case database (flags and output; the logic is in src/generate/).
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "cli/command.h"
#include "common/errors.h"
#include "generate/generator.h"

namespace recallguard::cli {

void add_generate_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "generate", "Write a synthetic case database (reproducible from --seed; never overwrites a file)");
    static generate::GenerateOptions options;
    static std::string as_of = options.as_of.to_string();
    cmd->add_option("--out", options.out, "Path of the database to create")->required();
    cmd->add_option("--companies", options.companies, "Number of companies (about 500 rows each)")->required();
    cmd->add_option("--seed", options.seed, "Seed of the pseudo-random generator (0 to 2^64-1)")
        ->required()
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
                    return "'" + value + "' is not a whole number from 0 to 18446744073709551615";
                return "";
            },
            "UINT64"));
    cmd->add_option("--as-of", as_of, "Snapshot date YYYY-MM-DD: no row is dated after it")->capture_default_str();
    cmd->add_option("--violation-rate", options.violation_rate,
                    "Share of obligations breached (late or missing filings, prohibited sales, ...)")
        ->capture_default_str();
    cmd->add_flag("!--no-indexes", options.secondary_indexes,
                  "Leave out the data model's secondary indexes (only primary keys, as in files exported elsewhere)");
    cmd->callback([&exit_code] {
        const auto date = Date::parse(as_of);
        if (!date) throw InputError("--as-of: '" + as_of + "' is not a date (YYYY-MM-DD)");
        options.as_of = *date;
        const auto summary = generate::generate_case_database(options);
        std::cout << fmt::format("wrote {}: {} companies, seed {}, as of {}, violation rate {}\n", options.out,
                                 options.companies, options.seed, options.as_of.to_string(), options.violation_rate);
        for (const auto& t : summary.tables) std::cout << fmt::format("  {:<18} {:>10}\n", t.table, t.rows);
        std::cout << fmt::format("  {:<18} {:>10}  ({:.2f} s, {:.0f} rows/s)\n", "total", summary.total_rows,
                                 summary.seconds, summary.total_rows / std::max(summary.seconds, 1e-9));
        exit_code = kExitClean;
    });
}

}  // namespace recallguard::cli
