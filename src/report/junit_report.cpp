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
    TestCase(std::string test_name, std::string test_file) : name(std::move(test_name)), file(std::move(test_file)) {}
    std::string name;
    std::string file;                      // where the problem is written: the filing, else the rule file
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
                            subject_name(*f), company_text(f->company_id, f->company_name));
        if (f->trigger_date) text += "trigger date: " + *f->trigger_date + "\n";
        if (f->due) text += "due: " + *f->due + "\n";
        if (f->done) text += "done: " + *f->done + "\n";
        if (f->days_late) text += fmt::format("days late: {}\n", *f->days_late);
        if (f->days_overdue) text += fmt::format("days overdue: {}\n", *f->days_overdue);
        const std::string instrument = instrument_text(f->instrument, f->instrument_source);
        if (!instrument.empty()) text += "instrument: " + instrument + "\n";
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
    if (!test.file.empty()) out << " file=\"" << xml_attribute_escape(test.file) << "\"";
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
    const std::string rule_file = row.info ? row.info->location.file : "";
    std::vector<TestCase> tests;
    std::map<std::string, size_t> by_subject;
    for (const auto* f : all) {
        if (f->rule_id != row.id || f->rule_version != row.version) continue;
        const std::string name = subject_name(*f);
        auto [it, inserted] = by_subject.emplace(name, tests.size());
        if (inserted) {
            const bool in_filing = f->filing_location && !f->filing_location->file.empty();
            tests.emplace_back(name, in_filing                        ? f->filing_location->file
                                     : !f->rule_location.file.empty() ? f->rule_location.file
                                                                      : rule_file);
        }
        tests[it->second].findings.push_back(f);
    }
    const auto* status = row.status;
    const bool failed = status && status->state == RuleRunStatus::State::Error;
    const bool skipped = status && status->state == RuleRunStatus::State::Skipped;
    if (tests.empty() || failed || skipped) {
        TestCase all_subjects("all subjects", rule_file);
        if (failed) all_subjects.error = status->detail.empty() ? "the rule failed" : status->detail;
        if (skipped) all_subjects.skipped = status->detail;
        tests.push_back(all_subjects);
    }
    return tests;
}

}  // namespace

// Every suite has `time` (the rule's run, in seconds) and `file` (where the rule is written), every
// test case `file`: CI dashboards link and chart by them. Unlike the other formats, JUnit therefore
// shows timings whether or not --timings was given.
void write_junit(const AuditReport& report, std::ostream& out, const ReportOptions&) {
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
        const double elapsed_ms = row.status ? row.status->elapsed_ms : 0;
        suites << fmt::format(" time=\"{:.3f}\"", elapsed_ms / 1000);
        total_ms += elapsed_ms;
        if (row.info && !row.info->location.file.empty())
            suites << " file=\"" << xml_attribute_escape(row.info->location.file) << "\"";
        suites << ">\n" << cases.str() << "  </testsuite>\n";
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"" << xml_attribute_escape(report.run.tool_name) << "\" tests=\"" << total.tests
        << "\" failures=\"" << total.failures << "\" errors=\"" << total.errors << "\" skipped=\"" << total.skipped
        << "\"";
    out << fmt::format(" time=\"{:.3f}\"", total_ms / 1000);
    out << ">\n" << suites.str() << "</testsuites>\n";
}

}  // namespace recallguard::report
