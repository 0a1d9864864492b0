// `recallguard calendar`: golden cases (tests/golden/calendar_cli/cases/<case>/: `args`, the exact
// output in `expected.txt`, `exit_code`, and `check.md` saying how the answer was verified), and
// one answer in every year of the bundled calendars (tests/golden/calendar_cli/every_year.txt).
// The binary runs from tests/golden/calendar_cli, so `--calendars pack` names a folder there.
// RECALLGUARD_UPDATE_GOLDEN=1 rewrites expected.txt and exit_code from the real output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace {
namespace fs = std::filesystem;
using namespace recallguard::testing_cli;

const fs::path kDir = fs::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / "calendar_cli";

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kDir / "cases", error))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class CalendarCliGolden : public testing::TestWithParam<std::string> {};

TEST_P(CalendarCliGolden, OutputAndExitCodeMatchExpected) {
    const fs::path directory = kDir / "cases" / GetParam();
    const RunResult result = run_binary(kDir, words(read_text(directory / "args")));
    // How the answer was checked is part of the case.
    EXPECT_GT(read_text(directory / "check.md").size(), 20u) << "write down how " << GetParam() << " was checked";
    if (const char* update = std::getenv("RECALLGUARD_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        write_text(directory / "expected.txt", result.output);
        write_text(directory / "exit_code", std::to_string(result.exit_code) + "\n");
        GTEST_SKIP() << "rewrote the expected files of " << GetParam();
    }
    ASSERT_TRUE(fs::exists(directory / "expected.txt")) << "run with RECALLGUARD_UPDATE_GOLDEN=1 to create it";
    EXPECT_EQ(result.output, read_text(directory / "expected.txt")) << "case " << GetParam();
    EXPECT_EQ(result.exit_code, std::stoi(read_text(directory / "exit_code"))) << "case " << GetParam();
    // Answers exit 0; every problem with the question is bad input, exit 2; never a crash.
    EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 2) << result.output;
}

INSTANTIATE_TEST_SUITE_P(Cases, CalendarCliGolden, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

struct YearEntry {
    int year = 0;
    std::vector<std::string> arguments;
    std::string answer;  // the expected first line
    std::string check;
    int line = 0;
};

std::vector<YearEntry> every_year() {
    std::vector<YearEntry> entries;
    std::istringstream in(read_text(kDir / "every_year.txt"));
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind("  => ", 0) == 0) {
            entries.back().answer = line.substr(5);
        } else if (line.rfind("  check: ", 0) == 0) {
            entries.back().check = line.substr(9);
        } else {
            YearEntry entry;
            entry.arguments = words(line);
            entry.year = std::stoi(entry.arguments.at(0));
            entry.arguments.erase(entry.arguments.begin());
            entry.arguments.insert(entry.arguments.begin(), "calendar");
            entry.line = number;
            entries.push_back(entry);
        }
    }
    return entries;
}

}  // namespace

TEST(CalendarCliEveryYear, OneCheckedAnswerInEveryCoveredYear) {
    const auto entries = every_year();
    std::map<std::string, std::set<int>> years;
    for (const YearEntry& entry : entries) {
        SCOPED_TRACE("every_year.txt:" + std::to_string(entry.line));
        ASSERT_GE(entry.arguments.size(), 3u);
        const std::string& calendar = entry.arguments.at(2);
        years[calendar].insert(entry.year);
        EXPECT_FALSE(entry.check.empty()) << "no check written down";
        // The answer lies in the entry's year.
        EXPECT_EQ(entry.answer.substr(0, 4), std::to_string(entry.year));
        const RunResult result = run_binary(kDir, entry.arguments);
        EXPECT_EQ(result.exit_code, 0) << result.output;
        EXPECT_EQ(result.output.substr(0, result.output.find('\n')), entry.answer);
    }
    std::set<int> cn, us;
    for (int year = 2008; year <= 2026; ++year) cn.insert(year);
    for (int year = 1971; year <= 2050; ++year) us.insert(year);
    EXPECT_EQ(years["CN"], cn);
    EXPECT_EQ(years["US"], us);
}
