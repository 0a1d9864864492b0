// Golden-file comparison for tests: byte-for-byte against tests/golden/, or rewritten when
// RECALLGUARD_UPDATE_GOLDEN=1 so expectations come from real output and are reviewed in the diff.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace recallguard::testing {

inline std::string read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void expect_golden(const std::string& relative_path, const std::string& actual) {
    const std::filesystem::path path = std::filesystem::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / relative_path;
    const char* update = std::getenv("RECALLGUARD_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << path << " is missing; run the tests with RECALLGUARD_UPDATE_GOLDEN=1 to create it";
    const std::string expected = read_file_bytes(path);
    if (expected == actual) return;
    // Point at the first differing line: a whole-file diff of a report is unreadable.
    std::istringstream want(expected), got(actual);
    std::string want_line, got_line;
    int line = 1;
    while (true) {
        const bool more_want = static_cast<bool>(std::getline(want, want_line));
        const bool more_got = static_cast<bool>(std::getline(got, got_line));
        if (!more_want && !more_got) break;
        if (!more_want || !more_got || want_line != got_line) {
            ADD_FAILURE() << path << " differs at line " << line
                          << "\n  expected: " << (more_want ? want_line : "<end>")
                          << "\n  actual:   " << (more_got ? got_line : "<end>")
                          << "\n(RECALLGUARD_UPDATE_GOLDEN=1 rewrites it; review the diff)";
            return;
        }
        ++line;
    }
    ADD_FAILURE() << path << " differs only in line endings or a final newline";
}

}  // namespace recallguard::testing
