// `recallguard test [RULES...]`: runs the rule packs' *.ruletest files and reports pass/fail and coverage.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/output_file.h"
#include "cli/rule_input.h"
#include "common/errors.h"
#include "engine/rule_loader.h"
#include "ruletest/suite.h"

namespace recallguard::cli {

namespace {

struct TestFlags {
    std::vector<std::string> paths;
    std::vector<std::string> tests;
    std::string format = "text";
    std::string output;
    RuleOptions rule_options;
    bool coverage = false;
    double min_coverage = -1;
};

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
    auto* test = app.add_subcommand("test", "Run the rule tests (*.ruletest) of rule packs and report coverage");
    static TestFlags f;
    test->add_option("RULES", f.paths,
                     "Rule files or folders; *.ruletest files under the folders are run (default: rules/)");
    test->add_option("--tests", f.tests, "Also run the *.ruletest files in this folder or file (repeatable)");
    test->add_option("--format", f.format, "text or junit (JUnit XML, one testcase per test)")
        ->check(CLI::IsMember({"text", "junit"}));
    test->add_option("-o,--output", f.output, "Write the JUnit XML to this file (whole or not at all)");
    add_rule_options(*test, f.rule_options);
    test->add_flag("--coverage", f.coverage, "Report which rules and statuses the tests reach");
    test->add_option("--min-coverage", f.min_coverage,
                     "Fail when fewer than this percentage of (rule, status) pairs are covered")
        ->check(kFiniteNumber & CLI::Range(0.0, 100.0));
    test->callback([&exit_code] {
        if (!f.output.empty() && f.format != "junit")
            throw InputError("-o writes the JUnit XML; add --format junit (the text report goes to stdout)");
        if (f.paths.empty()) {
            if (!std::filesystem::is_directory("rules"))
                throw InputError("no RULES given and no rules/ folder here; name the rule files or folders to test");
            f.paths.push_back("rules");
        }
        const auto load = load_options(f.paths, f.rule_options);
        const auto loaded = load_checked_rules(load, "no test was run");
        std::vector<std::string> search = f.tests;
        for (const auto& path : f.paths)
            if (std::filesystem::is_directory(path)) search.push_back(path);
        const auto files = ruletest::find_test_files(search);
        if (files.empty())
            throw InputError(
                "no *.ruletest files found: name rule folders (the *.ruletest files under them are run) or use "
                "--tests");

        std::vector<std::string> inputs = loaded.files;
        for (const auto& file : files) inputs.push_back(file);
        for (const auto& file : calendar_files(f.rule_options.calendars)) inputs.push_back(file);
        refuse_outputs_over_inputs({{"-o", f.output}}, inputs);

        auto suite = ruletest::load_suite(files);
        ruletest::check_suite_rules(suite, loaded.program);
        if (!suite.diagnostics.empty()) std::cerr << ruletest::render_suite_diagnostics(suite);
        if (suite.diagnostics.has_errors()) {
            std::cerr << "recallguard: the test files have " << suite.diagnostics.error_count()
                      << " errors; no test was run\n";
            exit_code = kExitBadInput;
            return;
        }

        // With JUnit on stdout, the human-readable lines go to stderr so the XML stays clean.
        const bool junit = f.format == "junit";
        std::ostream& progress = junit && (f.output.empty() || f.output == "-") ? std::cerr : std::cout;
        const auto outcomes = ruletest::run_suite(load, loaded, suite, [&](const ruletest::TestOutcome& outcome) {
            progress << ruletest::outcome_line(outcome) << std::flush;
        });
        if (junit) write_output(f.output, [&](std::ostream& out) { ruletest::write_junit(outcomes, out); });

        bool coverage_ok = true;
        if (f.coverage || f.min_coverage >= 0) {
            const auto coverage = ruletest::compute_coverage(loaded.program, suite);
            if (f.coverage) ruletest::write_coverage(coverage, progress);
            if (f.min_coverage >= 0 && coverage.percent() + 1e-9 < f.min_coverage) {
                coverage_ok = false;
                progress << "coverage " << coverage.percent() << "% is below --min-coverage " << f.min_coverage
                         << "%\n";
            }
        }
        progress << ruletest::summary_line(outcomes) << "\n";

        bool errors = false, failures = false;
        for (const auto& outcome : outcomes) {
            errors = errors || outcome.result == ruletest::TestOutcome::Result::Error;
            failures = failures || outcome.result == ruletest::TestOutcome::Result::Fail;
        }
        exit_code = errors ? kExitBadInput : (failures || !coverage_ok) ? kExitFindings : kExitClean;
    });
}

}  // namespace recallguard::cli
