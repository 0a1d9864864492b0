// Replays every input in tests/fuzz/regressions/<target>/ through the fuzz target's code, built
// with the normal compiler: inputs that once crashed (or were written to probe a limit) stay fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/fuzz_targets.h"

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST(FuzzRegressions, EveryKeptInputRunsCleanly) {
    const fs::path root = fs::path(RECALLGUARD_TEST_DATA_DIR) / "fuzz" / "regressions";
    size_t replayed = 0;
    for (const auto& target : recallguard::fuzz::target_names()) {
        const fs::path dir = root / target;
        ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing";
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
            SCOPED_TRACE(entry.path().string());
            EXPECT_NO_THROW(recallguard::fuzz::run_target(target, read_bytes(entry.path())));
            ++replayed;
        }
    }
    EXPECT_GT(replayed, 0u);
}

TEST(FuzzRegressions, UnknownTargetIsRefused) {
    EXPECT_THROW(recallguard::fuzz::run_target("nope", ""), std::invalid_argument);
}
