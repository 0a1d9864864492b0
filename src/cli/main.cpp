// recallguard's entry point: sets up logging, registers the subcommands, maps errors to exit codes.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/interrupt.h"
#include "common/temp_directory.h"
#include "schema/catalog.h"

namespace {

// Registered subcommands, in the order `--help` lists them.
using AddCommand = void (*)(CLI::App&, int&);
const std::vector<AddCommand> kCommands{
    recallguard::cli::add_check_command,   recallguard::cli::add_filing_command,
    recallguard::cli::add_lint_command,    recallguard::cli::add_explain_commands,
    recallguard::cli::add_diff_command,    recallguard::cli::add_fmt_command,
    recallguard::cli::add_schema_commands, recallguard::cli::add_validate_command,
    recallguard::cli::add_ingest_command,  recallguard::cli::add_generate_command,
    recallguard::cli::add_test_command,    recallguard::cli::add_doc_command,
    recallguard::cli::add_lsp_command,     recallguard::cli::add_calendar_command,
};

void setup_logging(const std::string& level) {
    auto logger = spdlog::stderr_color_mt("recallguard");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(level));
}

// Names the close matches when the first word is not a subcommand.
int report_unknown_subcommand(const CLI::App& app, const std::string& word) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    std::cerr << "recallguard: unknown command '" << word << "'";
    const std::string match = recallguard::closest_match(word, names);
    if (!match.empty()) std::cerr << "; did you mean '" << match << "'?";
    std::cerr << "\nRun 'recallguard --help' for the list of commands.\n";
    return recallguard::kExitBadInput;
}

// std::cout's buffer: writes to file descriptor 1 and keeps the reason of the first failed write
// (errno is long overwritten by the time the command ends).
class StdoutBuffer : public std::streambuf {
public:
    StdoutBuffer() { setp(buffer_, buffer_ + sizeof buffer_); }
    int error() const { return error_; }
    bool failed() const { return failed_; }

protected:
    int overflow(int c) override {
        if (drain() != 0) return traits_type::eof();
        if (c != traits_type::eof()) {
            *pptr() = static_cast<char>(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain(); }

private:
    int drain() {
        const char* data = pbase();
        size_t left = static_cast<size_t>(pptr() - pbase());
        while (left > 0 && !failed_) {
            const ssize_t n = ::write(STDOUT_FILENO, data, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                failed_ = true;
                error_ = n < 0 ? errno : 0;
                break;
            }
            data += n;
            left -= static_cast<size_t>(n);
        }
        setp(buffer_, buffer_ + sizeof buffer_);  // what could not be written is dropped
        return failed_ ? -1 : 0;
    }
    char buffer_[1 << 16];
    bool failed_ = false;
    int error_ = 0;
};

StdoutBuffer g_stdout;

// Output on stdout that could not be written (a full disk, a closed pipe) fails the command, the
// same way for every command: the output is lost, so success would be a lie.
int check_stdout(int exit_code) {
    std::cout.flush();
    if (!g_stdout.failed() && std::cout) return exit_code;
    const int error_number = g_stdout.error();
    std::cerr << "recallguard: error: cannot write to standard output: "
              << (error_number == EPIPE ? "the reading end of the pipe was closed"
                  : error_number != 0   ? std::strerror(error_number)
                                        : "the write failed")
              << "; the output is incomplete\n";
    return exit_code == recallguard::kExitInternal ? exit_code : recallguard::kExitBadInput;
}

int run(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe is a write error reported as such, not a silent death by SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    // SIGINT and SIGTERM remove the working copies and temporary files, then exit 130 / 143.
    recallguard::handle_interruptions();
    std::cout.rdbuf(&g_stdout);
    const int exit_code = check_stdout(run(argc, argv));
    std::cout.rdbuf(nullptr);  // nothing is written after the check (g_stdout outlives no one)
    return exit_code;
}

namespace {

int run(int argc, char** argv) {
    CLI::App app{"recallguard: audits product-recall case data against rules written in the recall law's terms"};
    app.set_version_flag("--version", std::string("recallguard ") + RECALLGUARD_VERSION + "\ncase data model version " +
                                          std::to_string(recallguard::schema::kCaseDataModelVersion));
    app.require_subcommand(1);
    std::string log_level = "warn";
    bool verbose = false;
    app.add_option("--log-level", log_level, "Log level on stderr: trace, debug, info, warn, error, off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    app.add_flag("-v,--verbose", verbose, "Same as --log-level info");

    app.parse_complete_callback([&] { setup_logging(verbose && log_level == "warn" ? "info" : log_level); });

    int exit_code = recallguard::kExitClean;
    for (auto add : kCommands) add(app, exit_code);

    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
        if (!known) return report_unknown_subcommand(app, argv[1]);
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return recallguard::kExitBadInput;
    } catch (const recallguard::InputError& e) {
        std::cerr << "recallguard: error: " << recallguard::without_temporary_paths(e.what()) << "\n";
        return recallguard::kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "recallguard: internal error: " << recallguard::without_temporary_paths(e.what()) << "\n";
        return recallguard::kExitInternal;
    }
    return exit_code;
}

}  // namespace
