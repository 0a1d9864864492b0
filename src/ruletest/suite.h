// A run of many rule tests: loading the files, checking them against the rules, running
// them, and reporting (one line per test, summary, JUnit XML, coverage of rules and statuses).
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "checker/bound_program.h"
#include "engine/rule_loader.h"
#include "ruletest/runner.h"
#include "ruletest/test_case.h"

namespace recallguard::ruletest {

struct Suite {
    std::vector<RuleTestFile> files;
    DiagnosticBag diagnostics;
};

// Reads and parses every file. Problems are collected in `diagnostics`, all at once.
Suite load_suite(const std::vector<std::string>& test_files);

// Every rule a test names (in `rules` or in an expected finding) must be loaded, and an
// expected finding's rule must be in the test's selection: E-TEST-UNKNOWN-RULE otherwise.
void check_suite_rules(Suite& suite, const checker::BoundProgram& program);

std::string render_suite_diagnostics(const Suite& suite);

// Runs every test in file order, calling `on_outcome` after each (for progress output). A test
// with `param` lines runs on the rules loaded again from `load` with its overrides.
std::vector<TestOutcome> run_suite(const engine::LoadOptions& load, const engine::LoadedRules& rules,
                                   const Suite& suite, const std::function<void(const TestOutcome&)>& on_outcome);

// `PASS file:line name` or `FAIL file:line name`, then the diff (or the error) when not passed.
std::string outcome_line(const TestOutcome& outcome);

// Exactly `N passed, M failed` (errors count as failed).
std::string summary_line(const std::vector<TestOutcome>& outcomes);

// One <testcase> per test, grouped in a <testsuite> per file; escaped, valid UTF-8.
void write_junit(const std::vector<TestOutcome>& outcomes, std::ostream& out);

// Coverage of (rule, status) pairs by the tests.
struct RuleCoverage {
    std::string rule_id;
    std::string form;                    // deadline, periodic, violation, signal
    std::vector<std::string> tests;      // `file:line name` of the tests that exercise the rule
    std::vector<std::string> reachable;  // statuses the rule can produce, in display order
    std::set<std::string> reached;       // statuses some test expects
};

struct Coverage {
    std::vector<RuleCoverage> rules;  // every loaded rule, in id order
    size_t pairs = 0;
    size_t covered = 0;
    double percent() const {
        return pairs == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(pairs);
    }
};

// A test exercises a rule when the rule is in its selection and its rows include at least
// one row of the rule's subject table. Deadline and periodic rules can reach late, missing
// and met/pending (met: an exercising test expects no finding of the rule; pending: it
// expects status pending); violation rules reach violation; signal rules signal.
Coverage compute_coverage(const checker::BoundProgram& program, const Suite& suite);

void write_coverage(const Coverage& coverage, std::ostream& out);

}  // namespace recallguard::ruletest
