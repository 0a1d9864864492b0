// `recallguard fmt [--check] RULES...`: rewrites rule files in the canonical layout.
#include <iostream>

#include "cli/command.h"
#include "common/errors.h"
#include "common/files.h"
#include "common/utf8.h"
#include "engine/rule_loader.h"
#include "format/format.h"

namespace recallguard::cli {

void add_fmt_command(CLI::App& app, int& exit_code) {
    auto* fmt = app.add_subcommand("fmt", "Rewrite rule files in the canonical layout (comments are kept)");
    static std::vector<std::string> paths;
    static bool check = false;
    static int column_limit = 100;
    fmt->add_option("RULES", paths, "Rule files or folders (searched for *.rules)")->required();
    fmt->add_flag("--check", check, "Change nothing; print a diff and exit 1 when a file is not formatted");
    fmt->add_option("--column-limit", column_limit, "Break long conditions past this column")
        ->check(CLI::Range(40, 400));
    fmt->callback([&exit_code] {
        DiagnosticBag diagnostics;
        bool unreadable = false;
        const auto files = engine::expand_rule_paths(paths, diagnostics, unreadable);
        for (const auto& diagnostic : diagnostics.sorted()) std::cerr << render_diagnostic(diagnostic, "");
        format::FormatOptions options;
        options.column_limit = column_limit;
        size_t changed = 0, refused = 0;
        for (const auto& path : files) {
            DiagnosticBag file_diagnostics;
            const auto result = format::format_file(path, file_diagnostics, options);
            for (const auto& diagnostic : file_diagnostics.sorted())
                std::cerr << render_diagnostic(diagnostic, result.original);
            if (!result.ok) {
                ++refused;
                continue;
            }
            if (!result.changed()) continue;
            ++changed;
            if (check)
                std::cout << printable_text(format::unified_diff(path, result.original, result.formatted));
            else
                write_file_atomically(path, result.formatted);
        }
        const char* verb = check ? " would be reformatted" : " reformatted";
        std::cerr << files.size() << " files, " << changed << verb;
        if (refused) std::cerr << ", " << refused << " not formatted because of errors";
        std::cerr << "\n";
        if (unreadable || refused)
            exit_code = kExitBadInput;
        else if (check && changed)
            exit_code = kExitFindings;
        else
            exit_code = kExitClean;
    });
}

}  // namespace recallguard::cli
