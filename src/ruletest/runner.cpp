#include "ruletest/runner.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "common/errors.h"
#include "common/temp_directory.h"
#include "engine/audit.h"

namespace recallguard::ruletest {
namespace {

namespace fs = std::filesystem;

bool matches(const ExpectedFinding& expected, const FindingRow& actual, const RuleTestCase& test) {
    for (size_t f = 0; f < kFindingFieldCount; ++f)
        if (test.compared[f] && expected.fields[f] != actual[f]) return false;
    return true;
}

// Rows as an aligned table over the compared columns, each line prefixed with `marker`.
void write_rows(std::ostream& out, const RuleTestCase& test, const std::vector<FindingRow>& rows, const char* marker) {
    // The compared columns; all of them when the test compares none (`expect nothing`).
    std::vector<size_t> fields;
    for (size_t f = 0; f < kFindingFieldCount; ++f)
        if (test.compared[f]) fields.push_back(f);
    if (fields.empty())
        for (size_t f = 0; f < kFindingFieldCount; ++f) fields.push_back(f);
    std::vector<size_t> widths;
    for (size_t f : fields) {
        size_t width = std::string(finding_field_name(static_cast<FindingField>(f))).size();
        for (const auto& row : rows) width = std::max(width, row[f].value_or("").size());
        widths.push_back(width);
    }
    auto line = [&](const std::string& prefix, auto cell) {
        std::string text = prefix;
        for (size_t i = 0; i < fields.size(); ++i) {
            std::string value = cell(fields[i]);
            value.resize(widths[i], ' ');
            text += (i ? " | " : "") + value;
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out << text << "\n";
    };
    line("        ", [](size_t f) { return std::string(finding_field_name(static_cast<FindingField>(f))); });
    for (const auto& row : rows)
        line(std::string("      ") + marker + " ", [&](size_t f) { return row[f].value_or(""); });
}

}  // namespace

FindingRow finding_row(const std::string& rule, const std::string& subject, const std::optional<int>& period,
                       const std::string& status, const std::optional<std::string>& due,
                       const std::optional<std::string>& done, const std::optional<int64_t>& days_late) {
    FindingRow row;
    row[static_cast<size_t>(FindingField::Rule)] = rule;
    row[static_cast<size_t>(FindingField::Subject)] = subject;
    if (period) row[static_cast<size_t>(FindingField::Period)] = std::to_string(*period);
    row[static_cast<size_t>(FindingField::Status)] = status;
    row[static_cast<size_t>(FindingField::Due)] = due;
    row[static_cast<size_t>(FindingField::Done)] = done;
    if (days_late) row[static_cast<size_t>(FindingField::DaysLate)] = std::to_string(*days_late);
    return row;
}

TestOutcome run_test(const engine::LoadedRules& rules, const std::string& file, const RuleTestCase& test) {
    const auto started = std::chrono::steady_clock::now();
    TestOutcome outcome;
    outcome.file = file;
    outcome.test = &test;
    try {
        TempDirectory folder("test");
        const std::string database = folder.file("case.db");
        build_fixture_database(test, database);
        engine::AuditOptions options;
        options.database = database;
        options.as_of = test.as_of;
        options.include_pending = test.include_pending;
        options.rule_ids = test.rules;
        const auto report = engine::run_audit(rules, options);
        std::string rule_errors;
        for (const auto& status : report.statuses)
            if (status.state == findings::RuleRunStatus::State::Error)
                rule_errors += (rule_errors.empty() ? "" : "; ") +
                               ("rule " + status.rule_id + " did not complete: " + status.detail);
        if (test.expected_error) {
            const bool ok = !rule_errors.empty() && rule_errors.find(*test.expected_error) != std::string::npos;
            outcome.result = ok ? TestOutcome::Result::Pass : TestOutcome::Result::Fail;
            if (!ok)
                outcome.error = "expected a rule error containing \"" + *test.expected_error + "\", " +
                                (rule_errors.empty() ? "but the audit completed with " +
                                                           std::to_string(report.findings.size()) + " findings"
                                                     : "but got: " + rule_errors);
            outcome.elapsed_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            return outcome;
        }
        if (!rule_errors.empty()) throw InputError(rule_errors);
        std::vector<FindingRow> actual;
        for (const auto& f : report.findings)
            actual.push_back(finding_row(f.rule_id, f.subject_key, f.period, findings::status_name(f.status), f.due,
                                         f.done, f.days_late));
        std::vector<bool> used(actual.size(), false);
        for (const auto& expected : test.expected) {
            bool found = false;
            for (size_t i = 0; i < actual.size() && !found; ++i) {
                if (used[i] || !matches(expected, actual[i], test)) continue;
                used[i] = found = true;
            }
            if (!found) outcome.unmatched_expected.push_back(expected);
        }
        for (size_t i = 0; i < actual.size(); ++i)
            if (!used[i]) outcome.unexpected.push_back(actual[i]);
        const bool ok = outcome.unmatched_expected.empty() && outcome.unexpected.empty();
        outcome.result = ok ? TestOutcome::Result::Pass : TestOutcome::Result::Fail;
    } catch (const InputError& e) {
        outcome.result = TestOutcome::Result::Error;
        outcome.error = e.what();
    }
    outcome.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

std::string describe_failure(const TestOutcome& outcome) {
    std::ostringstream out;
    if (outcome.result == TestOutcome::Result::Error) {
        out << "    error: " << outcome.error << "\n";
        return out.str();
    }
    if (outcome.result == TestOutcome::Result::Pass) return "";
    if (!outcome.error.empty()) out << "    " << outcome.error << "\n";
    const auto& test = *outcome.test;
    if (!outcome.unmatched_expected.empty()) {
        out << "    expected, not found:\n";
        std::vector<FindingRow> rows;
        for (const auto& e : outcome.unmatched_expected) rows.push_back(e.fields);
        write_rows(out, test, rows, "-");
        for (const auto& e : outcome.unmatched_expected)
            out << "      (expected at " << e.location.file << ":" << e.location.line << ")\n";
    }
    if (!outcome.unexpected.empty()) {
        out << "    found, not expected:\n";
        write_rows(out, test, outcome.unexpected, "+");
    }
    return out.str();
}

std::vector<std::string> find_test_files(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error))
            if (it->is_regular_file() && it->path().extension() == ".ruletest") found.push_back(it->path().string());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

}  // namespace recallguard::ruletest
