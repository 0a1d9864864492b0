// `recallguard lint RULES...`: checks rule files and reports every problem at once.
#include <iostream>

#include "cli/command.h"
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
    static std::string calendars;
    lint->add_option("RULES", paths, "Rule files or folders")->required();
    lint->add_option("--format", format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
    lint->add_flag("--strict", strict, "Warnings fail too");
    lint->add_option("--calendars", calendars, "Folder of *.calendar files (default: the bundled calendars)");
    lint->callback([&exit_code] {
        engine::LoadOptions options;
        options.paths = paths;
        options.calendar_directory = calendars;
        const auto loaded = engine::load_rules(options);
        if (format == "text") {
            std::cout << engine::render_diagnostics(loaded);
            std::cout << loaded.files.size() << " files, " << loaded.program.rules.size()
                      << " rules checked: " << loaded.diagnostics.error_count() << " errors, "
                      << loaded.diagnostics.warning_count() << " warnings\n";
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
