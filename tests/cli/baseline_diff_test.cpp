// Comparing audits: --store keeps runs, --baseline marks findings, diff shows a rule change's effect.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_cli.h"

namespace fs = std::filesystem;
using recallguard::test::run_cli;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

class CompareAudits : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("recallguard-compare-" + std::to_string(getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        db_ = (dir_ / "cases.sqlite").string();
        const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                                  (kRepo / "examples/power-banks-2025/build.sh").string() + "' '" + db_ +
                                  "' > /dev/null";
        ASSERT_EQ(std::system(build.c_str()), 0);
        // A copy of the rules where the recall-plan deadline is 15 working days instead of 10.
        fs::copy(kRepo / "rules", dir_ / "amended", fs::copy_options::recursive);
        const fs::path file = dir_ / "amended/cn/consumer_products.rules";
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        std::string rules = text.str();
        const std::string from = "param allowed = 10 working days";
        rules.replace(rules.find(from), from.size(), "param allowed = 15 working days");
        std::ofstream(file) << rules;
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
    std::string db_;
};

TEST_F(CompareAudits, DiffListsTheFindingsARuleChangeRemoves) {
    const auto result = run_cli({"diff", "--db", db_, "--old", (kRepo / "rules").string(), "--new",
                                 (dir_ / "amended").string(), "--as-of", "2025-12-31"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("finding gone  defect_cases:DC-XC-V20"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("1 changes (12 findings before, 11 after)"), std::string::npos) << result.out;
}

TEST_F(CompareAudits, StoredRunsServeAsBaselinesAndOnlyNewFindingsFail) {
    const std::string store = (dir_ / "findings.sqlite").string();
    auto first = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--store", store, (kRepo / "rules").string()});
    EXPECT_EQ(first.exit_code, 1);
    EXPECT_NE(first.err.find("stored as run 1"), std::string::npos) << first.err;
    // Same rules again against run 1: every finding unchanged, so the pipeline passes.
    auto again = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--store", store, "--baseline-run", "1",
                          "--format", "json", (kRepo / "rules").string()});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    const auto report = nlohmann::json::parse(again.out);
    ASSERT_EQ(report["findings"].size(), 12u);
    for (const auto& f : report["findings"]) EXPECT_EQ(f["baseline_state"], "unchanged") << f.dump();
    // The amended rules drop one finding: it is reported absent, and nothing new fails the run.
    auto amended = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--store", store, "--baseline-run", "1",
                            "--format", "sarif", (dir_ / "amended").string()});
    EXPECT_EQ(amended.exit_code, 0) << amended.err;
    const auto sarif = nlohmann::json::parse(amended.out);
    int absent = 0;
    for (const auto& r : sarif["runs"][0]["results"]) absent += r.value("baselineState", "") == "absent";
    EXPECT_EQ(absent, 1);
}

TEST_F(CompareAudits, AJsonReportIsABaseline) {
    const std::string baseline = (dir_ / "before.json").string();
    auto first = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--format", "json", "-o", baseline, "--rule",
                          "CN-CP-PLAN", (kRepo / "rules").string()});
    EXPECT_EQ(first.exit_code, 1);
    // All rules now: the other rules' findings are new, so the run fails.
    auto wider = run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--baseline", baseline, "--format", "json",
                          (kRepo / "rules").string()});
    EXPECT_EQ(wider.exit_code, 1);
    const auto report = nlohmann::json::parse(wider.out);
    int unchanged = 0, added = 0;
    for (const auto& f : report["findings"]) {
        unchanged += f["baseline_state"] == "unchanged";
        added += f["baseline_state"] == "new";
    }
    EXPECT_EQ(unchanged, 1);
    EXPECT_EQ(added, 11);
}

TEST_F(CompareAudits, ABrokenBaselineIsBadInput) {
    const std::string baseline = (dir_ / "broken.json").string();
    std::ofstream(baseline) << "{\"findings\": [{\"rule_id\": 3}]}";
    auto result =
        run_cli({"check", "--db", db_, "--as-of", "2025-12-31", "--baseline", baseline, (kRepo / "rules").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("/findings/0"), std::string::npos) << result.err;
}

}  // namespace
