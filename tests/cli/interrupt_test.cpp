// SIGINT or SIGTERM during `check` removes the private working copy and every temporary file and
// exits 130 / 143; a working folder left by a process that is gone is removed by the next run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_support.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

// What the child left in its temporary folder: the names of the entries.
std::vector<std::string> leftovers(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    return names;
}

// Starts the binary with TMPDIR set to `tmpdir`, output to scratch files; returns its pid.
pid_t start(const std::vector<std::string>& args, const std::string& tmpdir, int out, int err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
    std::vector<std::string> strings{RECALLGUARD_BINARY};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment{"TMPDIR=" + tmpdir};
    for (char** variable = environ; *variable; ++variable)
        if (std::string(*variable).rfind("TMPDIR=", 0) != 0) environment.emplace_back(*variable);
    std::vector<char*> envp;
    for (auto& variable : environment) envp.push_back(variable.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, RECALLGUARD_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start recallguard");
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class Interrupt : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        data_ = new test::TempDir;
        // Big enough that validation, the copy and the rules each take a noticeable time.
        const auto r = run_cli(
            {"generate", "--out", data_->file("big.sqlite"), "--companies",
             std::getenv("RECALLGUARD_INTERRUPT_COMPANIES") ? std::getenv("RECALLGUARD_INTERRUPT_COMPANIES") : "300",
             "--seed", "7"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() { delete data_; }
    static test::TempDir* data_;
    test::TempDir tmp, dir;
};
test::TempDir* Interrupt::data_ = nullptr;

TEST_F(Interrupt, ASignalAtAnyMomentRemovesTheWorkingCopyAndExitsByConvention) {
    const std::string rules = std::string(RECALLGUARD_TEST_DATA_DIR) + "/../rules";
    const std::string db = data_->file("big.sqlite");
    const std::vector<std::string> args{"check",    rules,
                                        "--db",     db,
                                        "--as-of",  "2025-12-31",
                                        "--format", "json",
                                        "-o",       tmp.file("report.json"),
                                        "--store",  tmp.file("store.sqlite")};
    // How long a whole run takes here (the shorter of two): the signals are sent at fractions of
    // it, so that they fall in every phase on a fast machine and a slow one alike.
    double whole = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int out = test::detail::scratch_file(), err = test::detail::scratch_file();
        const auto started = std::chrono::steady_clock::now();
        const int code = wait_for(start(args, tmp.file(""), out, err));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ASSERT_EQ(code, 1) << test::detail::read_all(err);
        close(out);
        close(err);
        whole = attempt == 0 ? seconds : std::min(whole, seconds);
    }
    fs::remove(tmp.file("report.json"));
    fs::remove(tmp.file("store.sqlite"));
    int interrupted = 0, said = 0;
    // Moments from the start: loading rules, validation, the copy, the rules, the report.
    for (const double fraction : {0.05, 0.2, 0.4, 0.6, 0.8}) {
        const int milliseconds = static_cast<int>(whole * fraction * 1000);
        for (const int signal_number : {SIGINT, SIGTERM}) {
            const int out = test::detail::scratch_file(), err = test::detail::scratch_file();
            const pid_t pid = start(args, tmp.file(""), out, err);
            std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
            kill(pid, signal_number);
            const int code = wait_for(pid);
            const std::string stderr_text = test::detail::read_all(err);
            close(out);
            close(err);
            if (code == 0 || code == 1) continue;  // finished before the signal
            ++interrupted;
            EXPECT_EQ(code, 128 + signal_number) << milliseconds << " ms: " << stderr_text;
            // (A signal before main() has set up its handling kills the process silently, as it
            // should: nothing temporary exists yet.)
            if (stderr_text.find("interrupted") != std::string::npos) ++said;
            for (const auto& name : leftovers(tmp.file("")))
                EXPECT_TRUE(name == "store.sqlite" || name == "store.sqlite-journal" || name == "report.json")
                    << "left behind after " << milliseconds << " ms: " << name;
        }
    }
    EXPECT_GE(interrupted, 6) << "the runs (" << whole
                              << " s uninterrupted) ended before the signals; raise RECALLGUARD_INTERRUPT_COMPANIES";
    EXPECT_GE(said, interrupted - 2) << "interruptions were not reported";
    // The store a signal may have cut short is still readable (SQLite rolls the journal back).
    if (fs::exists(tmp.file("store.sqlite"))) {
        const auto r = run_cli({"check", rules, "--db", db, "--as-of", "2025-12-31", "--format", "json", "--store",
                                tmp.file("store.sqlite"), "--rule", "CN-CP-PLAN"});
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    }
}

TEST_F(Interrupt, AFolderLeftByADeadProcessIsRemovedByTheNextRun) {
    // A process id that is surely gone: a child that has exited and been waited for.
    const pid_t dead = fork();
    if (dead == 0) _exit(0);
    wait_for(dead);
    const std::string stale = tmp.file("recallguard-working-" + std::to_string(dead) + "-AbC123");
    const std::string locked = tmp.file("recallguard-working-" + std::to_string(dead) + "-XyZ789");
    const std::string alive = tmp.file("recallguard-working-" + std::to_string(getpid()) + "-LiVe12");
    const std::string foreign = tmp.file("recallguard-notes-" + std::to_string(dead) + "-NoLock");
    for (const auto& folder : {stale, locked, alive, foreign}) {
        fs::create_directory(folder);
        std::ofstream(folder + "/working.sqlite") << "copy";
        if (folder != foreign) std::ofstream(folder + "/owner.lock");
    }
    // Held by a live process in another pid namespace, say: the lock says it is in use.
    const int held = open((locked + "/owner.lock").c_str(), O_RDONLY);
    ASSERT_EQ(flock(held, LOCK_EX), 0);

    const std::string rules = dir.write("echo.rules", test::kEchoRules);
    const int out = test::detail::scratch_file(), err = test::detail::scratch_file();
    const int code = wait_for(start({"explain", "T-ECHO", rules}, tmp.file(""), out, err));
    EXPECT_EQ(code, 0) << test::detail::read_all(err);
    close(out);
    close(err);
    close(held);
    EXPECT_FALSE(fs::exists(stale)) << "the folder of a dead process was left";
    EXPECT_TRUE(fs::exists(locked)) << "a folder whose lock is held was removed";
    EXPECT_TRUE(fs::exists(alive)) << "the folder of a live process was removed";
    EXPECT_TRUE(fs::exists(foreign)) << "a folder without an owner's lock was removed";
    EXPECT_EQ(leftovers(tmp.file("")).size(), 3u) << "explain left its own folder";
}

}  // namespace
}  // namespace recallguard
