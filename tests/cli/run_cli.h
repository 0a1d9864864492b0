// Runs the real recallguard binary in end-to-end tests: arguments and stdin in; exit code, stdout, stderr out.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifndef RECALLGUARD_BINARY
#error "run_cli.h needs RECALLGUARD_BINARY, the path of the recallguard executable (see tests/CMakeLists.txt)"
#endif

extern char** environ;

namespace recallguard::test {

struct CliResult {
    int exit_code = -1;  // 128 + signal number when the process was killed, as a shell reports it
    std::string out;
    std::string err;
};

namespace detail {

// An unlinked scratch file: output goes to files, not pipes, so a chatty child can never
// block on a full pipe while we wait for it.
inline int scratch_file() {
    std::string name = (std::filesystem::temp_directory_path() / "recallguard-cli-XXXXXX").string();
    const int fd = mkstemp(name.data());
    if (fd < 0) throw std::runtime_error("run_cli: mkstemp failed");
    unlink(name.c_str());
    return fd;
}

inline std::string read_all(int fd) {
    std::string text;
    char buffer[65536];
    off_t offset = 0;
    for (ssize_t n; (n = pread(fd, buffer, sizeof buffer, offset)) > 0; offset += n)
        text.append(buffer, static_cast<size_t>(n));
    return text;
}

}  // namespace detail

// Runs RECALLGUARD_BINARY with `args` (without the program name) and `stdin_text` on stdin.
// `kill_after_seconds` > 0: a run still going then is killed (SIGKILL, exit code 137), so that a
// test of a time limit fails instead of hanging when the limit is not kept.
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "",
                         double kill_after_seconds = 0) {
    const int in = detail::scratch_file(), out = detail::scratch_file(), err = detail::scratch_file();
    if (!stdin_text.empty() &&
        pwrite(in, stdin_text.data(), stdin_text.size(), 0) != static_cast<ssize_t>(stdin_text.size()))
        throw std::runtime_error("run_cli: cannot write stdin");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
    std::vector<std::string> argv_strings{RECALLGUARD_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, RECALLGUARD_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    CliResult result;
    if (spawned == 0) {
        int status = 0;
        if (kill_after_seconds > 0) {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(kill_after_seconds);
            pid_t done = 0;
            while ((done = waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (done == 0) kill(pid, SIGKILL);
            if (done <= 0)
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
                }
        } else {
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        result.out = detail::read_all(out);
        result.err = detail::read_all(err);
    }
    close(in);
    close(out);
    close(err);
    if (spawned != 0) throw std::runtime_error(std::string("run_cli: cannot start ") + RECALLGUARD_BINARY);
    return result;
}

}  // namespace recallguard::test
