// `recallguard lsp`: the language server for editors, on stdin and stdout.
#include <iostream>

#include "cli/command.h"
#include "lsp/server.h"

namespace recallguard::cli {

void add_lsp_command(CLI::App& app, int& exit_code) {
    auto* lsp = app.add_subcommand(
        "lsp", "Language server for editors (LSP over stdin/stdout): diagnostics, hover, completion, formatting");
    static std::string calendars;
    static bool stdio = false;
    lsp->add_option("--calendars", calendars,
                    "Folder of *.calendar files (default: the bundled calendars; the editor's "
                    "initializationOptions.calendars takes precedence)");
    // Editors' LSP clients often pass --stdio; stdin/stdout is the only transport there is.
    lsp->add_flag("--stdio", stdio, "Talk over stdin and stdout (the default and only transport)");
    lsp->callback([&exit_code] {
        std::ios::sync_with_stdio(false);
        lsp::ServerOptions options;
        options.calendar_directory = calendars;
        lsp::Server server(std::cin, std::cout, options);
        exit_code = server.run();
    });
}

}  // namespace recallguard::cli
