// The HTML report: escaping checked on the bytes, then the page loaded in real headless Chromium
// (DOM, script errors, filtering, sorting, a screenshot).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "golden.h"
#include "report/report.h"
#include "report_sample.h"
#include "run_command.h"

using namespace recallguard;
using namespace recallguard::report;
using recallguard::report::testing::render;
using recallguard::report::testing::sample_report;
using recallguard::testing::CommandResult;
using recallguard::testing::ScratchDir;
using recallguard::testing::shell_quote;

namespace {

size_t count_of(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
    return count;
}

std::string chromium_path() {
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (std::filesystem::exists(candidate)) return candidate;
    return "";
}

// Headless Chromium on the page; `extra` adds e.g. --dump-dom or --screenshot. Bounded by
// `timeout` so a hung browser fails the test instead of the whole run.
CommandResult run_chromium(const ScratchDir& scratch, const std::string& url, const std::string& extra) {
    const auto profile = scratch.path() / "profile";
    std::filesystem::create_directories(profile);
    const std::string command = "timeout 20 " + shell_quote(chromium_path()) +
                                " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                                " --disable-background-networking --disable-component-update --disable-sync"
                                " --user-data-dir=" +
                                shell_quote(profile.string()) + " --enable-logging=stderr --v=0 " + extra + " " +
                                shell_quote(url);
    return recallguard::testing::run_command(command, scratch);
}

std::string write_page(const ScratchDir& scratch, const findings::AuditReport& report) {
    const auto page = scratch.path() / "report.html";
    std::ofstream(page, std::ios::binary) << render(report, Format::Html);
    return "file://" + page.string();
}

// Lines where the page's console spoke or a script threw; the page must be silent. Chromium logs
// console messages as "CONSOLE(line)" in older releases and ":CONSOLE:line]" in newer ones.
std::string console_problems(const std::string& stderr_text) {
    std::string problems;
    std::istringstream lines(stderr_text);
    std::string line;
    while (std::getline(lines, line))
        if (line.find("CONSOLE(") != std::string::npos || line.find(":CONSOLE:") != std::string::npos ||
            line.find("Uncaught") != std::string::npos)
            problems += line + "\n";
    return problems;
}

std::string text_of_element(const std::string& dom, const std::string& id) {
    const std::regex pattern("id=\"" + id + "\"[^>]*>([^<]*)<");
    std::smatch match;
    return std::regex_search(dom, match, pattern) ? match[1].str() : "<no element #" + id + ">";
}

// The finding rows of the DOM in document order, and how many the filter hid.
struct Rows {
    std::vector<std::string> rows;
    size_t hidden = 0;
};

Rows finding_rows(const std::string& dom) {
    Rows result;
    const std::regex row("<tr class=\"finding\"([^>]*)>([\\s\\S]*?)</tr>");
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), row); it != std::sregex_iterator(); ++it) {
        result.rows.push_back((*it)[2].str());
        if ((*it)[1].str().find(" hidden") != std::string::npos) ++result.hidden;
    }
    return result;
}

#define REQUIRE_CHROMIUM()       \
    if (chromium_path().empty()) \
    GTEST_SKIP() << "headless Chromium is not installed: apt-get install chromium (scripts/install-deps.sh)"

}  // namespace

TEST(HtmlReport, MatchesGoldenFile) {
    recallguard::testing::expect_golden("report/sample.html", render(sample_report(), Format::Html));
}

TEST(HtmlReport, EscapesEveryValue) {
    const std::string html = render(sample_report(), Format::Html);
    EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<code>defect_cases:&#39;; DROP TABLE filings; --</code>"), std::string::npos);
    EXPECT_NE(html.find("He said &quot;stop&quot;, she said &#39;no&#39;; sales went on"), std::string::npos);
    EXPECT_NE(html.find("<dt>&lt;tag&gt;</dt><dd>a&amp;b</dd>"), std::string::npos);
    EXPECT_NE(html.find("No sales after a defect conclusion &lt;b&gt;&quot;stop&quot;&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(html.find('\0'), std::string::npos);
    EXPECT_EQ(count_of(html, "<script"), 1u);  // only the page's own script
    EXPECT_EQ(count_of(html, "<tr class=\"finding\""), 8u);
    EXPECT_NE(html.find("<span class=\"num\" id=\"finding-count\">8</span>"), std::string::npos);
}

TEST(HtmlReport, NeedsNothingFromTheNetwork) {
    const std::string html = render(sample_report(), Format::Html);
    for (const char* external : {"http://", "https://", "<link", "src=", "@import", "url("})
        EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST(HtmlReport, ConsoleCheckRecognisesChromiumConsoleLines) {
    EXPECT_EQ(console_problems("[1:1:1122/005317.06:INFO:CONSOLE:210] \"x\", source: file:///r.html (210)\nother\n"),
              "[1:1:1122/005317.06:INFO:CONSOLE:210] \"x\", source: file:///r.html (210)\n");
    EXPECT_NE(console_problems("[1:1:0101/000000.1:INFO:CONSOLE(12)] \"hello\"\n"), "");
    EXPECT_NE(console_problems("Uncaught ReferenceError: f is not defined\n"), "");
    EXPECT_EQ(console_problems("[1:1:0101/000000.1:ERROR:bus.cc(407)] Failed to connect to the bus\n"), "");
}

TEST(HtmlReport, LoadsInChromiumWithEveryFindingAndNoScriptErrors) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html");
    const auto result = run_chromium(scratch, write_page(scratch, sample_report()), "--dump-dom");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string& dom = result.out;
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos) << "the page's script did not finish";
    const Rows rows = finding_rows(dom);
    EXPECT_EQ(rows.rows.size(), 8u);
    EXPECT_EQ(rows.hidden, 0u);
    EXPECT_EQ(text_of_element(dom, "finding-count"), std::to_string(rows.rows.size()));
    EXPECT_EQ(text_of_element(dom, "shown-count"), "Showing 8 of 8");
    // The hostile message is text in the table, not a script that ran.
    EXPECT_NE(dom.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(console_problems(result.err), "");
}

TEST(HtmlReport, EmptyReportLoadsInChromium) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html-empty");
    findings::AuditReport empty;
    empty.run.tool_version = "0.1.0";
    const auto result = run_chromium(scratch, write_page(scratch, empty), "--dump-dom");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("data-ready=\"true\""), std::string::npos);
    EXPECT_EQ(finding_rows(result.out).rows.size(), 0u);
    EXPECT_EQ(text_of_element(result.out, "finding-count"), "0");
    EXPECT_NE(result.out.find("No findings: every rule that ran found nothing to report."), std::string::npos);
    EXPECT_EQ(console_problems(result.err), "");
}

// One Chromium run per test keeps each under the time budget on a busy machine.
TEST(HtmlReport, FiltersByStatusInChromium) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html-filter");
    const auto missing = run_chromium(scratch, write_page(scratch, sample_report()) + "#status=missing", "--dump-dom");
    ASSERT_EQ(missing.exit_code, 0) << missing.err;
    EXPECT_EQ(finding_rows(missing.out).hidden, 5u);
    EXPECT_EQ(text_of_element(missing.out, "shown-count"), "Showing 3 of 8");
    EXPECT_EQ(console_problems(missing.err), "");
}

TEST(HtmlReport, SortsAndSearchesInChromium) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html-sort");
    // Column 7 is "Days late", numeric, descending: 13 then 2 then the rows without a value.
    // The text filter "逾期" (percent-encoded UTF-8) leaves only the Chinese company's finding
    // ("召回计划逾期提交"). The filter searches a row's whole text, the instrument's title
    // included, so a word of the title ("召回") would match every finding under it.
    const auto sorted = run_chromium(
        scratch, write_page(scratch, sample_report()) + "#sort=7&dir=desc&q=%E9%80%BE%E6%9C%9F", "--dump-dom");
    ASSERT_EQ(sorted.exit_code, 0) << sorted.err;
    const Rows rows = finding_rows(sorted.out);
    ASSERT_EQ(rows.rows.size(), 8u);
    EXPECT_NE(rows.rows[0].find("<td class=\"num\">13</td>"), std::string::npos);
    EXPECT_NE(rows.rows[1].find("<td class=\"num\">2</td>"), std::string::npos);
    EXPECT_EQ(rows.hidden, 7u);
    EXPECT_EQ(text_of_element(sorted.out, "shown-count"), "Showing 1 of 8");
    EXPECT_NE(sorted.out.find("aria-sort=\"descending\""), std::string::npos);
    EXPECT_EQ(console_problems(sorted.err), "");
}

TEST(HtmlReport, MalformedLinkDoesNotBreakTheScriptInChromium) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html-malformed");
    const auto nothing = run_chromium(
        scratch, write_page(scratch, sample_report()) + "#q=no-such-text&severity=%E0%A4%A&sort=x", "--dump-dom");
    ASSERT_EQ(nothing.exit_code, 0) << nothing.err;
    EXPECT_NE(nothing.out.find("data-ready=\"true\""), std::string::npos);
    EXPECT_EQ(finding_rows(nothing.out).hidden, 8u);
    EXPECT_EQ(text_of_element(nothing.out, "shown-count"), "Showing 0 of 8");
    EXPECT_EQ(nothing.out.find("id=\"no-match\" class=\"muted\" hidden"), std::string::npos)
        << "the no-match notice shows";
    EXPECT_EQ(console_problems(nothing.err), "");
}

TEST(HtmlReport, RendersAScreenshotInChromium) {
    REQUIRE_CHROMIUM();
    ScratchDir scratch("html-shot");
    const auto shot = scratch.path() / "report.png";
    const auto result = run_chromium(scratch, write_page(scratch, sample_report()),
                                     "--screenshot=" + shell_quote(shot.string()) + " --window-size=1280,2000");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string png = recallguard::testing::read_file_bytes(shot);
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
    const auto be32 = [&](size_t at) {
        return (static_cast<uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
               (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
               (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
               static_cast<uint32_t>(static_cast<unsigned char>(png[at + 3]));
    };
    EXPECT_EQ(be32(16), 1280u);  // IHDR width
    EXPECT_EQ(be32(20), 2000u);  // IHDR height
    EXPECT_GT(png.size(), 20000u) << "a blank page compresses to almost nothing";
    EXPECT_EQ(console_problems(result.err), "");
    // Keep a copy for people to look at when RECALLGUARD_KEEP_SCREENSHOT names a path.
    if (const char* keep = std::getenv("RECALLGUARD_KEEP_SCREENSHOT"))
        std::filesystem::copy_file(shot, keep, std::filesystem::copy_options::overwrite_existing);
}
