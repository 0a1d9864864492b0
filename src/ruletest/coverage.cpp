#include <algorithm>
#include <cstdio>

#include "ruletest/suite.h"

namespace recallguard::ruletest {
namespace {

constexpr const char* kMetOrPending = "met/pending";

std::string form_of(const ast::Rule& rule) {
    if (rule.periodic) return "periodic";
    if (rule.deadline) return "deadline";
    if (rule.condition) return rule.condition->kind == ast::Condition::Kind::Signal ? "signal" : "violation";
    return "unknown";
}

std::vector<std::string> reachable_statuses(const std::string& form) {
    if (form == "deadline" || form == "periodic") return {"late", "missing", kMetOrPending};
    if (form == "violation") return {"violation"};
    if (form == "signal") return {"signal"};
    return {};
}

bool has_rows_of(const RuleTestCase& test, const std::string& table) {
    return std::any_of(test.blocks.begin(), test.blocks.end(),
                       [&](const RowBlock& b) { return b.table == table && !b.rows.empty(); });
}

}  // namespace

Coverage compute_coverage(const checker::BoundProgram& program, const Suite& suite) {
    Coverage coverage;
    for (const auto& bound : program.rules) {
        const std::string& id = bound->rule->id;
        // A rule written for several effective periods appears once per period; cover it once.
        if (!coverage.rules.empty() && coverage.rules.back().rule_id == id) continue;
        RuleCoverage rule;
        rule.rule_id = id;
        rule.form = form_of(*bound->rule);
        rule.reachable = reachable_statuses(rule.form);
        for (const auto& file : suite.files) {
            for (const auto& test : file.tests) {
                const bool selected = test.rules.empty() || std::count(test.rules.begin(), test.rules.end(), id) > 0;
                if (!selected || !has_rows_of(test, bound->subject_table)) continue;
                rule.tests.push_back(file.path + ":" + std::to_string(test.location.line) + " " + test.name);
                // A test that expects the audit to fail shows no status of the rule.
                if (test.expected_error) continue;
                bool expects_any = false;
                for (const auto& expected : test.expected) {
                    if (expected.fields[static_cast<size_t>(FindingField::Rule)] != id) continue;
                    expects_any = true;
                    const auto& status = expected.fields[static_cast<size_t>(FindingField::Status)];
                    if (!status) continue;
                    rule.reached.insert(*status == "pending" ? kMetOrPending : *status);
                }
                if (!expects_any) rule.reached.insert(kMetOrPending);
            }
        }
        coverage.pairs += rule.reachable.size();
        for (const auto& status : rule.reachable) coverage.covered += rule.reached.count(status);
        coverage.rules.push_back(std::move(rule));
    }
    return coverage;
}

void write_coverage(const Coverage& coverage, std::ostream& out) {
    size_t width = 4;
    for (const auto& rule : coverage.rules) width = std::max(width, rule.rule_id.size());
    out << "Coverage by rule (tests; statuses reached of those the rule can produce):\n";
    std::vector<std::string> untested, gaps;
    for (const auto& rule : coverage.rules) {
        std::string id = rule.rule_id;
        id.resize(width, ' ');
        std::string form = rule.form;
        form.resize(9, ' ');
        std::string count = std::to_string(rule.tests.size()) + (rule.tests.size() == 1 ? " test" : " tests");
        count.resize(std::max<size_t>(count.size(), 9), ' ');
        out << "  " << id << "  " << form << "  " << count << " ";
        std::vector<std::string> missing;
        for (const auto& status : rule.reachable) {
            const bool reached = rule.reached.count(status) > 0;
            out << " " << (reached ? "+" : "-") << status;
            if (!reached) missing.push_back(status);
        }
        out << "\n";
        if (rule.tests.empty()) untested.push_back(rule.rule_id);
        if (!missing.empty()) {
            std::string line = rule.rule_id + ":";
            for (const auto& status : missing) line += " " + status;
            gaps.push_back(line);
        }
    }
    out << "Rules with no test: " << (untested.empty() ? "none" : "") << "\n";
    for (const auto& id : untested) out << "  " << id << "\n";
    out << "Statuses no test reaches: " << (gaps.empty() ? "none" : "") << "\n";
    for (const auto& gap : gaps) out << "  " << gap << "\n";
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f", coverage.percent());
    out << "Coverage: " << coverage.covered << " of " << coverage.pairs << " (rule, status) pairs, " << percent
        << "%\n";
}

}  // namespace recallguard::ruletest
