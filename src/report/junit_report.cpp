// The JUnit XML report for CI dashboards: one testsuite per rule, one failing testcase per subject
// with findings, one passing testcase when the rule found nothing.
#include <fmt/format.h>

#include <map>
#include <sstream>

#include "report/escaping.h"
#include "report/formats.h"
#include "report/summary.h"

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using findings::RuleRunStatus;

namespace {

struct TestCase {
    explicit TestCase(std::string test_name) : name(std::move(test_name)) {}
    std::string name;
    std::vector<const Finding*> findings;  // failing when non-empty
    std::optional<std::string> error;      // the rule failed: this is why
    std::optional<std::string> skipped;    // the rule was skipped: this is why
};

struct TestCounts {
    size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    void add(const TestCounts& other) {
        tests += other.tests, failures += other.failures, errors += other.errors, skipped += other.skipped;
    }
};

std::string subject_name(const Finding& f) {
    std::string name = f.subject_table + ":" + f.subject_key;
    if (f.period) name += "#" + std::to_string(*f.period);
    return name;
}

std::string failure_details(const std::vector<const Finding*>& group) {
    std::string text;
    for (const auto* f : group) {
        if (!text.empty()) text += "\n";
        text += fmt::format("status: {}\nsubject: {}\ncompany: {}\n", findings::status_name(f->status),
                            subject_name(*f), f->company_id);
        if (f->trigger_date) text += "trigger date: " + *f->trigger_date + "\n";
        if (f->due) text += "due: " + *f->due + "\n";
        if (f->done) text += "done: " + *f->done + "\n";
        if (f->days_late) text += fmt::format("days late: {}\n", *f->days_late);
        if (!f->citation.empty()) text += "citation: " + f->citation + "\n";
        text += "message: " + f->message + "\n";
        if (!f->evidence.empty()) text += "evidence: " + dump_json(f->evidence, -1) + "\n";
    }
    return text;
}

std::string joined(const std::vector<const Finding*>& group, bool statuses) {
    std::string text;
    for (const auto* f : group) {
        const std::string part = statuses ? findings::status_name(f->status) : f->message;
        if (statuses && text.find(part) != std::string::npos) continue;
        text += (text.empty() ? "" : statuses ? "," : "; ") + part;
    }
    return text;
}

TestCounts write_testcase(const std::string& rule_id, const TestCase& test, std::ostream& out) {
    TestCounts counts;
    counts.tests = 1;
    out << "    <testcase classname=\"" << xml_attribute_escape(rule_id) << "\" name=\""
        << xml_attribute_escape(test.name) << "\"";
    if (test.findings.empty() && !test.error && !test.skipped) {
        out << "/>\n";
        return counts;
    }
    out << ">\n";
    if (!test.findings.empty()) {
        counts.failures = 1;
        out << "      <failure type=\"" << xml_attribute_escape(joined(test.findings, true)) << "\" message=\""
            << xml_attribute_escape(joined(test.findings, false)) << "\">"
            << markup_escape(failure_details(test.findings)) << "</failure>\n";
    }
    if (test.error) {
        counts.errors = 1;
        out << "      <error type=\"rule_error\" message=\"" << xml_attribute_escape(*test.error) << "\">"
            << markup_escape(*test.error) << "</error>\n";
    }
    if (test.skipped) {
        counts.skipped = 1;
        out << "      <skipped message=\"" << xml_attribute_escape(*test.skipped) << "\"/>\n";
    }
    out << "    </testcase>\n";
    return counts;
}

std::vector<TestCase> testcases_for(const RuleRow& row, const std::vector<const Finding*>& all) {
    std::vector<TestCase> tests;
    std::map<std::string, size_t> by_subject;
    for (const auto* f : all) {
        if (f->rule_id != row.id || f->rule_version != row.version) continue;
        const std::string name = subject_name(*f);
        auto [it, inserted] = by_subject.emplace(name, tests.size());
        if (inserted) tests.emplace_back(name);
        tests[it->second].findings.push_back(f);
    }
    const auto* status = row.status;
    const bool failed = status && status->state == RuleRunStatus::State::Error;
    const bool skipped = status && status->state == RuleRunStatus::State::Skipped;
    if (tests.empty() || failed || skipped) {
        TestCase all_subjects("all subjects");
        if (failed) all_subjects.error = status->detail.empty() ? "the rule failed" : status->detail;
        if (skipped) all_subjects.skipped = status->detail;
        tests.push_back(all_subjects);
    }
    return tests;
}

}  // namespace

void write_junit(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const auto all = sorted_findings(report);
    std::ostringstream suites;
    TestCounts total;
    double total_ms = 0;
    for (const auto& row : rule_rows(report)) {
        std::ostringstream cases;
        TestCounts counts;
        for (const auto& test : testcases_for(row, all)) counts.add(write_testcase(row.key, test, cases));
        total.add(counts);
        suites << "  <testsuite name=\"" << xml_attribute_escape(row.key) << "\" tests=\"" << counts.tests
               << "\" failures=\"" << counts.failures << "\" errors=\"" << counts.errors << "\" skipped=\""
               << counts.skipped << "\"";
        if (options.include_timings && row.status) {
            suites << fmt::format(" time=\"{:.3f}\"", row.status->elapsed_ms / 1000);
            total_ms += row.status->elapsed_ms;
        }
        suites << ">\n" << cases.str() << "  </testsuite>\n";
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"" << xml_attribute_escape(report.run.tool_name) << "\" tests=\"" << total.tests
        << "\" failures=\"" << total.failures << "\" errors=\"" << total.errors << "\" skipped=\"" << total.skipped
        << "\"";
    if (options.include_timings) out << fmt::format(" time=\"{:.3f}\"", total_ms / 1000);
    out << ">\n" << suites.str() << "</testsuites>\n";
}

}  // namespace recallguard::report
