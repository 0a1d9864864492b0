// Outputs can never destroy an input: -o and --store naming an input of the same command are
// refused before anything is written; the whole-or-nothing writer (temporary file, rename) never
// leaves a .partial, writes devices, FIFOs and /dev/stdout links in place and refuses a folder;
// a write error on stdout fails every command the same way; fmt keeps a symbolic link.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_support.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::file_hash;
using test::run_cli;

// Runs the binary with stdout on `stdout_fd` (a full device, a pipe whose reader is gone).
test::CliResult run_with_stdout(const std::vector<std::string>& args, int stdout_fd) {
    const int err = test::detail::scratch_file();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
    std::vector<std::string> strings{RECALLGUARD_BINARY};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    test::CliResult result;
    if (posix_spawn(&pid, RECALLGUARD_BINARY, &actions, nullptr, argv.data(), environ) == 0) {
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        result.err = test::detail::read_all(err);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(err);
    return result;
}

class Outputs : public ::testing::Test {
protected:
    void SetUp() override {
        schema::create_case_database(db);
        auto database = sqldb::Database::open(db, sqldb::Database::Mode::ReadWrite);
        database.exec(
            "INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer');"
            "INSERT INTO products VALUES ('P1', 'C1', 'power_bank', 'Acme', 'PB-1', NULL, 'CN', 100, NULL);");
    }
    std::vector<std::string> check_args(const std::vector<std::string>& extra) const {
        std::vector<std::string> args{"check", rules, "--db", db, "--as-of", "2025-06-30", "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
    // No temporary file is left in the folder.
    void expect_no_partial() const {
        for (const auto& entry : fs::directory_iterator(dir.file("")))
            EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
    }
    test::TempDir dir;
    std::string db = dir.file("cases.sqlite");
    std::string rules = dir.write("echo.rules", test::kEchoRules);
};

TEST_F(Outputs, AnOutputNamingAnInputIsRefusedAndNothingIsWritten) {
    fs::create_directory(dir.file("sub"));
    fs::create_symlink(db, dir.file("link-to-db"));
    const std::string baseline = dir.file("baseline.json");
    ASSERT_EQ(run_cli(check_args({"-o", baseline})).exit_code, 1);
    const std::string db_hash = file_hash(db), rules_hash = file_hash(rules), baseline_hash = file_hash(baseline);
    const std::vector<std::vector<std::string>> refused{
        {"-o", db},
        {"-o", dir.file("sub/../cases.sqlite")},  // a ../ alias
        {"-o", dir.file("link-to-db")},           // a symbolic link
        {"-o", rules},
        {"-o", baseline, "--baseline", baseline},
        {"--store", db},
        {"--store", dir.file("link-to-db")},
        {"-o", dir.file("store.sqlite"), "--store", dir.file("store.sqlite")},
        {"-o", dir.file("sub/../store.sqlite"), "--store", dir.file("store.sqlite")},
    };
    for (const auto& extra : refused) {
        const auto r = run_cli(check_args(extra));
        EXPECT_EQ(r.exit_code, 2) << extra[1] << "\n" << r.err;
        EXPECT_TRUE(r.err.find("never overwritten") != std::string::npos ||
                    r.err.find("name the same file") != std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("nothing was written"), std::string::npos) << r.err;
    }
    EXPECT_EQ(file_hash(db), db_hash);
    EXPECT_EQ(file_hash(rules), rules_hash);
    EXPECT_EQ(file_hash(baseline), baseline_hash);
    EXPECT_TRUE(fs::is_symlink(dir.file("link-to-db")));
    EXPECT_FALSE(fs::exists(dir.file("store.sqlite"))) << "a refused run created the store";
    expect_no_partial();

    // The other commands that write a file: doc (-o), test (-o), check-filing (-o).
    const auto doc = run_cli({"doc", rules, "-o", rules});
    EXPECT_EQ(doc.exit_code, 2) << doc.err;
    const std::string ruletest = dir.write("echo.ruletest", "not read: refused before\n");
    const auto tested = run_cli({"test", dir.file(""), "--format", "junit", "-o", ruletest});
    EXPECT_EQ(tested.exit_code, 2) << tested.err;
    EXPECT_NE(tested.err.find("never overwritten"), std::string::npos) << tested.err;
    const std::string filing = dir.write("plan.json", "{}\n");
    const auto filed = run_cli({"check-filing", filing, rules, "--db", db, "-o", filing});
    EXPECT_EQ(filed.exit_code, 2) << filed.err;
    EXPECT_NE(filed.err.find("never overwritten"), std::string::npos) << filed.err;
    EXPECT_EQ(test::read_bytes(filing), "{}\n");
    EXPECT_EQ(file_hash(db), db_hash);
    EXPECT_EQ(file_hash(rules), rules_hash);
    expect_no_partial();
}

TEST_F(Outputs, AFolderOrAMissingFolderIsRefusedAtOnceWithTheReason) {
    fs::create_directory(dir.file("reports"));
    auto r = run_cli(check_args({"-o", dir.file("reports")}));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(dir.file("reports") + ": is a folder"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::is_directory(dir.file("reports")));
    r = run_cli(check_args({"--store", dir.file("reports")}));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    r = run_cli(check_args({"-o", dir.file("nowhere/report.json")}));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no such folder " + dir.file("nowhere")), std::string::npos) << r.err;
    r = run_cli({"doc", rules, "-o", dir.file("reports")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("is a folder"), std::string::npos) << r.err;
    expect_no_partial();
}

TEST_F(Outputs, ASymlinkToStdoutAndAFifoAreWrittenInPlace) {
    fs::create_symlink("/dev/stdout", dir.file("to-stdout"));
    auto r = run_cli(check_args({"-o", dir.file("to-stdout")}));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("\"T-ECHO\""), std::string::npos) << "the report did not reach stdout";
    EXPECT_TRUE(fs::is_symlink(dir.file("to-stdout"))) << "the link was replaced by a plain file";

    const std::string fifo = dir.file("report.fifo");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    auto reader = std::async(std::launch::async, [&] { return test::read_bytes(fifo); });
    r = run_cli(check_args({"-o", fifo}));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(reader.get().find("\"T-ECHO\""), std::string::npos);
    EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO was replaced";
    expect_no_partial();
}

TEST_F(Outputs, ASymlinkedReportKeepsItsLinkAndConcurrentWritersEachLeaveAWholeFile) {
    fs::create_directory(dir.file("real"));
    dir.write("real/report.json", "old");
    fs::create_symlink(dir.file("real/report.json"), dir.file("report.json"));
    auto r = run_cli(check_args({"-o", dir.file("report.json")}));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(fs::is_symlink(dir.file("report.json")));
    EXPECT_NE(test::read_bytes(dir.file("real/report.json")).find("\"T-ECHO\""), std::string::npos);

    const std::string shared = dir.file("shared.json");
    std::vector<std::future<test::CliResult>> runs;
    for (int i = 0; i < 4; ++i)
        runs.push_back(std::async(std::launch::async, [&] { return run_cli(check_args({"-o", shared})); }));
    for (auto& run : runs) {
        const auto result = run.get();
        EXPECT_EQ(result.exit_code, 1) << result.err;
    }
    bool whole = false;
    try {
        whole = nlohmann::json::parse(test::read_bytes(shared)).is_object();
    } catch (const nlohmann::json::exception&) {
    }
    EXPECT_TRUE(whole) << "a mixed or partial report";
    expect_no_partial();
}

TEST_F(Outputs, AWriteErrorOnStdoutFailsEveryCommandTheSameWay) {
    const std::string unformatted = dir.write("unformatted.rules", std::string(test::kEchoRules) + "\n\n\n");
    const std::vector<std::vector<std::string>> commands{
        {"validate", db},
        {"lint", rules},
        {"doc", rules},
        {"schema"},
        {"explain", "T-ECHO", rules},
        {"calendar", "show", "CN", "2025"},
        {"fmt", "--check", unformatted},
        check_args({}),
    };
    const int full = open("/dev/full", O_WRONLY);
    ASSERT_GE(full, 0);
    for (const auto& args : commands) {
        const auto r = run_with_stdout(args, full);
        EXPECT_NE(r.exit_code, 0) << args[0];
        EXPECT_NE(r.exit_code, 3) << args[0];
        EXPECT_NE(r.err.find("cannot write to standard output: No space left on device"), std::string::npos)
            << args[0] << ": " << r.err;
    }
    close(full);
    for (const auto& args : commands) {
        int ends[2];
        ASSERT_EQ(pipe(ends), 0);
        close(ends[0]);  // nobody reads
        const auto r = run_with_stdout(args, ends[1]);
        close(ends[1]);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_NE(r.err.find("cannot write to standard output: the reading end of the pipe was closed"),
                  std::string::npos)
            << args[0] << ": " << r.err;
    }
}

TEST_F(Outputs, FmtOnASymlinkFormatsTheFileItLeadsToAndKeepsTheLink) {
    fs::create_directory(dir.file("pack"));
    const std::string target = dir.write("pack/real.rules", std::string(test::kEchoRules) + "\n\n\n");
    fs::create_symlink(target, dir.file("linked.rules"));
    const auto r = run_cli({"fmt", dir.file("linked.rules")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(dir.file("linked.rules"))) << "fmt replaced the link by a copy";
    EXPECT_EQ(run_cli({"fmt", "--check", target}).exit_code, 0) << "the file the link leads to was not formatted";
    for (const auto& entry : fs::directory_iterator(dir.file("pack")))
        EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos);
}

}  // namespace
}  // namespace recallguard
