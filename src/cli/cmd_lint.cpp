// `recallguard lint RULES...`: checks rule files and reports every problem at once.
#include <iostream>

#include "cli/command.h"
#include "cli/rule_input.h"
#include "common/errors.h"
#include "engine/rule_loader.h"
#include "report/diagnostics_report.h"

namespace recallguard::cli {

void add_lint_command(CLI::App& app, int& exit_code) {
    auto* lint =
        app.add_subcommand("lint", "Check rule files: syntax, names, types and metadata, all problems in one run");
    static std::vector<std::string> paths;
    static std::string format = "text";
    static bool strict = false;
    static RuleOptions rule_options;
    lint->add_option("RULES", paths, "Rule files or folders")->required();
    lint->add_option("--format", format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
    lint->add_flag("--strict", strict, "Warnings fail too");
    add_rule_options(*lint, rule_options);
    lint->callback([&exit_code] {
        auto options = load_options(paths, rule_options);
        // A syntax error hides nothing else: the rules of the file that parse whole are checked too.
        options.keep_intact_items = true;
        const auto loaded = engine::load_rules(options);
        if (format == "text") {
            const auto count = [](size_t n, const char* one, const char* many) {
                return std::to_string(n) + " " + (n == 1 ? one : many);
            };
            // Every rule that was checked, those with errors included.
            const size_t rules = loaded.program.rules.size() + loaded.program.rules_with_errors.size();
            std::cout << engine::render_diagnostics(loaded);
            std::cout << count(loaded.files.size(), "file", "files") << ", " << count(rules, "rule", "rules")
                      << " checked: " << count(loaded.diagnostics.error_count(), "error", "errors") << ", "
                      << count(loaded.diagnostics.warning_count(), "warning", "warnings") << "\n";
        } else {
            report::write_diagnostics(
                loaded.diagnostics.sorted(),
                format == "json" ? report::DiagnosticsFormat::Json : report::DiagnosticsFormat::Sarif, std::cout);
        }
        if (loaded.unreadable)
            exit_code = kExitBadInput;
        else if (loaded.diagnostics.has_errors() || (strict && loaded.diagnostics.warning_count() > 0))
            exit_code = kExitFindings;
        else
            exit_code = kExitClean;
    });
}

}  // namespace recallguard::cli
