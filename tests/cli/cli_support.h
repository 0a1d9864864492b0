// Helpers shared by the robustness CLI tests: file hashes, a small case database built through
// the real `init` and `ingest` commands, and a child's peak memory.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "../unit/temp_dir.h"
#include "run_cli.h"

namespace recallguard::test {

// FNV-1a 64 over a file's bytes, as hex: equal hashes before and after = the file was not written.
// Streams the file: reading a big database whole would raise this process's peak RSS, which
// Linux then charges to the children it spawns (see run_program).
inline std::string file_hash(const std::string& path) {
    uint64_t hash = 1469598103934665603ull;
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            hash ^= static_cast<unsigned char>(buffer[static_cast<size_t>(i)]);
            hash *= 1099511628211ull;
        }
    }
    return std::to_string(hash);
}

// A rule pack with one signal rule that reports every product with its brand, model and a
// text parameter in the message: whatever is in the data or the parameter reaches every format.
inline const char* kEchoRules = R"(package test.echo {
  title "Echo test pack"
  authority "test"
  jurisdiction "any"
}

rule T-ECHO {
  title "Every product, with its values"
  cite "test"
  category signal
  severity high
  param label = "plain"

  for p in products
  where p.model != "'; DROP TABLE filings; --"
  signal when p.units_sold >= 0
  message "{p.brand}|{p.model}|{label}"
}
)";

struct ProgramResult {
    int exit_code = -1;
    long max_rss_kib = 0;  // the child's own peak resident set
    std::string out, err;
};

// Runs `argv[0]` (found on PATH) with the arguments, no shell, and reports that one child's peak
// RSS (wait4). Linux records the spawning process's high-water mark into a vfork-style child's,
// so keep this process small before measuring: make big inputs in another program.
inline ProgramResult run_program(const std::vector<std::string>& args) {
    const int out = detail::scratch_file(), err = detail::scratch_file();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
    std::vector<std::string> strings = args;
    std::vector<char*> argv;
    for (auto& arg : strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ProgramResult result;
    if (spawned == 0) {
        int status = 0;
        rusage usage{};
        while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
        }
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        result.max_rss_kib = usage.ru_maxrss;
        result.out = detail::read_all(out);
        result.err = detail::read_all(err);
    }
    close(out);
    close(err);
    if (spawned != 0) throw std::runtime_error("run_program: cannot start " + args.front());
    return result;
}

}  // namespace recallguard::test
