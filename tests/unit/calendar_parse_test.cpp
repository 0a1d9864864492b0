// Calendar files: every malformed input is reported at its file:line:col (golden files), and
// what a valid file says is what the calendar answers.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "calendar/calendar.h"
#include "parser/parse.h"

using recallguard::Date;
using recallguard::DiagnosticBag;
using recallguard::calendar::parse_calendar;

namespace {

const std::filesystem::path kGoldenDir = std::filesystem::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / "calendar";

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string render_all(const DiagnosticBag& diagnostics, const std::string& text) {
    std::string out;
    for (const auto& d : diagnostics.sorted()) out += recallguard::render_diagnostic(d, text);
    return out;
}

}  // namespace

// Each tests/golden/calendar/<case>.calendar is parsed; its rendered diagnostics must equal
// <case>.err. RECALLGUARD_UPDATE_GOLDEN=1 rewrites the .err files from the real output (review the diff).
TEST(CalendarGolden, DiagnosticsMatchTheExpectedFiles) {
    const bool update = std::getenv("RECALLGUARD_UPDATE_GOLDEN") != nullptr;
    int cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
        if (entry.path().extension() != ".calendar") continue;
        ++cases;
        const std::string text = read(entry.path());
        DiagnosticBag diagnostics;
        const auto calendar = parse_calendar(text, entry.path().filename().string(), diagnostics);
        const std::string actual = render_all(diagnostics, text);
        EXPECT_EQ(calendar.has_value(), !diagnostics.has_errors()) << entry.path();
        auto expected_path = entry.path();
        expected_path.replace_extension(".err");
        if (update) {
            std::ofstream(expected_path, std::ios::binary) << actual;
            continue;
        }
        ASSERT_TRUE(std::filesystem::exists(expected_path)) << "missing " << expected_path;
        EXPECT_EQ(actual, read(expected_path)) << "for " << entry.path();
    }
    EXPECT_GE(cases, 10);
}

TEST(CalendarParse, ValidFileSaysWhatTheCalendarAnswers) {
    DiagnosticBag diagnostics;
    const auto calendar = parse_calendar(read(kGoldenDir / "valid.calendar"), "valid.calendar", diagnostics);
    ASSERT_TRUE(calendar) << render_all(diagnostics, "");
    EXPECT_TRUE(diagnostics.empty());
    EXPECT_EQ(calendar->name(), "Demo-1");
    EXPECT_EQ(calendar->title(), "A # inside the title is not a comment");
    EXPECT_EQ(calendar->first_year(), 2025);
    EXPECT_EQ(calendar->last_year(), 2025);
    EXPECT_EQ(calendar->declared_at().line, 3);
    EXPECT_EQ(calendar->declared_at().column, 10);
    EXPECT_EQ(calendar->describe_day(*Date::parse("2025-10-01")), "holiday: 国庆节 National Day");
    EXPECT_EQ(calendar->describe_day(*Date::parse("2025-10-04")),
              "holiday: a holiday on a Saturday is allowed (notices list whole ranges)");
    EXPECT_EQ(calendar->describe_day(*Date::parse("2025-10-11")), "make-up working day: 调休 a worked Saturday");
    EXPECT_TRUE(calendar->is_working_day(*Date::parse("2025-10-11")));
    EXPECT_FALSE(calendar->is_working_day(*Date::parse("2025-10-12")));
}

TEST(CalendarParse, LineEndingsAndByteOrderMarkDoNotMatter) {
    DiagnosticBag diagnostics;
    const auto calendar = parse_calendar(
        "\xEF\xBB\xBF"
        "calendar X\r\nweekend sat sun\r\nyears 2025 2025\r\n2025-01-01 holiday New Year\r\n",
        "x.calendar", diagnostics);
    ASSERT_TRUE(calendar);
    EXPECT_EQ(calendar->describe_day(*Date::parse("2025-01-01")), "holiday: New Year");
}

TEST(CalendarParse, InvalidUtf8IsReportedAtItsColumn) {
    DiagnosticBag diagnostics;
    const auto calendar = parse_calendar("calendar X\nweekend sat sun\nyears 2025 2025\n2025-01-01 holiday 元\xFF\n",
                                         "x.calendar", diagnostics);
    EXPECT_FALSE(calendar);
    ASSERT_EQ(diagnostics.error_count(), 1u);
    const auto& d = diagnostics.items()[0];
    EXPECT_EQ(d.location.to_string(), "x.calendar:4:21");
    EXPECT_EQ(d.code, "E-CALENDAR");
    EXPECT_EQ(d.message, "the line is not valid UTF-8 text");
}

// Calendar files refuse exactly what rule files refuse (one validator): an overlong form, a UTF-16
// surrogate and a code point past U+10FFFF are not UTF-8 even though their bytes look like it.
TEST(CalendarParse, RefusesWhatRuleFilesRefuse) {
    for (const std::string bad :
         {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80"}) {
        DiagnosticBag diagnostics;
        const auto calendar =
            parse_calendar("calendar X\nweekend sat sun\nyears 2025 2025\n2025-01-01 holiday A" + bad + "\n",
                           "x.calendar", diagnostics);
        EXPECT_FALSE(calendar);
        ASSERT_EQ(diagnostics.error_count(), 1u);
        EXPECT_EQ(diagnostics.items()[0].location.to_string(), "x.calendar:4:21");
        EXPECT_EQ(diagnostics.items()[0].message, "the line is not valid UTF-8 text");

        DiagnosticBag rule_diagnostics;
        recallguard::parser::parse_rule_file("x.rules", "# A" + bad + "\n", rule_diagnostics);
        EXPECT_EQ(rule_diagnostics.error_count(), 1u);
        EXPECT_EQ(rule_diagnostics.items()[0].code, "E-ENCODING");
    }
}

TEST(CalendarParse, MissingFileIsADiagnosticNamingThePath) {
    DiagnosticBag diagnostics;
    EXPECT_FALSE(recallguard::calendar::load_calendar("/nonexistent/XX.calendar", diagnostics));
    ASSERT_EQ(diagnostics.error_count(), 1u);
    EXPECT_EQ(diagnostics.items()[0].location.file, "/nonexistent/XX.calendar");
    EXPECT_EQ(diagnostics.items()[0].message, "calendar file not found");
}
