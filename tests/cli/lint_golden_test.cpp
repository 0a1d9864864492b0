// Golden tests for `recallguard lint --strict`: every folder under tests/golden/lint/ is one
// case (rule files, `expected.txt` with the exact output, `exit_code`). The real binary runs
// from tests/golden/lint so paths in the output are relative and stable.
// RECALLGUARD_UPDATE_GOLDEN=1 rewrites the expected files from the current output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "common/diagnostic_codes.h"

namespace {
namespace fs = std::filesystem;
using namespace recallguard::testing_cli;

const fs::path kGoldenDir = fs::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / "lint";

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kGoldenDir, error))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The lint arguments of a case: the case folder, or the words of its optional `args` file
// (for inputs that cannot be a plain folder, e.g. a path that does not exist); an `args` file
// of several lines has one argument per line (for an argument with a space in it).
std::vector<std::string> case_arguments(const std::string& name, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments{"lint", "--strict"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    const fs::path args_file = kGoldenDir / name / "args";
    if (fs::exists(args_file)) {
        const std::string text = read_text(args_file);
        std::istringstream words(text);
        if (text.find('\n') + 1 < text.size())
            for (std::string line; std::getline(words, line);) arguments.push_back(line);
        else
            for (std::string word; words >> word;) arguments.push_back(word);
    } else {
        arguments.push_back(name);
    }
    return arguments;
}

class LintGolden : public testing::TestWithParam<std::string> {};

TEST_P(LintGolden, OutputAndExitCodeMatchExpected) {
    const std::string name = GetParam();
    const fs::path directory = kGoldenDir / name;
    const RunResult result = run_binary(kGoldenDir, case_arguments(name));
    if (const char* update = std::getenv("RECALLGUARD_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        write_text(directory / "expected.txt", result.output);
        write_text(directory / "exit_code", std::to_string(result.exit_code) + "\n");
        GTEST_SKIP() << "rewrote the expected files of " << name;
    }
    ASSERT_TRUE(fs::exists(directory / "expected.txt")) << "run with RECALLGUARD_UPDATE_GOLDEN=1 to create it";
    EXPECT_EQ(result.output, read_text(directory / "expected.txt")) << "case " << name;
    EXPECT_EQ(result.exit_code, std::stoi(read_text(directory / "exit_code"))) << "case " << name;
    // Lint never crashes, whatever the input: 0 clean, 1 problems, 2 unreadable input.
    EXPECT_TRUE(result.exit_code >= 0 && result.exit_code <= 2) << result.output;
}

INSTANTIATE_TEST_SUITE_P(Cases, LintGolden, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

// The golden corpus covers every code of the registry that lint can emit (common/diagnostic_codes.h:
// the rule-file codes), and shows no code the registry does not have.
TEST(LintGoldenCorpus, CoversEveryRuleCodeOfTheRegistry) {
    std::string all;
    for (const auto& name : case_names()) all += read_text(kGoldenDir / name / "expected.txt");
    for (const auto& info : recallguard::all_diagnostic_codes()) {
        if (info.domain != recallguard::CodeDomain::Rules) continue;
        const std::string code(info.code);
        const std::string tag = (code[0] == 'E' ? "error[" : "warning[") + code + "]";
        EXPECT_NE(all.find(tag), std::string::npos) << "no golden case shows " << code;
    }
    for (size_t at = all.find('['); at != std::string::npos; at = all.find('[', at + 1)) {
        const size_t end = all.find(']', at);
        const std::string code = all.substr(at + 1, end == std::string::npos ? 0 : end - at - 1);
        if (code.size() < 3 || code[1] != '-' || (code[0] != 'E' && code[0] != 'W')) continue;
        EXPECT_TRUE(recallguard::parse_diagnostic_code(code)) << code << " is in a golden case but not in the registry";
    }
}

TEST(LintFormats, JsonListsEveryDiagnosticWithItsLocation) {
    const RunResult result =
        run_binary(kGoldenDir, case_arguments("e_unknown_column", {"--format", "json"}), Stderr::Discard);
    EXPECT_EQ(result.exit_code, 1);
    const auto document = nlohmann::json::parse(result.output);
    ASSERT_TRUE(document.contains("diagnostics"));
    const auto& items = document["diagnostics"];
    ASSERT_GE(items.size(), 1u);
    bool found = false;
    for (const auto& item : items) {
        if (item["code"] != "E-UNKNOWN-COLUMN") continue;
        found = true;
        EXPECT_EQ(item["severity"], "error");
        EXPECT_EQ(item["file"], "e_unknown_column/input.rules");
        EXPECT_GT(item["line"].get<int>(), 0);
        EXPECT_GT(item["column"].get<int>(), 0);
        EXPECT_NE(item["message"].get<std::string>().find("did you mean"), std::string::npos);
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(document["summary"]["errors"].get<size_t>(), items.size());
}

TEST(LintFormats, SarifHasOneResultPerDiagnosticAndDeclaresItsRules) {
    const RunResult result =
        run_binary(kGoldenDir, case_arguments("e_unknown_column", {"--format", "sarif"}), Stderr::Discard);
    EXPECT_EQ(result.exit_code, 1);
    const auto document = nlohmann::json::parse(result.output);
    EXPECT_EQ(document["version"], "2.1.0");
    const auto& run = document["runs"][0];
    const auto& results = run["results"];
    ASSERT_GE(results.size(), 1u);
    const auto& rules = run["tool"]["driver"]["rules"];
    for (const auto& item : results) {
        const size_t index = item["ruleIndex"].get<size_t>();
        ASSERT_LT(index, rules.size());
        EXPECT_EQ(rules[index]["id"], item["ruleId"]);
        const auto& location = item["locations"][0]["physicalLocation"];
        EXPECT_EQ(location["artifactLocation"]["uri"], "e_unknown_column/input.rules");
        EXPECT_GT(location["region"]["startLine"].get<int>(), 0);
    }
    EXPECT_EQ(results[0]["ruleId"], "E-UNKNOWN-COLUMN");
}

}  // namespace
