// End to end: each example database, built from its CSV sources with init + ingest, audited
// with the bundled rules, gives exactly the findings its expected-findings.csv lists
// (worked out by hand from the standard-rules spec).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "run_cli.h"

namespace fs = std::filesystem;
using recallguard::test::run_cli;

namespace {

const fs::path kRepo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();

std::vector<std::string> split_csv_line(const std::string& line) {
    // The compared columns hold no quotes or commas.
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    return fields;
}

// rule_id,subject_key,period,status,due,done,days_late
std::set<std::string> expected_findings(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    std::set<std::string> rows;
    while (std::getline(in, line))
        if (!line.empty()) rows.insert(line);
    return rows;
}

std::set<std::string> actual_findings(const std::string& csv) {
    std::stringstream stream(csv);
    std::string line;
    std::getline(stream, line);
    const auto header = split_csv_line(line);
    auto column = [&](const std::string& name) {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        throw std::runtime_error("report has no column " + name);
    };
    const size_t rule = column("rule_id"), key = column("subject_key"), period = column("period"),
                 status = column("status"), due = column("due"), done = column("done"), late = column("days_late");
    std::set<std::string> rows;
    while (std::getline(stream, line)) {
        if (line.empty()) continue;
        const auto f = split_csv_line(line);
        rows.insert(f[rule] + "," + f[key] + "," + f[period] + "," + f[status] + "," + f[due] + "," + f[done] + "," +
                    f[late]);
    }
    return rows;
}

void audit_example(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("recallguard-example-" + name + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "cases.sqlite").string();
    const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                              (kRepo / "examples" / name / "build.sh").string() + "' '" + db + "' > /dev/null";
    ASSERT_EQ(std::system(build.c_str()), 0) << build;

    const auto before = run_cli({"validate", db});
    EXPECT_EQ(before.exit_code, 0) << before.out << before.err;

    const auto result =
        run_cli({"check", "--db", db, "--as-of", "2025-12-31", "--format", "csv", (kRepo / "rules").string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;  // findings found
    const auto actual = actual_findings(result.out);
    const auto expected = expected_findings(kRepo / "examples" / name / "expected-findings.csv");
    for (const auto& row : expected) EXPECT_TRUE(actual.count(row)) << "missing finding: " << row;
    for (const auto& row : actual) EXPECT_TRUE(expected.count(row)) << "unexpected finding: " << row;
    fs::remove_all(dir);
}

}  // namespace

TEST(ExampleAudits, PowerBanks2025ReproducesTheExpectedFindings) {
    audit_example("power-banks-2025");
}

TEST(ExampleAudits, VehiclesReproducesTheExpectedFindings) {
    audit_example("vehicles");
}
