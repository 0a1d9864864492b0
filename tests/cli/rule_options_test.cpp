// Every command that loads rules takes the same rule options, --calendars DIR and --param, and
// applies them to the rules it loads: the same rules mean the same in every command.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../unit/temp_dir.h"
#include "run_cli.h"

namespace recallguard {
namespace {

using test::run_cli;

const std::string kRules = std::string(RECALLGUARD_SOURCE_DIR) + "/rules";

class RuleOptions : public ::testing::Test {
protected:
    void SetUp() override {
        db = dir.file("cases.sqlite");
        ASSERT_EQ(run_cli({"init", db}).exit_code, 0);
        no_calendars = dir.file("no-calendars");
        std::filesystem::create_directories(no_calendars);
    }

    // The commands that load rules, each with what it needs besides them.
    std::vector<std::vector<std::string>> commands() const {
        const std::string filing = std::string(RECALLGUARD_SOURCE_DIR) + "/examples/filings/broken-bad-date.json";
        return {
            {"check", "--db", db, "--as-of", "2025-12-31", kRules},
            {"lint", kRules},
            {"test", kRules},
            {"explain", "CN-CP-PLAN", kRules, "--as-of", "2025-12-31"},
            {"why", "CN-CP-PLAN", kRules, "--db", db, "--subject", "C1", "--as-of", "2025-12-31"},
            {"diff", "--db", db, "--old", kRules, "--new", kRules, "--as-of", "2025-12-31"},
            {"doc", kRules},
            {"check-filing", filing, "--db", db, "--as-of", "2025-12-31", kRules},
        };
    }

    test::TempDir dir;
    std::string db, no_calendars;
};

TEST_F(RuleOptions, EveryCommandThatLoadsRulesAppliesParam) {
    for (auto args : commands()) {
        args.insert(args.end(), {"--param", "CN-CP-PLAN.allowd=12"});
        const auto r = run_cli(args);
        EXPECT_NE(r.exit_code, 0) << args[0];
        EXPECT_NE((r.out + r.err).find("rule CN-CP-PLAN has no parameter 'allowd'; did you mean 'allowed'?"),
                  std::string::npos)
            << args[0] << "\n"
            << r.out << r.err;
        EXPECT_EQ((r.out + r.err).find("The following argument"), std::string::npos) << args[0] << r.err;
    }
}

TEST_F(RuleOptions, EveryCommandThatLoadsRulesAppliesCalendars) {
    for (auto args : commands()) {
        args.insert(args.end(), {"--calendars", no_calendars});
        const auto r = run_cli(args);
        EXPECT_NE(r.exit_code, 0) << args[0];
        EXPECT_NE((r.out + r.err).find("E-UNKNOWN-CALENDAR"), std::string::npos) << args[0] << "\n" << r.out << r.err;
    }
}

TEST_F(RuleOptions, AParameterChangesTheRuleExplainAndWhyShow) {
    const auto r =
        run_cli({"explain", "CN-CP-PLAN", kRules, "--as-of", "2025-12-31", "--param", "CN-CP-PLAN.allowed=12"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(" = 12\n"), std::string::npos) << r.out;
    const auto plain = run_cli({"explain", "CN-CP-PLAN", kRules, "--as-of", "2025-12-31"});
    EXPECT_EQ(plain.out.find(" = 12\n"), std::string::npos) << plain.out;
}

}  // namespace
}  // namespace recallguard
