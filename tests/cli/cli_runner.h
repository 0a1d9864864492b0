// Runs the real recallguard binary for end-to-end tests (langtools' tests; header only).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace recallguard::testing_cli {

struct RunResult {
    std::string output;  // stdout, and stderr when asked for, interleaved as written
    int exit_code = -1;
};

inline std::string shell_quote(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

enum class Stderr { Merge, Discard };

// Runs RECALLGUARD_BINARY with `arguments` from `directory`.
inline RunResult run_binary(const std::filesystem::path& directory, const std::vector<std::string>& arguments,
                            Stderr stderr_mode = Stderr::Merge) {
    std::string command = "cd " + shell_quote(directory.string()) + " && " + shell_quote(RECALLGUARD_BINARY);
    for (const auto& argument : arguments) command += " " + shell_quote(argument);
    command += stderr_mode == Stderr::Merge ? " 2>&1" : " 2>/dev/null";
    RunResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

}  // namespace recallguard::testing_cli
