// The text report: grouping, the summary line, failed rules, colour only on request, and
// terminal-safe rendering of hostile values.
#include <gtest/gtest.h>

#include "golden.h"
#include "report/report.h"
#include "report_sample.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;

TEST(TextReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.txt", render(sample_report(), Format::Text));
}

TEST(TextReport, ColouredVariantMatchesGoldenFile) {
    ReportOptions options;
    options.color = true;
    recallguard::testing::expect_golden("report/sample.color.txt", render(sample_report(), Format::Text, options));
}

TEST(TextReport, EndsWithTheSummaryLine) {
    const std::string text = render(sample_report(), Format::Text);
    const std::string last_line =
        "8 findings (2 late, 3 missing, 1 violation, 2 signals) in 3 companies; "
        "8 rules ran, 1 failed, 1 skipped\n";
    ASSERT_GE(text.size(), last_line.size());
    EXPECT_EQ(text.substr(text.size() - last_line.size()), last_line);
}

TEST(TextReport, GroupsByCompanyThenRule) {
    const std::string text = render(sample_report(), Format::Text);
    const auto acme = text.find("ACME-CN (Acme Power \"Shenzhen\" Co., Ltd. <b>)  5 findings\n");
    const auto us = text.find("US-CO (US Consumer Goods, Inc.)  2 findings\n");
    const auto shenzhen = text.find("深圳电源有限公司  1 finding\n");
    ASSERT_NE(acme, std::string::npos);
    ASSERT_NE(us, std::string::npos);
    ASSERT_NE(shenzhen, std::string::npos);
    EXPECT_LT(acme, us);
    EXPECT_LT(us, shenzhen);  // company ids sort bytewise
    // One header per rule within a company, with citation and title, then the instrument.
    const std::string harm =
        "  CN-CP-HARM-REPORT  Art. 8(1)(1) — Report death or serious injury within 2 working days\n"
        "    under 消费品召回管理暂行规定 (Interim Provisions); SAMR Order No. 19 <2019>\n";
    EXPECT_EQ(text.find(harm), text.rfind(harm));
    EXPECT_NE(text.find(harm + "    late       incidents:INC-1  due 2025-03-05  done 2025-03-07  (2 days late)  "
                               "Incident report filed 2 days late\n"
                               "    missing    incidents:INC-2  due 2025-04-03  (188 days overdue)  "
                               "<script>alert(1)</script>\n"),
              std::string::npos);
    EXPECT_NE(text.find("    missing    recalls:R-1#2  due 2025-07-14  (86 days overdue)  Stage report for period "
                        "2\\nnever filed\n"),
              std::string::npos);
}

TEST(TextReport, ListsFailedAndSkippedRulesWithTheirDetail) {
    const std::string text = render(sample_report(), Format::Text);
    EXPECT_NE(text.find("Rules that failed:\n  SIG-STALLED-CASE  calendar CN has no data for 2027"), std::string::npos);
    EXPECT_NE(text.find("Rules skipped:\n  CN-CP-CCC  no power_bank products\n"), std::string::npos);
}

TEST(TextReport, HostileTextCannotDriveTheTerminal) {
    const std::string plain = render(sample_report(), Format::Text);
    EXPECT_EQ(plain.find('\x1b'), std::string::npos);
    EXPECT_EQ(plain.find('\0'), std::string::npos);
    EXPECT_NE(plain.find("nul\\u{00}byte and a \\u{1b}[31mred\\u{1b}[0m"), std::string::npos);
}

TEST(TextReport, ColoursOnlyWhenAsked) {
    ReportOptions options;
    options.color = true;
    const std::string coloured = render(sample_report(), Format::Text, options);
    EXPECT_NE(coloured.find("\x1b[33mlate     \x1b[0m"), std::string::npos);
    EXPECT_NE(coloured.find("\x1b[31mmissing  \x1b[0m"), std::string::npos);
    // The finding's own escape sequence stays neutralised even with colour on.
    EXPECT_EQ(coloured.find("\x1b[31mred"), std::string::npos);
}

TEST(TextReport, SaysSoWhenThereAreNoFindings) {
    auto report = sample_report();
    report.findings.clear();
    report.statuses.erase(report.statuses.begin() + 6, report.statuses.end());  // only the ok rules
    const std::string text = render(report, Format::Text);
    EXPECT_NE(text.find("No findings.\n"), std::string::npos);
    EXPECT_NE(text.find("0 findings in 0 companies; 6 rules ran, 0 failed\n"), std::string::npos);
    EXPECT_EQ(text.find("Rules that failed"), std::string::npos);
}

TEST(TextReport, TimingsListEveryRuleWhenRequested) {
    ReportOptions options;
    options.include_timings = true;
    const std::string text = render(sample_report(), Format::Text, options);
    EXPECT_NE(text.find("Rule timings:\n"), std::string::npos);
    EXPECT_NE(text.find("       6.5 ms  SIG-FIRE-CLUSTER\n"), std::string::npos);
    EXPECT_NE(text.find("      18.9 ms  total\n"), std::string::npos);
}

TEST(TextReport, StartsWithTheSummaryAndTablesPerCompanyAndRule) {
    const std::string text = render(sample_report(), Format::Text);
    const auto summary = text.find("8 findings (2 late, 3 missing, 1 violation, 2 signals) in 3 companies");
    const auto companies = text.find("Findings by company\n");
    const auto rules = text.find("Findings by rule\n");
    const auto detail = text.find("Findings by company, then rule\n");
    ASSERT_NE(companies, std::string::npos);
    ASSERT_NE(rules, std::string::npos);
    EXPECT_LT(summary, companies);
    EXPECT_LT(companies, rules);
    EXPECT_LT(rules, detail);
    // Counts first, the company (any script, any width) last: the columns stay aligned.
    EXPECT_NE(text.find("      late   missing violation    signal   total  company\n"
                        "         1         2         1         1       5  ACME-CN (Acme Power \"Shenzhen\" Co., "
                        "Ltd. <b>)\n"
                        "         0         1         0         1       2  US-CO (US Consumer Goods, Inc.)\n"
                        "         1         0         0         0       1  深圳电源有限公司\n"),
              std::string::npos)
        << text;
    // Every rule, also those that found nothing.
    EXPECT_NE(text.find("         0         0         0         0       0  US-NHTSA-573\n"), std::string::npos) << text;
}

TEST(TextReport, TablesStayShortAtNationalScale) {
    auto report = sample_report();
    const auto model = report.findings.front();
    report.findings.clear();
    for (int company = 0; company < 1200; ++company)
        for (int k = 0; k <= company % 3; ++k) {
            auto f = model;
            f.company_id = "CO-" + std::to_string(10000 + company);
            f.company_name = "";
            f.subject_key = "INC-" + std::to_string(company) + "-" + std::to_string(k);
            report.findings.push_back(f);
        }
    const std::string text = render(report, Format::Text);
    const auto table = text.substr(0, text.find("Findings by rule\n"));
    EXPECT_NE(table.find("Findings by company: the 20 with the most, of 1,200\n"), std::string::npos) << table;
    EXPECT_NE(table.find("1,180 other companies (each listed in the detail below)\n"), std::string::npos) << table;
    EXPECT_NE(table.find("       3  CO-10002\n"), std::string::npos) << table;  // the most first, then by id
    EXPECT_EQ(table.find("CO-10000\n"), std::string::npos);                     // one finding: summed in the rest
    EXPECT_LT(std::count(table.begin(), table.end(), '\n'), 30);
    EXPECT_NE(text.find("2,400 findings (2,400 late)"), std::string::npos);
}

TEST(TextReport, ColourFollowsTheFlagThenNoColorThenTerm) {
    EXPECT_TRUE(use_color(ColorMode::Always, false, "1", "dumb"));
    EXPECT_FALSE(use_color(ColorMode::Never, true, nullptr, "xterm"));
    EXPECT_TRUE(use_color(ColorMode::Auto, true, nullptr, "xterm-256color"));
    EXPECT_TRUE(use_color(ColorMode::Auto, true, "", "xterm"));  // NO_COLOR="" does not count
    EXPECT_FALSE(use_color(ColorMode::Auto, true, "1", "xterm"));
    EXPECT_FALSE(use_color(ColorMode::Auto, true, nullptr, "dumb"));
    EXPECT_FALSE(use_color(ColorMode::Auto, false, nullptr, "xterm"));  // a file or a pipe
    EXPECT_EQ(parse_color_mode("always"), ColorMode::Always);
    EXPECT_EQ(parse_color_mode("sometimes"), std::nullopt);
}
