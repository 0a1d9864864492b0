// --rule-timeout and --max-findings: a rule that hits a limit is reported as `error` with the
// reason and exit 2; the other rules still run and report.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

using test::run_cli;

// For every sale, every other sale of the same product: quadratic in the sales of a product.
constexpr const char* kSlowRule = R"(
rule T-SLOW {
  title "Quadratic on purpose"
  cite "test"
  category signal
  severity high
  for s in sales
  signal when count(t in s.product.sales where t.units >= s.units) > 1000000000
  message "{s.sale_id}"
}
)";

class Limits : public ::testing::Test {
protected:
    void SetUp() override {
        db = dir.file("case.db");
        schema::create_case_database(db);
        auto opened = sqldb::Database::open(db, sqldb::Database::Mode::ReadWrite);
        opened.exec(R"(
            INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer');
            INSERT INTO products VALUES ('P1', 'C1', 'power_bank', 'Acme', 'PB-1', NULL, 'CN', 100, NULL);
            INSERT INTO products VALUES ('P2', 'C1', 'power_bank', 'Acme', 'PB-2', NULL, 'CN', 200, NULL);
            INSERT INTO products VALUES ('P3', 'C1', 'power_bank', 'Acme', 'PB-3', NULL, 'CN', 300, NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
            INSERT INTO sales SELECT 'S' || i, 'P1', date('2024-01-01', '+' || (i % 400) || ' days'), 1 + i % 5 FROM n;)");
        rules = dir.write("limits.rules", std::string(test::kEchoRules) + kSlowRule);
    }
    test::CliResult check(const std::vector<std::string>& extra) {
        std::vector<std::string> args{"check", rules, "--db", db, "--as-of", "2025-06-30", "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    }
    static const nlohmann::json& rule(const nlohmann::json& report, const std::string& id) {
        for (const auto& r : report["rules"])
            if (r["id"] == id) return r;
        throw std::runtime_error("no rule " + id + " in the report");
    }
    test::TempDir dir;
    std::string db, rules;
};

TEST_F(Limits, RuleTimeoutStopsOnlyTheSlowRule) {
    const auto started = std::chrono::steady_clock::now();
    const auto r = check({"--rule-timeout", "1", "--jobs", "1"});
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("rule T-SLOW did not complete: stopped after the --rule-timeout of 1 s"), std::string::npos)
        << r.err;
    EXPECT_LT(elapsed, 30) << "the timeout did not stop the rule";
    const auto report = nlohmann::json::parse(r.out);
    EXPECT_EQ(rule(report, "T-SLOW")["status"], "error") << rule(report, "T-SLOW").dump();
    EXPECT_EQ(rule(report, "T-ECHO")["status"], "ok");
    size_t echo = 0;
    for (const auto& finding : report["findings"]) echo += finding["rule_id"] == "T-ECHO";
    EXPECT_EQ(echo, 3u) << "the other rule did not report";
}

TEST_F(Limits, MaxFindingsStopsARuleAndSaysSo) {
    auto r = check({"--rule", "T-ECHO", "--max-findings", "2"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("rule T-ECHO did not complete: stopped at --max-findings 2"), std::string::npos) << r.err;
    auto report = nlohmann::json::parse(r.out);
    EXPECT_EQ(report["findings"].size(), 2u);
    EXPECT_EQ(rule(report, "T-ECHO")["status"], "error");
    // Exactly as many findings as the limit is a complete run, not a stopped one.
    r = check({"--rule", "T-ECHO", "--max-findings", "3"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    report = nlohmann::json::parse(r.out);
    EXPECT_EQ(report["findings"].size(), 3u);
    EXPECT_EQ(rule(report, "T-ECHO")["status"], "ok");
}

}  // namespace
}  // namespace recallguard
