#include <cstdio>
#include <map>

#include "report/escaping.h"
#include "ruletest/suite.h"

namespace recallguard::ruletest {
namespace {

std::string attribute(const std::string& text) {
    return report::xml_attribute_escape(report::sanitize_utf8(text));
}
std::string content(const std::string& text) {
    return report::markup_escape(report::sanitize_utf8(text));
}

std::string seconds(double ms) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", ms / 1000.0);
    return buffer;
}

struct Counts {
    size_t tests = 0, failures = 0, errors = 0;
    double ms = 0;
    void add(const TestOutcome& o) {
        ++tests;
        failures += o.result == TestOutcome::Result::Fail;
        errors += o.result == TestOutcome::Result::Error;
        ms += o.elapsed_ms;
    }
};

std::string counts_attributes(const Counts& c) {
    return " tests=\"" + std::to_string(c.tests) + "\" failures=\"" + std::to_string(c.failures) + "\" errors=\"" +
           std::to_string(c.errors) + "\" time=\"" + seconds(c.ms) + "\"";
}

}  // namespace

void write_junit(const std::vector<TestOutcome>& outcomes, std::ostream& out) {
    // Files in first-seen order, each with its outcomes.
    std::vector<std::string> files;
    std::map<std::string, std::vector<const TestOutcome*>> by_file;
    Counts total;
    for (const auto& o : outcomes) {
        if (!by_file.count(o.file)) files.push_back(o.file);
        by_file[o.file].push_back(&o);
        total.add(o);
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"recallguard rule tests\"" << counts_attributes(total) << ">\n";
    for (const auto& file : files) {
        Counts counts;
        for (const auto* o : by_file[file]) counts.add(*o);
        out << "  <testsuite name=\"" << attribute(file) << "\"" << counts_attributes(counts) << ">\n";
        for (const auto* o : by_file[file]) {
            out << "    <testcase name=\"" << attribute(o->test->name) << "\" classname=\"" << attribute(file)
                << "\" file=\"" << attribute(file) << "\" line=\"" << o->test->location.line << "\" time=\""
                << seconds(o->elapsed_ms) << "\"";
            if (o->result == TestOutcome::Result::Pass) {
                out << "/>\n";
                continue;
            }
            const bool failure = o->result == TestOutcome::Result::Fail;
            const char* element = failure ? "failure" : "error";
            const std::string message = !o->error.empty() ? o->error : "the findings differ from the expected findings";
            out << ">\n      <" << element << " message=\"" << attribute(message) << "\">"
                << content(describe_failure(*o)) << "</" << element << ">\n    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace recallguard::ruletest
