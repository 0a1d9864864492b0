// `explain` prints the compiled SQL and its plan; `why` walks through one subject's verdict.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_cli.h"

namespace fs = std::filesystem;
using recallguard::test::run_cli;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

class ExplainWhy : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("recallguard-why-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        db_ = (dir_ / "cases.sqlite").string();
        const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                                  (kRepo / "examples/power-banks-2025/build.sh").string() + "' '" + db_ +
                                  "' > /dev/null";
        ASSERT_EQ(std::system(build.c_str()), 0);
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static inline fs::path dir_;
    static inline std::string db_;
};

TEST_F(ExplainWhy, ExplainShowsTheSqlWithBoundParametersAndThePlan) {
    const auto result = run_cli({"explain", "CN-CP-PLAN", (kRepo / "rules").string(), "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("WITH \"subjects\" AS MATERIALIZED"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("= recall_plan"), std::string::npos) << "values are listed as bound parameters";
    EXPECT_EQ(result.out.find("'recall_plan'"), std::string::npos) << "no value is pasted into the SQL text";
    EXPECT_NE(result.out.find("query plan"), std::string::npos);
    EXPECT_NE(result.out.find("USING INDEX"), std::string::npos) << "lookups are index searches";
}

TEST_F(ExplainWhy, WhyExplainsALateRecallPlanAcrossNationalDay) {
    const auto result = run_cli({"why", "CN-CP-PLAN", (kRepo / "rules").string(), "--db", db_, "--subject", "DC-XC-V20",
                                 "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("trigger date: 2025-09-26"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("due date:     2025-10-16"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("skipped 2025-10-08: holiday"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("skipped 2025-10-11"), std::string::npos) << "10-11 is a make-up working Saturday";
    EXPECT_NE(result.out.find("matches the requirement"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("verdict: late: done 2025-10-22"), std::string::npos) << result.out;
}

TEST_F(ExplainWhy, WhySaysWhenARowIsNotASubject) {
    const auto result = run_cli({"why", "CN-CP-PLAN", (kRepo / "rules").string(), "--db", db_, "--subject",
                                 "NO-SUCH-CASE", "--as-of", "2025-12-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("not a subject of this rule"), std::string::npos) << result.out;
}

TEST_F(ExplainWhy, UnknownRuleIsBadInputWithASuggestion) {
    const auto result = run_cli({"explain", "CN-CP-PLN", (kRepo / "rules").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("did you mean 'CN-CP-PLAN'"), std::string::npos) << result.err;
}

}  // namespace
