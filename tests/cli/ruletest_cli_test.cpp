// `recallguard test` and `recallguard doc` run as a user runs them: exit codes, output, files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A scratch folder per test, removed afterwards.
class RuleTestCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("rg_ruletest_cli_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "tests");
    }
    void TearDown() override { fs::remove_all(dir_); }

    CommandResult run(const std::string& args) {
        const std::string command = std::string("cd '") + RECALLGUARD_SOURCE_DIR + "' && '" + RECALLGUARD_BINARY +
                                    "' " + args + " >'" + (dir_ / "out").string() + "' 2>'" + (dir_ / "err").string() +
                                    "'";
        const int status = std::system(command.c_str());
        CommandResult result;
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read(dir_ / "out");
        result.err = read(dir_ / "err");
        return result;
    }

    void write_test(const std::string& name, const std::string& text) { std::ofstream(dir_ / "tests" / name) << text; }
    std::string tests() const { return "--tests '" + (dir_ / "tests").string() + "'"; }

    fs::path dir_;
};

std::string plan_test(const std::string& filed_on) {
    return "rows companies\n  company_id | name | country | role\n  CO1 | Acme | CN | producer\n"
           "rows products\n  product_id | company_id | category | model | market | units_sold\n"
           "  P1 | CO1 | power_bank | X1 | CN | 100\n"
           "test \"plan due 2025-10-16\"\nas_of 2025-12-31\nrules CN-CP-PLAN\n"
           "rows defect_cases\n  case_id | product_id | opened_on | source | hazard | concluded_on | conclusion\n"
           "  C1 | P1 | 2025-09-01 | test | fire | 2025-09-26 | defect\n"
           "rows filings\n  filing_id | company_id | case_id | kind | filed_on | authority\n"
           "  F1 | CO1 | C1 | recall_plan | " +
           filed_on +
           " | SAMR\n"
           "expect\n  rule | subject | status | due | done | days_late\n"
           "  CN-CP-PLAN | C1 | late | 2025-10-16 | 2025-10-22 | 6\n";
}

std::string last_line(const std::string& text) {
    const auto end = text.find_last_not_of('\n');
    const auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST_F(RuleTestCli, PassingTestsExitZeroWithTheSummaryLast) {
    write_test("a.ruletest", plan_test("2025-10-22"));
    const auto r = run("test rules/cn/consumer_products.rules " + tests());
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("PASS " + (dir_ / "tests" / "a.ruletest").string() + ":7 plan due 2025-10-16"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(last_line(r.out), "1 passed, 0 failed");
}

TEST_F(RuleTestCli, AFailingTestExitsOneAndShowsTheDiff) {
    write_test("a.ruletest", plan_test("2025-10-21"));
    const auto r = run("test rules/cn/consumer_products.rules " + tests());
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL "), std::string::npos);
    EXPECT_NE(r.out.find("expected, not found:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2025-10-21 | 5"), std::string::npos) << r.out;
    EXPECT_EQ(last_line(r.out), "0 passed, 1 failed");
}

TEST_F(RuleTestCli, AMalformedTestFileExitsTwoNamingFileLineColumn) {
    write_test("bad.ruletest", "test \"x\"\nas_of 2025-13-01\nexpect nothing\n");
    const auto r = run("test rules/cn/consumer_products.rules " + tests());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("bad.ruletest:2:7: error[E-TEST-VALUE]: as_of needs a date"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST_F(RuleTestCli, AFixtureRowTheModelRejectsExitsTwo) {
    auto text = plan_test("2025-10-22");
    text.replace(text.find("| CN | 100"), 10, "| cn | 100");
    write_test("a.ruletest", text);
    const auto r = run("test rules/cn/consumer_products.rules " + tests());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL "), std::string::npos);
    EXPECT_EQ(last_line(r.out), "0 passed, 1 failed");
    EXPECT_NE(r.out.find("a.ruletest:6:1: the case data model rejects this products row"), std::string::npos) << r.out;
}

TEST_F(RuleTestCli, NoTestFilesIsBadInput) {
    const auto r = run("test rules/cn/consumer_products.rules " + tests());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no *.ruletest files found"), std::string::npos) << r.err;
}

TEST_F(RuleTestCli, WithoutRulesTheRulesFolderHereIsUsedOrTheErrorSaysSo) {
    const std::string command =
        "cd '" + dir_.string() + "' && '" + RECALLGUARD_BINARY + "' test >'" + (dir_ / "out").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_NE(read(dir_ / "out").find("no RULES given and no rules/ folder here"), std::string::npos)
        << read(dir_ / "out");
}

TEST_F(RuleTestCli, JunitFileAndCoverageThreshold) {
    write_test("a.ruletest", plan_test("2025-10-22"));
    const auto xml = (dir_ / "report.xml").string();
    const auto r = run("test rules/cn/consumer_products.rules " + tests() + " --format junit -o '" + xml +
                       "' --coverage --min-coverage 50");
    EXPECT_EQ(r.exit_code, 1) << "1 of 20 (rule, status) pairs is below 50%\n" << r.out << r.err;
    EXPECT_NE(r.out.find("Coverage: 1 of 20 (rule, status) pairs, 5.0%"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("is below --min-coverage 50%"), std::string::npos) << r.out;
    const std::string report = read(xml);
    EXPECT_NE(report.find("<testsuites name=\"recallguard rule tests\" tests=\"1\" failures=\"0\" errors=\"0\""),
              std::string::npos)
        << report;
    EXPECT_NE(report.find("<testcase name=\"plan due 2025-10-16\""), std::string::npos);

    const auto below = run("test rules/cn/consumer_products.rules " + tests() + " --min-coverage 5");
    EXPECT_EQ(below.exit_code, 0) << below.out;
}

TEST_F(RuleTestCli, DocWritesMarkdownAndHtml) {
    const auto md = run("doc rules/");
    EXPECT_EQ(md.exit_code, 0) << md.err;
    EXPECT_EQ(md.out.rfind("# Rule catalogue\n", 0), 0u);
    EXPECT_NE(md.out.find("### US-NHTSA-577"), std::string::npos);

    const auto html_path = (dir_ / "catalogue.html").string();
    const auto html = run("doc rules/ --format html -o '" + html_path + "'");
    EXPECT_EQ(html.exit_code, 0) << html.err;
    EXPECT_EQ(html.out, "");
    const std::string page = read(html_path);
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(page.find("id=\"rule-CN-CP-PLAN\""), std::string::npos);

    EXPECT_EQ(run("doc rules/ --format pdf").exit_code, 2);
    EXPECT_EQ(run("doc no/such/dir").exit_code, 2);
}

}  // namespace
