// Running an external tool from a test (the SARIF validator, headless Chromium) in a scratch
// directory, with its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "golden.h"

namespace recallguard::testing {

// A fresh directory under the system temp dir, removed when the test ends.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name) {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("recallguard-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `command` through the shell with stdout and stderr captured to files in `scratch`.
inline CommandResult run_command(const std::string& command, const ScratchDir& scratch) {
    const auto out = scratch.path() / "command.out";
    const auto err = scratch.path() / "command.err";
    const std::string full =
        command + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
    const int status = std::system(full.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file_bytes(out);
    result.err = read_file_bytes(err);
    return result;
}

}  // namespace recallguard::testing
