// `recallguard check-filing`: checks filings (JSON) against their schemas, the case database and the rules.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/output_file.h"
#include "cli/rule_input.h"
#include "cli/sarif_options.h"
#include "common/errors.h"
#include "engine/rule_loader.h"
#include "filing/check_filing.h"
#include "filing/filing.h"
#include "report/report.h"
#include "schema/validator.h"
#include "sqldb/sqlite.h"

namespace recallguard::cli {

namespace {

struct FilingFlags {
    std::vector<std::string> inputs;
    std::string db;
    std::string as_of;
    std::string format = "text";
    std::string output;
    std::string schemas;
    RuleOptions rule_options;
    std::vector<std::string> rule_ids, packages;
    int jobs = 0;
    std::string sarif_uri_base;
    std::string catalogue_url;
};

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void add_filing_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "check-filing",
        "Check filings (JSON) against their schema, the case database and the rules, before submitting them");
    static FilingFlags f;
    cmd->add_option("INPUTS", f.inputs, "Filing files (*.json), then rule files or folders")->required();
    cmd->add_option("--db", f.db, "The case database (SQLite); never written: the filings go into a temporary copy")
        ->required();
    cmd->add_option("--as-of", f.as_of, "Audit date YYYY-MM-DD (default: today, UTC); no filing may be dated after it");
    cmd->add_option("--format", f.format, "text, json, sarif or junit (default: text)")
        ->check(CLI::IsMember({"text", "json", "sarif", "junit"}, CLI::ignore_case));
    cmd->add_option("-o,--output", f.output, "Write the report to this file (whole or not at all)");
    cmd->add_option("--schemas", f.schemas,
                    "Folder of <kind>.schema.json files (default: the bundled schemas/filings)");
    add_rule_options(*cmd, f.rule_options);
    cmd->add_option("--rule", f.rule_ids, "Run only this rule (repeatable)")->allow_extra_args(false);
    cmd->add_option("--package", f.packages, "Run only this package (repeatable)")->allow_extra_args(false);
    cmd->add_option("--jobs", f.jobs,
                    "Validation and rules run in parallel on this many connections, 1 to 256 (default: cores)")
        ->check(kJobsRange);
    add_sarif_options(*cmd, f.sarif_uri_base, f.catalogue_url, nullptr);
    cmd->callback([&exit_code] {
        filing::CheckFilingOptions options;
        std::vector<std::string> rule_paths;
        for (const auto& input : f.inputs)
            (ends_with(input, ".json") ? options.filing_paths : rule_paths).push_back(input);
        if (options.filing_paths.empty())
            throw InputError("no filing given: filings are the arguments ending in .json");
        if (rule_paths.empty()) throw InputError("no rules given: name rule files or folders after the filings");

        // The intake's completeness rules live beside the filing schemas, apart from the
        // audit packs in rules/, so that a batch audit reports only the statutory rules.
        const std::string schema_dir = f.schemas.empty() ? filing::FilingSchemas::bundled_directory() : f.schemas;
        if (!std::filesystem::is_directory(schema_dir))
            throw InputError("--schemas " + schema_dir + ": " +
                             (std::filesystem::exists(schema_dir) ? "not a folder" : "no such folder") +
                             "; it names the folder of the <kind>.schema.json files");
        rule_paths.push_back(schema_dir);
        const auto load = load_options(rule_paths, f.rule_options);
        const auto loaded = load_checked_rules(load, "nothing was checked");
        {
            std::vector<std::string> inputs = loaded.files;
            for (const auto& file : options.filing_paths) inputs.push_back(file);
            for (const auto& file : calendar_files(f.rule_options.calendars)) inputs.push_back(file);
            std::error_code error;
            for (std::filesystem::directory_iterator it(schema_dir, error), end; !error && it != end;
                 it.increment(error))
                inputs.push_back(it->path().string());
            refuse_outputs_over_inputs({{"-o", f.output}}, inputs, {f.db});
        }
        const int jobs = jobs_or_cores(f.jobs);
        {
            // Findings on a database that breaks the data contract could not be trusted.
            auto db = sqldb::Database::open(f.db, sqldb::Database::Mode::ReadOnly);
            const auto validation = schema::validate_case_database(db, schema::Catalog::case_data_v1(), 50, jobs, true,
                                                                   kDefaultValidationSeconds);
            if (validation.error_count() > 0) {
                std::cerr << schema::render_validation_text(validation, f.db);
                std::cerr << "recallguard: the database does not follow the case data model; nothing was checked\n";
                exit_code = kExitBadInput;
                return;
            }
        }
        options.database = f.db;
        options.as_of = f.as_of;
        options.schema_directory = f.schemas;
        options.rule_ids = f.rule_ids;
        options.packages = f.packages;
        options.jobs = jobs;
        const auto result = filing::check_filings(loaded, options);

        std::string format = f.format;
        std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return std::tolower(c); });
        write_output(f.output, [&](std::ostream& out) {
            if (format == "text") return filing::write_filing_text(result, out);
            if (format == "json") return filing::write_filing_json(result, out);
            report::ReportOptions report_options;
            set_sarif_options(report_options, f.sarif_uri_base, f.catalogue_url, report::kSarifMaxResults);
            report::write_report(filing::filing_audit_report(result),
                                 format == "sarif" ? report::Format::Sarif : report::Format::Junit, out,
                                 report_options);
        });
        // Problems also go to stderr when the report is not text on stdout, so a CI log shows them.
        if (format != "text" || !f.output.empty())
            for (const auto& d : result.problems.sorted())
                std::cerr << d.location.to_string() << ": error[" << d.code << "]: " << d.message << "\n";
        exit_code = result.exit_code();
    });
}

}  // namespace recallguard::cli
