// `recallguard check`: audits a case database with rule packs and reports the findings.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <limits>

#include "cli/command.h"
#include "cli/output_file.h"
#include "cli/rule_input.h"
#include "cli/sarif_options.h"
#include "common/data_folders.h"
#include "common/errors.h"
#include "engine/audit.h"
#include "engine/compare.h"
#include "engine/findings_store.h"
#include "engine/rule_loader.h"
#include "report/report.h"
#include "schema/validator.h"

namespace recallguard::cli {

namespace {

struct CheckFlags {
    std::string db;
    std::string as_of;
    std::vector<std::string> rule_ids, packages, paths;
    RuleOptions rule_options;
    std::string format;
    std::string color = "auto";
    std::string uri_base;
    std::string catalogue_url;
    size_t sarif_max_results = report::kSarifMaxResults;
    std::string output;
    std::string fail_on = "low";
    bool include_pending = false;
    int jobs = 0;
    int64_t max_findings = 0;
    double rule_timeout = 0;
    double busy_timeout = 5;
    bool timings = false;
    bool no_validate = false;
    std::string store;
    std::string baseline;
    int64_t baseline_run = 0;
};

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto* check = app.add_subcommand("check", "Audit a case database against rule packs and report the findings");
    static CheckFlags f;
    check->add_option("RULES", f.paths,
                      "Rule files or folders (default: the standard rule packs, $RECALLGUARD_RULES or installed)");
    check->add_option("--db", f.db, "The case database (SQLite) to audit; opened read-only")->required();
    check->add_option("--as-of", f.as_of, "Audit date YYYY-MM-DD (default: today)");
    check->add_option("--rule", f.rule_ids, "Run only this rule (repeatable)")->allow_extra_args(false);
    check->add_option("--package", f.packages, "Run only this package (repeatable)")->allow_extra_args(false);
    add_rule_options(*check, f.rule_options);
    check->add_option("--format", f.format, "text, json, jsonl, csv, sarif, junit or html (default: text)");
    check->add_option("-o,--output", f.output, "Write the report to this file (whole or not at all)");
    check
        ->add_option("--color", f.color,
                     "Colour the text report: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, "
                     "never (default: auto)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_sarif_options(*check, f.uri_base, f.catalogue_url, &f.sarif_max_results);
    check->add_option("--fail-on", f.fail_on, "Exit 1 when a finding has this severity or higher")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
    check->add_flag("--include-pending", f.include_pending, "Also report obligations not yet due (status pending)");
    check
        ->add_option("--jobs", f.jobs,
                     "Validation and rules run in parallel on this many connections, 1 to 256 (default: cores)")
        ->check(kJobsRange);
    check->add_option("--max-findings", f.max_findings, "Stop a rule after this many findings (reported as such)")
        ->check(CLI::Range(int64_t{1}, std::numeric_limits<int64_t>::max()));
    check
        ->add_option("--rule-timeout", f.rule_timeout,
                     "Stop a rule after this many seconds (reported as such); also bounds validation (default 600 s)")
        ->check(positive_number());
    check
        ->add_option("--busy-timeout", f.busy_timeout,
                     "Seconds to wait for another process's lock on the database before failing (default 5)")
        ->check(positive_number(3600));
    check->add_flag("--timings", f.timings, "Include per-rule timings in the report");
    check->add_option("--store", f.store, "Append this run and its findings to a findings database (one transaction)");
    check->add_option("--baseline", f.baseline,
                      "A JSON report of an earlier run: mark findings new/unchanged/updated/absent");
    check->add_option("--baseline-run", f.baseline_run, "A run stored with --store (needs --store): the baseline")
        ->check(CLI::Range(int64_t{1}, std::numeric_limits<int64_t>::max()));
    check->add_flag("--no-validate", f.no_validate, "Audit even a database that fails `recallguard validate`");
    check->callback([&exit_code] {
        const auto format = report::parse_format(f.format.empty() ? "text" : f.format);
        if (!format) throw InputError("unknown --format '" + f.format + "'");
        // No rules given: the standard packs (common/data_folders.h says where they are found).
        if (f.paths.empty()) f.paths.push_back(find_data_folder(DataFolder::Rules));
        const auto load = load_options(f.paths, f.rule_options);
        sqldb::Database::set_busy_timeout_ms(static_cast<int>(f.busy_timeout * 1000));
        const auto loaded = load_checked_rules(load, "nothing was checked");
        {
            // Neither the report nor the store may land on an input: refused before anything is written.
            std::vector<std::string> inputs = loaded.files;
            for (const auto& file : calendar_files(f.rule_options.calendars)) inputs.push_back(file);
            if (!f.baseline.empty()) inputs.push_back(f.baseline);
            refuse_outputs_over_inputs({{"-o", f.output}, {"--store", f.store}}, inputs, {f.db});
        }
        const int jobs = jobs_or_cores(f.jobs);
        if (!f.no_validate) {
            // A database that breaks the data contract would give findings nobody can trust.
            auto db = sqldb::Database::open(f.db, sqldb::Database::Mode::ReadOnly);
            // A damaged file fails part-way through validation, with an error naming the file and table.
            const auto validation =
                schema::validate_case_database(db, schema::Catalog::case_data_v1(), 50, jobs, true,
                                               f.rule_timeout > 0 ? f.rule_timeout : kDefaultValidationSeconds);
            if (validation.error_count() > 0) {
                std::cerr << schema::render_validation_text(validation, f.db);
                std::cerr << "recallguard: the database does not follow the case data model; nothing was checked "
                             "(--no-validate audits it anyway)\n";
                exit_code = kExitBadInput;
                return;
            }
        }
        engine::AuditOptions options;
        options.database = f.db;
        options.as_of = f.as_of.empty() ? engine::today() : f.as_of;
        options.include_pending = f.include_pending;
        options.jobs = jobs;
        options.rule_ids = f.rule_ids;
        options.packages = f.packages;
        options.max_findings = f.max_findings;
        options.rule_timeout_seconds = f.rule_timeout;
        const bool progress = isatty(STDERR_FILENO);
        if (progress)
            options.on_rule_finished = [](size_t finished, size_t total, const std::string& rule_id) {
                const size_t width = 30, filled = width * finished / total;
                std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << finished
                          << "/" << total << " rules  " << rule_id << "                    " << std::flush;
            };
        auto audit = engine::run_audit(loaded, options);
        if (progress) std::cerr << "\r" << std::string(80, ' ') << "\r" << std::flush;
        const bool with_baseline = !f.baseline.empty() || f.baseline_run > 0;
        if (f.baseline_run > 0 && f.store.empty()) throw InputError("--baseline-run needs --store FINDINGS.sqlite");
        // Read the baseline before storing, so a run is never its own baseline.
        std::vector<findings::Finding> baseline;
        if (!f.baseline.empty())
            baseline = engine::read_json_findings(f.baseline);
        else if (f.baseline_run > 0)
            baseline = engine::load_stored_run(f.store, f.baseline_run);
        if (!f.store.empty()) {
            const int64_t run_id = engine::store_run(f.store, audit);
            std::cerr << "recallguard: stored as run " << run_id << " in " << f.store << "\n";
        }
        if (with_baseline) engine::apply_baseline(audit, baseline);

        report::ReportOptions report_options;
        const bool to_terminal = f.output.empty() && isatty(STDOUT_FILENO);
        report_options.color = *format == report::Format::Text &&
                               report::use_color(report::parse_color_mode(f.color).value_or(report::ColorMode::Auto),
                                                 to_terminal, std::getenv("NO_COLOR"), std::getenv("TERM"));
        report_options.include_timings = f.timings;
        set_sarif_options(report_options, f.uri_base, f.catalogue_url, f.sarif_max_results);
        if (*format == report::Format::Sarif && f.sarif_max_results > 0 && audit.findings.size() > f.sarif_max_results)
            std::cerr << "recallguard: " << report::sarif_truncation_message(audit.findings.size(), f.sarif_max_results)
                      << "\n";
        write_output(f.output, [&](std::ostream& out) { report::write_report(audit, *format, out, report_options); });

        const auto threshold = findings::parse_severity(f.fail_on).value_or(findings::Severity::Low);
        bool failing = false;
        for (const auto& finding : audit.findings) {
            // With a baseline, only what is new (or changed) fails the pipeline.
            const bool counts =
                !with_baseline || finding.baseline_state == "new" || finding.baseline_state == "updated";
            failing =
                failing || (counts && finding.severity >= threshold && finding.status != findings::Status::Pending);
        }
        bool rule_errors = false;
        for (const auto& status : audit.statuses) {
            if (status.state != findings::RuleRunStatus::State::Error) continue;
            rule_errors = true;
            std::cerr << "recallguard: rule " << status.rule_id << " did not complete: " << status.detail << "\n";
        }
        exit_code = rule_errors ? kExitBadInput : failing ? kExitFindings : kExitClean;
    });
}

}  // namespace recallguard::cli
