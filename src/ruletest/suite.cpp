#include "ruletest/suite.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace recallguard::ruletest {

Suite load_suite(const std::vector<std::string>& test_files) {
    Suite suite;
    for (const auto& path : test_files) suite.files.push_back(read_rule_test(path, suite.diagnostics));
    return suite;
}

void check_suite_rules(Suite& suite, const checker::BoundProgram& program) {
    std::vector<std::string> known;
    for (const auto& rule : program.rules) known.push_back(rule->rule->id);
    auto is_known = [&](const std::string& id) { return std::find(known.begin(), known.end(), id) != known.end(); };
    auto unknown = [&](const std::string& id, const SourceLocation& where) {
        std::string message = "no rule '" + id + "' in the rules given";
        const std::string match = closest_match(id, known);
        if (!match.empty()) message += "; did you mean '" + match + "'?";
        suite.diagnostics.error(DiagnosticCode::TestUnknownRule, where, message, static_cast<int>(id.size()));
    };
    for (const auto& file : suite.files) {
        for (const auto& test : file.tests) {
            for (const auto& id : test.rules)
                if (!is_known(id)) unknown(id, test.rules_location);
            for (const auto& expected : test.expected) {
                const auto& id = expected.fields[static_cast<size_t>(FindingField::Rule)];
                if (!id) continue;
                const SourceLocation where{expected.location.file, expected.location.line, 1};
                if (!is_known(*id)) {
                    unknown(*id, where);
                } else if (!test.rules.empty() && std::count(test.rules.begin(), test.rules.end(), *id) == 0) {
                    suite.diagnostics.error(DiagnosticCode::TestUnknownRule, where,
                                            "rule " + *id + " is expected here but not in the test's `rules` line");
                }
            }
        }
    }
}

std::string render_suite_diagnostics(const Suite& suite) {
    std::string out;
    for (const auto& diagnostic : suite.diagnostics.sorted()) {
        std::string text;
        for (const auto& file : suite.files)
            if (file.path == diagnostic.location.file) text = file.text;
        out += render_diagnostic(diagnostic, text);
    }
    return out;
}

std::vector<TestOutcome> run_suite(const engine::LoadOptions& load, const engine::LoadedRules& rules,
                                   const Suite& suite, const std::function<void(const TestOutcome&)>& on_outcome) {
    // Rules loaded with each distinct set of overrides, loaded once.
    std::map<std::map<std::string, std::string>, engine::LoadedRules> variants;
    std::vector<TestOutcome> outcomes;
    for (const auto& file : suite.files) {
        for (const auto& test : file.tests) {
            const engine::LoadedRules* test_rules = &rules;
            if (!test.params.empty()) {
                auto it = variants.find(test.params);
                if (it == variants.end()) {
                    engine::LoadOptions options = load;
                    for (const auto& [key, value] : test.params) options.param_overrides[key] = value;
                    it = variants.emplace(test.params, engine::load_rules(options)).first;
                }
                test_rules = &it->second;
            }
            if (test_rules->diagnostics.has_errors()) {
                TestOutcome outcome;
                outcome.file = file.path;
                outcome.test = &test;
                outcome.result = TestOutcome::Result::Error;
                outcome.error = test.params_location.to_string() + ": the test's `param` lines are not valid:";
                for (const auto& d : test_rules->diagnostics.sorted())
                    if (d.severity == Severity::Error) outcome.error += " " + d.message + ";";
                outcome.error.pop_back();
                outcomes.push_back(std::move(outcome));
            } else {
                outcomes.push_back(run_test(*test_rules, file.path, test));
            }
            if (on_outcome) on_outcome(outcomes.back());
        }
    }
    return outcomes;
}

std::string outcome_line(const TestOutcome& outcome) {
    // A test that could not run is a FAIL too (with its error below); the exit code tells them apart.
    const char* word = outcome.result == TestOutcome::Result::Pass ? "PASS" : "FAIL";
    std::ostringstream out;
    out << word << " " << outcome.file << ":" << outcome.test->location.line << " " << outcome.test->name << "\n";
    out << describe_failure(outcome);
    return out.str();
}

std::string summary_line(const std::vector<TestOutcome>& outcomes) {
    const auto passed = std::count_if(outcomes.begin(), outcomes.end(),
                                      [](const TestOutcome& o) { return o.result == TestOutcome::Result::Pass; });
    const auto failed = static_cast<long>(outcomes.size()) - passed;
    return std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
}

}  // namespace recallguard::ruletest
