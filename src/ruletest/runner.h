// Runs rule tests: builds each test's fixture database, audits it, and compares the findings.
#pragma once

#include <string>
#include <vector>

#include "engine/rule_loader.h"
#include "ruletest/test_case.h"

namespace recallguard::ruletest {

struct TestOutcome {
    enum class Result { Pass, Fail, Error } result = Result::Pass;
    std::string file;
    const RuleTestCase* test = nullptr;
    std::vector<ExpectedFinding> unmatched_expected;  // expected but not produced
    std::vector<FindingRow> unexpected;               // produced but not expected
    // Error: bad fixture, unknown rule, rule failure. Fail of an `expect error` test: what happened instead.
    std::string error;
    double elapsed_ms = 0;
};

// Builds a fresh case database at `path` from the test's rows (foreign-key order, bound
// values). Throws InputError naming file:line of a row the data model rejects.
void build_fixture_database(const RuleTestCase& test, const std::string& path);

// The actual findings of an audit as comparable rows.
FindingRow finding_row(const std::string& rule, const std::string& subject, const std::optional<int>& period,
                       const std::string& status, const std::optional<std::string>& due,
                       const std::optional<std::string>& done, const std::optional<int64_t>& days_late);

// Runs one test against already loaded rules. Never throws for bad input: that is Result::Error.
TestOutcome run_test(const engine::LoadedRules& rules, const std::string& file, const RuleTestCase& test);

// `file:line name` and, on failure, the expected-vs-actual table or the error, for a terminal.
std::string describe_failure(const TestOutcome& outcome);

// The *.ruletest files under the folders (recursive, sorted); files are taken as given.
std::vector<std::string> find_test_files(const std::vector<std::string>& paths);

}  // namespace recallguard::ruletest
