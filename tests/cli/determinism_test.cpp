// The same inputs give byte-identical reports: across runs, with the rule files named in another
// order, and with one or two connections (--jobs). SOURCE_DATE_EPOCH pins the run's timestamps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cli_support.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

class Determinism : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        setenv("SOURCE_DATE_EPOCH", "1767225600", 1);  // 2026-01-01T00:00:00Z
        dir = new test::TempDir;
        db = dir->file("example.db");
        ASSERT_EQ(run_cli({"init", db}).exit_code, 0);
        std::vector<std::string> args{"ingest", db};
        for (const char* table :
             {"companies", "products", "complaints", "incidents", "defect_cases", "filings", "recalls", "notices",
              "recall_progress", "sales", "design_changes", "foreign_recalls", "regulator_actions"}) {
            args.insert(args.end(),
                        {"--table", table,
                         (kRepo / "examples/power-banks-2025/data" / (std::string(table) + ".csv")).string()});
        }
        const auto r = run_cli(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir;
        unsetenv("SOURCE_DATE_EPOCH");
    }

    // Every bundled rule file, named one by one, in the given order.
    static std::vector<std::string> rule_files(bool reversed) {
        std::vector<std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(kRepo / "rules"))
            if (entry.path().extension() == ".rules") files.push_back(entry.path().string());
        std::sort(files.begin(), files.end());
        if (reversed) std::reverse(files.begin(), files.end());
        return files;
    }

    static std::string report(const std::string& format, bool reversed, const std::string& jobs) {
        std::vector<std::string> args{"check"};
        for (const auto& file : rule_files(reversed)) args.push_back(file);
        args.insert(args.end(), {"--db", db, "--as-of", "2025-12-31", "--format", format, "--jobs", jobs});
        const auto r = run_cli(args);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        return r.out;
    }

    static test::TempDir* dir;
    static std::string db;
};

test::TempDir* Determinism::dir = nullptr;
std::string Determinism::db;

TEST_F(Determinism, EveryFormatIsByteIdenticalAcrossRunsOrdersAndJobs) {
    for (const std::string format : {"json", "sarif", "csv", "html"}) {
        SCOPED_TRACE(format);
        const std::string first = report(format, false, "1");
        ASSERT_GT(first.size(), 1000u);
        EXPECT_EQ(report(format, false, "1"), first) << "two runs differ";
        EXPECT_EQ(report(format, true, "1"), first) << "the order of the rule files changed the report";
        EXPECT_EQ(report(format, true, "2"), first) << "--jobs 2 changed the report";
    }
}

TEST_F(Determinism, SourceDateEpochPinsTheTimestamps) {
    const std::string json = report("json", false, "2");
    EXPECT_NE(json.find("\"started_at\": \"2026-01-01T00:00:00Z\""), std::string::npos) << json.substr(0, 2000);
}

}  // namespace
}  // namespace recallguard
