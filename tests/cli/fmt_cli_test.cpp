// `recallguard fmt` end to end: rewrite in place, --check with a diff and exit codes,
// refusal of files with syntax errors, folders, unreadable paths.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace {
namespace fs = std::filesystem;
using namespace recallguard::testing_cli;

const std::string kMessy =
    "// The package.\npackage p { title \"P\" }\nrule T-ONE { for c in defect_cases violation when c.opened_on<as_of\n"
    "title \"T\" } // done\n";
const std::string kFormatted =
    "// The package.\npackage p {\n  title \"P\"\n}\n\nrule T-ONE {\n  title \"T\"\n\n  for c in defect_cases\n\n"
    "  violation when c.opened_on < as_of\n} // done\n";

class FmtCli : public testing::Test {
protected:
    void SetUp() override {
        directory_ = fs::temp_directory_path() / ("recallguard_fmt_cli_" + std::to_string(getpid()) + "_" +
                                                  testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(directory_);
        fs::create_directories(directory_ / "pack");
    }
    void TearDown() override { fs::remove_all(directory_); }
    fs::path directory_;
};

TEST_F(FmtCli, RewritesAFileInPlaceAndASecondRunChangesNothing) {
    write_text(directory_ / "a.rules", kMessy);
    const auto first = run_binary(directory_, {"fmt", "a.rules"});
    EXPECT_EQ(first.exit_code, 0) << first.output;
    EXPECT_EQ(read_text(directory_ / "a.rules"), kFormatted);
    EXPECT_NE(first.output.find("1 files, 1 reformatted"), std::string::npos) << first.output;
    const auto second = run_binary(directory_, {"fmt", "a.rules"});
    EXPECT_EQ(second.exit_code, 0);
    EXPECT_NE(second.output.find("1 files, 0 reformatted"), std::string::npos) << second.output;
    EXPECT_EQ(read_text(directory_ / "a.rules"), kFormatted);
}

TEST_F(FmtCli, CheckPrintsADiffExitsOneAndChangesNothing) {
    write_text(directory_ / "a.rules", kMessy);
    const auto result = run_binary(directory_, {"fmt", "--check", "a.rules"}, Stderr::Discard);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.output.rfind(
                  "--- a/a.rules\n+++ b/a.rules\n@@ -1,4 +1,12 @@\n // The package.\n-package p { title \"P\" }\n", 0),
              0u)
        << result.output;
    EXPECT_NE(result.output.find("\n+  violation when c.opened_on < as_of\n"), std::string::npos) << result.output;
    EXPECT_EQ(read_text(directory_ / "a.rules"), kMessy);
}

TEST_F(FmtCli, CheckOnFormattedFilesExitsZeroWithNoDiff) {
    write_text(directory_ / "pack" / "a.rules", kFormatted);
    write_text(directory_ / "pack" / "b.rules", kFormatted);
    const auto result = run_binary(directory_, {"fmt", "--check", "pack"}, Stderr::Discard);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.output, "");
}

TEST_F(FmtCli, RefusesAFileWithSyntaxErrorsAndLeavesItAlone) {
    const std::string broken = "package p { title \"P\" }\nrule T-ONE {\n  title \"T\n}\n";
    write_text(directory_ / "pack" / "broken.rules", broken);
    write_text(directory_ / "pack" / "good.rules", kMessy);
    const auto result = run_binary(directory_, {"fmt", "pack"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("pack/broken.rules:3:9: error[E-PARSE]: unterminated string"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("1 not formatted because of errors"), std::string::npos) << result.output;
    EXPECT_EQ(read_text(directory_ / "pack" / "broken.rules"), broken);
    EXPECT_EQ(read_text(directory_ / "pack" / "good.rules"), kFormatted);  // the other file is still formatted
}

TEST_F(FmtCli, RefusesInvalidUtf8WithoutCrashing) {
    write_text(directory_ / "a.rules", "package p { title \"caf\xe9\" }\n");
    const auto result = run_binary(directory_, {"fmt", "a.rules"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("a.rules:1:23: error[E-ENCODING]"), std::string::npos) << result.output;
}

TEST_F(FmtCli, AMissingPathIsBadInput) {
    const auto result = run_binary(directory_, {"fmt", "nowhere.rules"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("nowhere.rules: error[E-IO]"), std::string::npos) << result.output;
}

TEST_F(FmtCli, StandardRulesAreFormatted) {
    const auto result = run_binary(RECALLGUARD_SOURCE_DIR, {"fmt", "--check", "rules"}, Stderr::Discard);
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
