// `recallguard validate DB`: checks a case database against the case-data model, read-only.
#include <iostream>

#include "cli/command.h"
#include "common/errors.h"
#include "schema/validator.h"

namespace recallguard::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
    auto* validate = app.add_subcommand("validate", "Check a case database against the case data model (read-only)");
    static std::string path;
    static std::string format = "text";
    static size_t max_per_check = 50;
    static int jobs = 0;
    static double busy_timeout = 5;
    static double timeout = kDefaultValidationSeconds;
    validate->add_option("DB", path, "Path of the database to check")->required();
    validate->add_option("--format", format, "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    validate->add_option("--max-per-check", max_per_check, "Problems listed per check and column (0 = all)")
        ->capture_default_str();
    validate
        ->add_option("--jobs", jobs,
                     "Tables are checked in parallel on this many connections, 1 to 256 (default: cores)")
        ->check(kJobsRange);
    validate
        ->add_option("--busy-timeout", busy_timeout,
                     "Seconds to wait for another process's lock on the database before failing (default 5)")
        ->check(positive_number(3600));
    validate
        ->add_option("--timeout", timeout,
                     "Stop after this many seconds: a table that never ends is an error, not a hang (default 600)")
        ->check(positive_number());
    validate->callback([&exit_code] {
        sqldb::Database::set_busy_timeout_ms(static_cast<int>(busy_timeout * 1000));
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
        const auto report = schema::validate_case_database(db, schema::Catalog::case_data_v1(), max_per_check,
                                                           jobs_or_cores(jobs), true, timeout);
        if (format == "json")
            std::cout << schema::render_validation_json(report, path)
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << "\n";
        else
            std::cout << schema::render_validation_text(report, path);
        exit_code = report.error_count() > 0 ? kExitFindings : kExitClean;
    });
}

}  // namespace recallguard::cli
