// The HTML report at national scale: a database made by `recallguard generate` with 1,000+
// companies, audited to 2,000+ findings, loaded in headless Chromium. Charts show the top bars
// and sum the rest, the table is near the top, the page's script is ready, filters and sorts
// without waiting, pages the table, each company has its section and timeline, and the page
// renders (a screenshot). The timings are printed for docs/performance.md.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "../unit/run_command.h"
#include "run_cli.h"

namespace fs = std::filesystem;
using recallguard::test::run_cli;
using recallguard::testing::CommandResult;
using recallguard::testing::ScratchDir;
using recallguard::testing::shell_quote;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

std::string chromium_path() {
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(candidate)) return candidate;
    return "";
}

CommandResult run_chromium(const ScratchDir& scratch, const std::string& url, const std::string& extra) {
    const auto profile = scratch.path() / "profile";
    fs::create_directories(profile);
    const std::string command = "timeout 90 " + shell_quote(chromium_path()) +
                                " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                                " --disable-background-networking --disable-component-update --disable-sync"
                                " --user-data-dir=" +
                                shell_quote(profile.string()) + " --enable-logging=stderr --v=0 " + extra + " " +
                                shell_quote(url);
    return recallguard::testing::run_command(command, scratch);
}

std::string problems_in(const std::string& stderr_text) {
    std::string problems;
    std::istringstream lines(stderr_text);
    std::string line;
    while (std::getline(lines, line))
        if (line.find("CONSOLE(") != std::string::npos || line.find(":CONSOLE:") != std::string::npos ||
            line.find("Uncaught") != std::string::npos)
            problems += line + "\n";
    return problems;
}

std::string attribute(const std::string& dom, const std::string& name) {
    const std::regex pattern(name + "=\"([^\"]*)\"");
    std::smatch match;
    return std::regex_search(dom, match, pattern) ? match[1].str() : "";
}

size_t count_of(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
    return count;
}

double seconds_since(std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

class HtmlAtScale : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (chromium_path().empty()) return;
        scratch_ = new ScratchDir("html-scale");
        const std::string db = (scratch_->path() / "national.sqlite").string();
        auto made =
            run_cli({"generate", "--out", db, "--companies", "1300", "--seed", "18", "--violation-rate", "0.25"});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        html_ = new std::string((scratch_->path() / "national.html").string());
        const auto audited = run_cli({"check", "--db", db, "--as-of", "2026-06-30", "--format", "html", "-o", *html_,
                                      (kRepo / "rules").string()});
        ASSERT_EQ(audited.exit_code, 1) << audited.err;
        page_ = new std::string(recallguard::testing::read_file_bytes(*html_));
    }
    static void TearDownTestSuite() {
        delete page_;
        delete html_;
        delete scratch_;
    }
    void SetUp() override {
        if (chromium_path().empty())
            GTEST_SKIP() << "headless Chromium is not installed: apt-get install chromium (scripts/install-deps.sh)";
        ASSERT_TRUE(page_);
    }
    static inline ScratchDir* scratch_ = nullptr;
    static inline std::string* html_ = nullptr;
    static inline std::string* page_ = nullptr;
};

}  // namespace

TEST_F(HtmlAtScale, ChartsShowTheTopAndSumTheRestAndEveryCompanyHasASection) {
    const std::string& html = *page_;
    const size_t findings = count_of(html, "<tr class=\"finding\"");
    const size_t companies = count_of(html, "<details class=\"company\"");
    std::cout << "national-scale report: " << findings << " findings, " << companies << " companies with findings, "
              << html.size() / 1024 << " KiB\n";
    EXPECT_GE(findings, 2000u);
    EXPECT_GE(companies, 1000u);
    EXPECT_NE(html.find("Findings by company: the 10 with the most, of "), std::string::npos);
    EXPECT_NE(html.find(" other companies</text>"), std::string::npos);
    // The company chart has 11 bars (10 and the rest), not one per company.
    const auto chart =
        html.substr(html.find("Findings by company"), html.find("Findings by rule") - html.find("Findings by company"));
    EXPECT_EQ(count_of(chart, "<title>"), 11u);
    // Every label fits its place: at most 20 columns and the ellipsis, a Chinese character counting
    // two (the generated companies' names are half Chinese).
    const std::regex label_tag("text-anchor=\"end\" dominant-baseline=\"middle\">([^<]*)</text>");
    size_t labels = 0;
    for (auto it = std::sregex_iterator(chart.begin(), chart.end(), label_tag); it != std::sregex_iterator(); ++it) {
        const std::string label = (*it)[1].str();
        size_t columns = 0;
        for (size_t i = 0; i < label.size(); ++i) {
            const auto byte = static_cast<unsigned char>(label[i]);
            if ((byte & 0xC0) == 0x80) continue;
            const bool ellipsis = label.compare(i, 3, "…") == 0;
            columns += byte >= 0xE4 && byte <= 0xE9 && !ellipsis ? 2 : 1;  // U+4000..U+9FFF: CJK ideographs
        }
        EXPECT_LE(columns, 21u) << label;
        ++labels;
    }
    EXPECT_EQ(labels, 11u);
    EXPECT_EQ(count_of(html, "<svg class=\"timeline\""), companies);
}

TEST_F(HtmlAtScale, LoadsSortsFiltersAndPagesWithoutWaitingInChromium) {
    ScratchDir run("html-scale-run");
    const auto started = std::chrono::steady_clock::now();
    // Measured in a desktop window, the one of the screenshot (the table's position depends on the
    // width: the charts stand side by side or one above the other).
    const auto plain = run_chromium(run, "file://" + *html_, "--dump-dom --window-size=1280,1600");
    const double load_seconds = seconds_since(started);
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    const std::string& dom = plain.out;
    ASSERT_EQ(attribute(dom, "data-ready"), "true") << "the page's script did not finish";
    const int ready_ms = std::stoi(attribute(dom, "data-ready-ms"));
    const int table_top = std::stoi(attribute(dom, "data-table-top"));
    const size_t rows = count_of(dom, "<tr class=\"finding\"");
    // One page of 100 rows shows; the others are in the DOM, hidden.
    const std::regex row_tag("<tr class=\"finding\"([^>]*)>");
    size_t visible = 0;
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), row_tag); it != std::sregex_iterator(); ++it)
        if ((*it)[1].str().find(" hidden") == std::string::npos) ++visible;
    EXPECT_EQ(visible, 100u);
    std::smatch shown;
    ASSERT_TRUE(std::regex_search(dom, shown, std::regex("id=\"page-info\">Rows 1–100, page 1 of (\\d+)<")));
    EXPECT_GE(std::stoi(shown[1].str()), 20);
    // The limits leave room for a machine shared with other builds (the browser's thread is then
    // descheduled: the same page measured 204 ms quiet, 804 ms busy); the old design took 5 s.
    EXPECT_LT(ready_ms, 2000) << "the script took " << ready_ms << " ms to make the table ready";
    EXPECT_LT(table_top, 1600) << "the findings table starts " << table_top << " px down the page";
    EXPECT_EQ(problems_in(plain.err), "");

    // Sort by days late, descending, and filter to late records: from a link, as a click would.
    const auto sorted = run_chromium(run, "file://" + *html_ + "#sort=7&dir=desc&status=late", "--dump-dom");
    ASSERT_EQ(sorted.exit_code, 0) << sorted.err;
    const int sort_ms = std::stoi(attribute(sorted.out, "data-sort-ms"));
    // 151 ms quiet, up to 558 ms busy (of which ~100 ms moving the rows); the old design took 2 s.
    EXPECT_LT(sort_ms, 1000) << "sorting " << rows << " rows took " << sort_ms << " ms";
    EXPECT_EQ(problems_in(sorted.err), "");
    std::cout << "Chromium at national scale: " << rows << " rows; page loaded and dumped in " << load_seconds
              << " s (headless start included); script ready in " << ready_ms << " ms; sort + filter in " << sort_ms
              << " ms; table starts at " << table_top << " px\n";
}

TEST_F(HtmlAtScale, RendersAScreenshotInChromium) {
    ScratchDir run("html-scale-shot");
    const auto shot = run.path() / "national.png";
    const auto result = run_chromium(run, "file://" + *html_,
                                     "--screenshot=" + shell_quote(shot.string()) + " --window-size=1280,1600");
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
    EXPECT_EQ(be32(16), 1280u);
    EXPECT_EQ(be32(20), 1600u);
    EXPECT_GT(png.size(), 30000u) << "a blank page compresses to almost nothing";
    EXPECT_EQ(problems_in(result.err), "");
    if (const char* keep = std::getenv("RECALLGUARD_KEEP_SCREENSHOT"))
        fs::copy_file(shot, std::string(keep) + ".national.png", fs::copy_options::overwrite_existing);
}
