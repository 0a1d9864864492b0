// End to end: each example database, built from its CSV sources with init + ingest, audited
// with the bundled rules, gives exactly the findings its expected-findings.csv lists
// (worked out by hand from the standard-rules spec).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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

// Every finding names the instrument it breaks (its package's title and source) beside the article,
// the company's legal name from companies.name, and, when a record is missing, the days overdue on
// the audit date.
TEST(ExampleAudits, FindingsNameTheInstrumentTheCompanyAndTheDaysOverdue) {
    const fs::path dir = fs::temp_directory_path() / ("recallguard-example-names-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "cases.sqlite").string();
    const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                              (kRepo / "examples" / "power-banks-2025" / "build.sh").string() + "' '" + db +
                              "' > /dev/null";
    ASSERT_EQ(std::system(build.c_str()), 0) << build;
    const auto result =
        run_cli({"check", "--db", db, "--as-of", "2025-12-31", "--format", "json", (kRepo / "rules").string()});
    ASSERT_EQ(result.exit_code, 1) << result.err;
    const auto report = nlohmann::json::parse(result.out);
    int checked = 0;
    for (const auto& f : report["findings"]) {
        const std::string rule = f["rule_id"], company = f["company_id"], status = f["status"];
        if (company == "XINGCHEN") {
            EXPECT_EQ(f["company_name"], "杭州星辰移动电源有限公司 (Hangzhou Xingchen Mobile Power Co. Ltd.)");
        }
        EXPECT_TRUE(f["company_name"].is_string()) << rule << " " << company;
        if (rule.rfind("CN-CP-", 0) == 0) {
            EXPECT_EQ(f["instrument"]["title"],
                      "消费品召回管理暂行规定 (Interim Provisions on the Administration of Consumer Product Recalls)");
            EXPECT_EQ(f["instrument"]["source"], "SAMR Order No. 19 of 2019-11-21, in force 2020-01-01");
        }
        if (rule == "CN-CP-PUBLISH" && status == "missing") {
            EXPECT_EQ(f["due"], "2025-10-27");
            EXPECT_EQ(f["days_overdue"], 65);  // 2025-10-27 .. 2025-12-31
            ++checked;
        }
        if (rule == "CN-CP-STAGE-REPORT" && status == "missing") {
            EXPECT_EQ(f["days_overdue"], 14);  // 2025-12-17 .. 2025-12-31
            ++checked;
        }
        if (status != "missing") EXPECT_TRUE(f["days_overdue"].is_null()) << rule;
    }
    EXPECT_EQ(checked, 2);
    // The audit record: SHA-256 of the database and of each rule file, as sha256sum computes them.
    const auto sha256sum = [](const std::string& path) {
        const std::string command = "sha256sum '" + path + "'";
        FILE* pipe = popen(command.c_str(), "r");
        char digest[65] = {};
        const bool ok = pipe && std::fscanf(pipe, "%64s", digest) == 1;
        if (pipe) pclose(pipe);
        return ok ? std::string(digest) : std::string("sha256sum failed");
    };
    EXPECT_EQ(report["run"]["database_sha256"], sha256sum(db));
    ASSERT_EQ(report["run"]["rule_files_sha256"].size(), report["run"]["rule_files"].size());
    for (const auto& file : report["run"]["rule_files"]) {
        const std::string path = file;
        EXPECT_EQ(report["run"]["rule_files_sha256"][path], sha256sum(path)) << path;
    }
    for (const auto& r : report["rules"])
        if (r["id"] == "CN-CP-PLAN")
            EXPECT_EQ(r["instrument"]["source"], "SAMR Order No. 19 of 2019-11-21, in force 2020-01-01");

    const auto text =
        run_cli({"check", "--db", db, "--as-of", "2025-12-31", "--format", "text", (kRepo / "rules").string()});
    EXPECT_NE(text.out.find("XINGCHEN (杭州星辰移动电源有限公司 (Hangzhou Xingchen Mobile Power Co. Ltd.))"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("under 消费品召回管理暂行规定"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("(65 days overdue)"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find('\x1b'), std::string::npos);  // --color auto: stdout is not a terminal here
    const auto coloured =
        run_cli({"check", "--db", db, "--as-of", "2025-12-31", "--color", "always", (kRepo / "rules").string()});
    EXPECT_NE(coloured.out.find("\x1b[1m"), std::string::npos);
    const auto bad = run_cli({"check", "--db", db, "--color", "sometimes", (kRepo / "rules").string()});
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    fs::remove_all(dir);
}
