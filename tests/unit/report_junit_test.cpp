// The JUnit XML report, parsed with pugixml: suites per rule, testcases per subject, correct counts,
// and hostile values escaped (or dropped when XML 1.0 cannot hold them).
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "golden.h"
#include "report/report.h"
#include "report_sample.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;

namespace {

struct Parsed {
    pugi::xml_document doc;
    pugi::xml_parse_result result;
};

void parse(Parsed& parsed, const std::string& xml) {
    parsed.result = parsed.doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration);
}

pugi::xml_node suite(const pugi::xml_document& doc, const char* name) {
    return doc.child("testsuites").find_child_by_attribute("testsuite", "name", name);
}

}  // namespace

TEST(JunitReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.junit.xml", render(sample_report(), Format::Junit));
}

TEST(JunitReport, ParsesAndHasASuitePerRuleWithCorrectCounts) {
    Parsed parsed;
    parse(parsed, render(sample_report(), Format::Junit));
    ASSERT_TRUE(parsed.result) << parsed.result.description() << " at offset " << parsed.result.offset;
    const auto root = parsed.doc.child("testsuites");
    ASSERT_TRUE(root);

    int suites = 0, tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const auto& s : root.children("testsuite")) {
        ++suites;
        int t = 0, f = 0, e = 0, k = 0;
        for (const auto& c : s.children("testcase")) {
            ++t;
            EXPECT_STREQ(c.attribute("classname").value(), s.attribute("name").value());
            f += c.child("failure") ? 1 : 0;
            e += c.child("error") ? 1 : 0;
            k += c.child("skipped") ? 1 : 0;
        }
        SCOPED_TRACE(s.attribute("name").value());
        EXPECT_EQ(s.attribute("tests").as_int(-1), t);
        EXPECT_EQ(s.attribute("failures").as_int(-1), f);
        EXPECT_EQ(s.attribute("errors").as_int(-1), e);
        EXPECT_EQ(s.attribute("skipped").as_int(-1), k);
        tests += t, failures += f, errors += e, skipped += k;
    }
    EXPECT_EQ(suites, 9);
    EXPECT_EQ(root.attribute("tests").as_int(-1), tests);
    EXPECT_EQ(root.attribute("failures").as_int(-1), failures);
    EXPECT_EQ(root.attribute("errors").as_int(-1), errors);
    EXPECT_EQ(root.attribute("skipped").as_int(-1), skipped);
    // 8 findings on 8 subjects fail; 1 error; 1 skipped; US-NHTSA-573 passes.
    EXPECT_EQ(failures, 8);
    EXPECT_EQ(errors, 1);
    EXPECT_EQ(skipped, 1);
    EXPECT_EQ(tests, 11);
}

// CI dashboards chart `time` and link `file`: every suite has both, every test case its file.
TEST(JunitReport, SuitesCarryTimeAndFileAndTestCasesTheirFile) {
    Parsed parsed;
    parse(parsed, render(sample_report(), Format::Junit));
    ASSERT_TRUE(parsed.result);
    const auto root = parsed.doc.child("testsuites");
    EXPECT_STREQ(root.attribute("time").value(), "0.019");  // 18.875 ms in all
    for (const auto& s : root.children("testsuite")) {
        SCOPED_TRACE(s.attribute("name").value());
        EXPECT_TRUE(s.attribute("time"));
        EXPECT_NE(std::string(s.attribute("file").value()), "");
        for (const auto& c : s.children("testcase")) EXPECT_NE(std::string(c.attribute("file").value()), "");
    }
    const auto stage = root.find_child_by_attribute("testsuite", "name", "CN-CP-STAGE-REPORT");
    EXPECT_STREQ(stage.attribute("time").value(), "0.004");
    EXPECT_STREQ(stage.attribute("file").value(), "rules/cn_consumer.rule");
    // A finding located in a filing names the filing.
    const auto plan = root.find_child_by_attribute("testsuite", "name", "CN-CP-PLAN");
    EXPECT_STREQ(plan.child("testcase").attribute("file").value(), "filings/2025 plan#1.json");
}

TEST(JunitReport, RuleOutcomesMapToFailureErrorSkippedAndPass) {
    Parsed parsed;
    parse(parsed, render(sample_report(), Format::Junit));
    ASSERT_TRUE(parsed.result);

    const auto harm = suite(parsed.doc, "CN-CP-HARM-REPORT");
    const auto inc1 = harm.find_child_by_attribute("testcase", "name", "incidents:INC-1");
    ASSERT_TRUE(inc1);
    EXPECT_STREQ(inc1.child("failure").attribute("type").value(), "late");
    EXPECT_STREQ(inc1.child("failure").attribute("message").value(), "Incident report filed 2 days late");
    const std::string details = inc1.child("failure").text().get();
    EXPECT_NE(details.find("due: 2025-03-05\ndone: 2025-03-07\ndays late: 2\n"), std::string::npos);

    const auto stage =
        suite(parsed.doc, "CN-CP-STAGE-REPORT").find_child_by_attribute("testcase", "name", "recalls:R-1#2");
    ASSERT_TRUE(stage);
    // The line break in the message survives as a character reference in the attribute.
    EXPECT_STREQ(stage.child("failure").attribute("message").value(), "Stage report for period 2\nnever filed");

    const auto error = suite(parsed.doc, "SIG-STALLED-CASE").child("testcase");
    EXPECT_STREQ(error.attribute("name").value(), "all subjects");
    EXPECT_STREQ(error.child("error").attribute("message").value(),
                 "calendar CN has no data for 2027 (needed for a deadline after 2026-12-31)");

    const auto skip = suite(parsed.doc, "CN-CP-CCC").child("testcase");
    EXPECT_TRUE(skip.child("skipped"));
    EXPECT_STREQ(skip.child("skipped").attribute("message").value(), "no power_bank products");

    const auto pass = suite(parsed.doc, "US-NHTSA-573").child("testcase");
    EXPECT_STREQ(pass.attribute("name").value(), "all subjects");
    EXPECT_FALSE(pass.first_child());
}

TEST(JunitReport, HostileValuesAreEscapedOrDropped) {
    Parsed parsed;
    const std::string xml = render(sample_report(), Format::Junit);
    parse(parsed, xml);
    ASSERT_TRUE(parsed.result) << parsed.result.description();
    EXPECT_EQ(xml.find('\0'), std::string::npos);
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    EXPECT_EQ(xml.find("<script>"), std::string::npos);

    const auto stop = suite(parsed.doc, "CN-CP-STOP-SALE").child("testcase");
    EXPECT_STREQ(stop.attribute("name").value(), "defect_cases:'; DROP TABLE filings; --");
    EXPECT_STREQ(stop.child("failure").attribute("message").value(), "He said \"stop\", she said 'no'; sales went on");

    const auto fire =
        suite(parsed.doc, "SIG-FIRE-CLUSTER").find_child_by_attribute("testcase", "name", "products:-P-7");
    // NUL and ESC cannot exist in XML 1.0: they are dropped, the rest of the text stays.
    EXPECT_STREQ(fire.child("failure").attribute("message").value(), "nulbyte and a [31mred[0m");

    const auto plan = suite(parsed.doc, "CN-CP-PLAN").child("testcase");
    EXPECT_STREQ(plan.child("failure").attribute("message").value(), "召回计划逾期提交");
}

TEST(JunitReport, SeveralFindingsOnOneSubjectShareOneTestcase) {
    auto report = sample_report();
    auto extra = report.findings.front();  // INC-1, late
    extra.status = findings::Status::Missing;
    extra.message = "second problem";
    report.findings.push_back(extra);
    Parsed parsed;
    parse(parsed, render(report, Format::Junit));
    const auto harm = suite(parsed.doc, "CN-CP-HARM-REPORT");
    EXPECT_EQ(harm.attribute("tests").as_int(), 2);
    EXPECT_EQ(harm.attribute("failures").as_int(), 2);
    const auto inc1 = harm.find_child_by_attribute("testcase", "name", "incidents:INC-1");
    EXPECT_STREQ(inc1.child("failure").attribute("type").value(), "late,missing");
    EXPECT_STREQ(inc1.child("failure").attribute("message").value(),
                 "Incident report filed 2 days late; second problem");
}
