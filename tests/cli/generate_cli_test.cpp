// `recallguard generate` run as a user runs it: output, exit codes, refusing to overwrite.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

Run run(const std::string& arguments) {
    Run result;
    const std::string command = std::string(RECALLGUARD_BINARY) + " " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

class GenerateCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("recallguard-cli-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::filesystem::path dir_;
};

TEST_F(GenerateCli, WritesTheDatabaseAndPrintsRowsPerTable) {
    const auto r =
        run("generate --out " + path("a.db") + " --companies 2 --seed 5 --as-of 2025-12-31 --violation-rate 0.2");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(path("a.db")));
    // Nothing else is left in the folder (the database is built under a temporary name).
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 1);
    for (const char* table : {"companies", "products", "sales", "filings", "total"})
        EXPECT_NE(r.output.find(table), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("as of 2025-12-31"), std::string::npos) << r.output;
}

TEST_F(GenerateCli, NeverOverwritesAnExistingFile) {
    ASSERT_EQ(run("generate --out " + path("b.db") + " --companies 1 --seed 1").exit_code, 0);
    const auto size = std::filesystem::file_size(path("b.db"));
    const auto r = run("generate --out " + path("b.db") + " --companies 3 --seed 2");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.output.find("already exists"), std::string::npos) << r.output;
    EXPECT_EQ(std::filesystem::file_size(path("b.db")), size);
}

TEST_F(GenerateCli, RejectsBadOptionsWithExitCode2) {
    const std::string out = " --out " + path("c.db");
    for (const std::string& bad :
         {out + " --companies 0 --seed 1", out + " --companies 2 --seed 1 --as-of 2025-02-30",
          out + " --companies 2 --seed 1 --as-of 2027-01-01", out + " --companies 2 --seed 1 --violation-rate 2",
          out + " --companies 2", out + " --companies 2 --seed -1"}) {
        const auto r = run("generate" + bad);
        EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.output;
        EXPECT_FALSE(std::filesystem::exists(path("c.db"))) << bad;
    }
    const auto r = run("generate" + out + " --companies 2 --seed 1 --as-of 2025-02-30");
    EXPECT_NE(r.output.find("--as-of: '2025-02-30' is not a date"), std::string::npos) << r.output;
}

}  // namespace
