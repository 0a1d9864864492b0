// What every format promises: names parse, output is deterministic and independent of input
// order, output is valid UTF-8, and a failed stream is an error rather than a silent short report.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "common/errors.h"
#include "report/escaping.h"
#include "report/report.h"
#include "report_sample.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;

namespace {

const std::vector<Format> kAllFormats{Format::Text,  Format::Json,  Format::Jsonl, Format::Csv,
                                      Format::Sarif, Format::Junit, Format::Html};

}  // namespace

TEST(ReportFormat, ParsesEveryNameInAnyCaseAndRejectsOthers) {
    for (auto format : kAllFormats) {
        EXPECT_EQ(parse_format(format_name(format)), format);
    }
    EXPECT_EQ(parse_format("SARIF"), Format::Sarif);
    EXPECT_EQ(parse_format("Html"), Format::Html);
    EXPECT_FALSE(parse_format("xml"));
    EXPECT_FALSE(parse_format(""));
    EXPECT_FALSE(parse_format("json "));
    EXPECT_EQ(format_names(), (std::vector<std::string>{"text", "json", "jsonl", "csv", "sarif", "junit", "html"}));
}

TEST(ReportFormat, SameReportGivesSameBytesWhateverTheInputOrder) {
    const auto report = sample_report();
    auto shuffled = report;
    std::mt19937 random(7);
    std::shuffle(shuffled.rules.begin(), shuffled.rules.end(), random);
    std::shuffle(shuffled.statuses.begin(), shuffled.statuses.end(), random);
    std::shuffle(shuffled.findings.begin(), shuffled.findings.end(), random);
    for (auto format : kAllFormats) {
        SCOPED_TRACE(format_name(format));
        const std::string first = render(report, format);
        EXPECT_FALSE(first.empty());
        EXPECT_EQ(first, render(report, format));
        EXPECT_EQ(first, render(shuffled, format));
    }
}

TEST(ReportFormat, TimingsAppearOnlyWhenAskedFor) {
    auto report = sample_report();
    for (auto format : kAllFormats) {
        if (format == Format::Junit) continue;  // JUnit always has its time attributes (CI charts them)
        SCOPED_TRACE(format_name(format));
        auto slower = report;
        for (auto& status : slower.statuses) status.elapsed_ms *= 3;
        EXPECT_EQ(render(report, format), render(slower, format));
    }
    ReportOptions timings;
    timings.include_timings = true;
    for (auto format : {Format::Text, Format::Json, Format::Html, Format::Junit}) {
        SCOPED_TRACE(format_name(format));
        auto slower = report;
        for (auto& status : slower.statuses) status.elapsed_ms *= 3;
        EXPECT_NE(render(report, format, timings), render(slower, format, timings));
    }
}

TEST(ReportFormat, OutputIsValidUtf8EvenWhenValuesAreNot) {
    const auto report = sample_report();  // one finding's message holds the bytes FF FE
    for (auto format : kAllFormats) {
        if (format == Format::Csv) continue;  // CSV keeps every byte as given (see the CSV tests)
        SCOPED_TRACE(format_name(format));
        const std::string output = render(report, format);
        EXPECT_EQ(sanitize_utf8(output), output);
    }
}

TEST(ReportFormat, FailedStreamIsAnErrorNotAShortReport) {
    const auto report = sample_report();
    for (auto format : kAllFormats) {
        SCOPED_TRACE(format_name(format));
        std::ostringstream out;
        out.setstate(std::ios::badbit);
        EXPECT_THROW(write_report(report, format, out, {}), InputError);  // the environment failed: exit 2
    }
}

TEST(ReportFormat, EmptyReportStillRendersInEveryFormat) {
    findings::AuditReport empty;
    empty.run.tool_version = "0.1.0";
    for (auto format : kAllFormats) {
        SCOPED_TRACE(format_name(format));
        EXPECT_NO_THROW(render(empty, format));
    }
    EXPECT_EQ(render(empty, Format::Jsonl), "");
}

TEST(Escaping, RepairsMalformedUtf8AndKeepsValidText) {
    EXPECT_EQ(sanitize_utf8("a\xff"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
    EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a UTF-16 surrogate
    EXPECT_EQ(sanitize_utf8("\xE4\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated
    EXPECT_EQ(sanitize_utf8("召回 ✓ 😀"), "召回 ✓ 😀");
}

TEST(Escaping, MarkupEscapesSpecialsAndDropsWhatXmlCannotHold) {
    using namespace std::string_literals;
    EXPECT_EQ(markup_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(markup_escape("a\0b\x01\x1f"s + "c\tline\nnext"), "abc\tline\nnext");
    EXPECT_EQ(markup_escape("\xEF\xBF\xBE"), "");  // U+FFFE
    EXPECT_EQ(xml_attribute_escape("one\ntwo\tthree\r"), "one&#10;two&#9;three&#13;");
}

TEST(Escaping, TerminalSafeTextCannotDriveTheTerminal) {
    using namespace std::string_literals;
    EXPECT_EQ(terminal_safe("\x1b[31mred\x1b[0m"), "\\u{1b}[31mred\\u{1b}[0m");
    EXPECT_EQ(terminal_safe("a\nb\tc\0d"s), "a\\nb\\tc\\u{00}d");
    EXPECT_EQ(terminal_safe("\xC2\x9B"
                            "2J"),
              "\\u{9b}2J");  // C1 CSI
    EXPECT_EQ(terminal_safe("逾期"), "逾期");
}

// A finding per group (`group by`): its subject is the keys, its company none when its rows are of
// several companies, and its evidence lists the rows (`members`). Every format names the rows and
// the instrument, and none writes an empty company where it names one.
TEST(ReportFormat, AFindingPerGroupShowsItsMembersInEveryFormat) {
    auto report = sample_report();
    auto group = report.findings.back();
    group.rule_id = "SIG-FIRE-CLUSTER";
    group.status = findings::Status::Signal;
    group.subject_table = "incidents";
    group.subject_key = "explosion/power_bank";
    group.company_id.clear();
    group.company_name.clear();
    group.trigger_date.reset();
    group.due.reset();
    group.done.reset();
    group.days_late.reset();
    group.days_overdue.reset();
    group.filing_location.reset();
    group.baseline_state.clear();
    group.message = "explosions in power banks of several companies";
    group.evidence = {{"members", "INC-31, INC-47, INC-52"}, {"fires", 3}};
    report.findings.push_back(group);
    for (auto format : kAllFormats) {
        const std::string out = render(report, format);
        EXPECT_NE(out.find("INC-31, INC-47, INC-52"), std::string::npos) << format_name(format) << ": no members";
        EXPECT_NE(out.find("explosion/power_bank"), std::string::npos) << format_name(format);
        EXPECT_NE(out.find("Interim Provisions"), std::string::npos) << format_name(format) << ": no instrument";
        EXPECT_EQ(out.find("Company: ."), std::string::npos) << format_name(format);
        EXPECT_EQ(out.find("company: \n"), std::string::npos) << format_name(format);
    }
    EXPECT_NE(render(report, Format::Text).find("members: INC-31, INC-47, INC-52\n"), std::string::npos);
    EXPECT_NE(render(report, Format::Sarif).find("Company: (no company)."), std::string::npos);
}
