// Bad input is refused at once, with the real cause: a --db that cannot be a database (FIFO,
// folder, empty path, device), a `file:` name, a case table that never ends (under the time
// limit), numbers out of range on the command line, duplicate keys and invalid UTF-8 in ingest
// files, bytes a CSV report must not carry, and a filing dated before its case existed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "cli_support.h"
#include "common/utf8.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

class StrictInput : public ::testing::Test {
protected:
    std::string case_db(const std::string& name, const std::string& extra_sql = "") {
        const std::string path = dir.file(name);
        schema::create_case_database(path);
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
        db.exec(
            "INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer');"
            "INSERT INTO products VALUES ('P1', 'C1', 'power_bank', 'Acme', 'PB-1', NULL, 'CN', 100, NULL);");
        if (!extra_sql.empty()) db.exec(extra_sql);
        return path;
    }
    test::CliResult check(const std::string& db, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"check", rules, "--db", db, "--as-of", "2025-06-30", "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    }
    test::TempDir dir;
    std::string rules = dir.write("echo.rules", test::kEchoRules);
};

TEST_F(StrictInput, ADbThatCannotBeADatabaseIsRefusedAtOnce) {
    const std::string fifo = dir.file("cases.fifo");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    fs::create_directory(dir.file("folder.sqlite"));
    const std::vector<std::pair<std::string, std::string>> cases{
        {fifo, "not a regular file (a FIFO)"},
        {dir.file("folder.sqlite"), "a folder, not a database file"},
        {"", "the database path is empty"},
        {"/dev/null", "not a regular file (a character device)"},
    };
    for (const auto& [path, message] : cases) {
        for (const auto& extra : std::vector<std::vector<std::string>>{{}, {"--no-validate"}}) {
            const auto started = std::chrono::steady_clock::now();
            const auto r = check(path, extra);
            EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << path;
            EXPECT_EQ(r.exit_code, 2) << path << ": " << r.err;
            EXPECT_NE(r.err.find(message), std::string::npos) << path << ": " << r.err;
        }
        const auto r = run_cli({"validate", path});
        EXPECT_EQ(r.exit_code, 2) << path << ": " << r.err;
        EXPECT_NE(r.err.find(message), std::string::npos) << path << ": " << r.err;
    }
}

TEST_F(StrictInput, AFileNamedLikeAUriIsOpenedAsAFile) {
    case_db("file:cases.sqlite");
    const fs::path here = fs::current_path();
    fs::current_path(dir.file(""));
    const auto validated = run_cli({"validate", "file:cases.sqlite"});
    const auto checked = check("file:cases.sqlite");
    const auto missing = run_cli({"validate", "file:absent.sqlite?mode=memory"});
    fs::current_path(here);
    EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;
    EXPECT_EQ(checked.exit_code, 1) << checked.err;
    EXPECT_NE(checked.out.find("PB-1"), std::string::npos);
    EXPECT_EQ(missing.exit_code, 2) << "a URI parameter was obeyed: " << missing.out << missing.err;
}

TEST_F(StrictInput, ACaseTableThatNeverEndsStopsWithinTheTimeLimit) {
    // complaints is a view over a recursive CTE with no stop: reading it never ends, so only
    // the time limit can end validation (a run still going after 30 s is killed and fails).
    const auto db = case_db("endless.sqlite",
                            "DROP TABLE complaints;"
                            "CREATE VIEW complaints AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                            "SELECT 'X' || i AS complaint_id, 'P1' AS product_id, '2025-01-01' AS received_on, "
                            "'hotline' AS channel, 'fire' AS hazard, NULL AS description FROM n");
    // One connection and several: with several, which connection meets the view first varies.
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"validate", db, "--timeout", "1", "--jobs", "1"},
             {"validate", db, "--timeout", "1", "--jobs", "2"},
             {"validate", db, "--timeout", "1", "--jobs", "4"},
             {"check", rules, "--db", db, "--as-of", "2025-06-30", "--rule-timeout", "1", "--jobs", "1"},
             {"check", rules, "--db", db, "--as-of", "2025-06-30", "--rule-timeout", "1", "--jobs", "2"}}) {
        const auto started = std::chrono::steady_clock::now();
        const auto r = run_cli(args, "", 30);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::string what = args[0] + " " + args[args.size() - 2] + " " + args.back();
        ASSERT_NE(r.exit_code, 137) << what << " ran on past its time limit and was killed";
        EXPECT_EQ(r.exit_code, 2) << what << ": " << r.out << r.err;
        EXPECT_NE(r.err.find("validation stopped after its time limit of 1 s while reading table complaints"),
                  std::string::npos)
            << what << ": " << r.err;
        EXPECT_EQ(r.out.find("valid: no problems"), std::string::npos) << what;
        EXPECT_LT(seconds, 8) << what << " did not stop within its time limit";
    }
}

TEST_F(StrictInput, NumbersOnTheCommandLineAreRangeChecked) {
    const auto db = case_db("cases.sqlite");
    const std::vector<std::vector<std::string>> refused{
        {"--jobs", "0"},          {"--jobs", "-1"},          {"--jobs", "100000"},       {"--max-findings", "0"},
        {"--max-findings", "-5"}, {"--rule-timeout", "nan"}, {"--rule-timeout", "inf"},  {"--rule-timeout", "0"},
        {"--rule-timeout", "-1"}, {"--busy-timeout", "nan"}, {"--busy-timeout", "-inf"}, {"--busy-timeout", "0"},
        {"--baseline-run", "0"},  {"--baseline-run", "-1"},
    };
    for (const auto& extra : refused) {
        const auto r = check(db, extra);
        EXPECT_EQ(r.exit_code, 2) << extra[0] << " " << extra[1] << ": " << r.err;
        EXPECT_NE(r.err.find(extra[0]), std::string::npos) << r.err;
    }
    for (const auto& extra : std::vector<std::vector<std::string>>{{"--jobs", "0"}, {"--busy-timeout", "nan"}}) {
        std::vector<std::string> args{"validate", db};
        args.insert(args.end(), extra.begin(), extra.end());
        EXPECT_EQ(run_cli(args).exit_code, 2) << extra[0];
    }
    // The limits themselves are accepted.
    EXPECT_EQ(
        check(db, {"--jobs", "1", "--max-findings", "1", "--rule-timeout", "0.5", "--busy-timeout", "0.1"}).exit_code,
        1);
    EXPECT_EQ(run_cli({"validate", db, "--busy-timeout", "1", "--jobs", "256"}).exit_code, 0);
}

TEST_F(StrictInput, IngestRefusesDuplicateKeysAndInvalidUtf8WithTheirPlace) {
    const auto db = case_db("cases.sqlite");
    const auto ingest = [&](const std::string& table, const std::string& name, const std::string& text) {
        return run_cli({"ingest", db, "--table", table, dir.write(name, text)});
    };
    auto r = ingest("companies", "twice.json",
                    R"([{"company_id": "C2", "name": "B", "country": "CN", "role": "seller"},
 {"company_id": "C3", "name": "Real", "name": "Decoy", "country": "CN", "role": "seller"}])");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(dir.file("twice.json") + ":/1: the key 'name' appears twice in one object"), std::string::npos)
        << r.err;

    r = ingest("companies", "latin1.json",
               "[{\"company_id\": \"C4\",\n \"name\": \"Caf\xE9\", \"country\": \"CN\", "
               "\"role\": \"seller\"}]");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(dir.file("latin1.json") + ":2:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not valid UTF-8"), std::string::npos) << r.err;

    r = ingest("companies", "latin1.csv", "company_id,name,country,role\nC5,Caf\xE9,CN,seller\n");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // a problem of the file, reported like a bad row
    EXPECT_NE(r.err.find(dir.file("latin1.csv") + ":2:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not valid UTF-8"), std::string::npos) << r.err;

    r = ingest("companies", "broken.json", "[{\"company_id\": \"C6\",]");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(dir.file("broken.json") + ":1:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("[json.exception"), std::string::npos) << "a library-internal prefix: " << r.err;

    // Nothing was loaded by any of them.
    auto opened = sqldb::Database::open(db, sqldb::Database::Mode::ReadOnly);
    auto count = opened.prepare("SELECT count(*) FROM companies");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int(0), 1);
}

TEST_F(StrictInput, TheCsvReportNeverCarriesInvalidUtf8OrNul) {
    const auto db = case_db("bytes.sqlite",
                            "UPDATE products SET brand = CAST(X'41004200' AS TEXT), model = CAST(X'50FF31' AS TEXT)");
    const auto r = run_cli({"check", rules, "--db", db, "--as-of", "2025-06-30", "--format", "csv", "--no-validate"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("T-ECHO"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\0'), std::string::npos) << "a raw NUL in the CSV report";
    EXPECT_EQ(first_invalid_utf8(r.out), std::string::npos) << "invalid UTF-8 in the CSV report";
    EXPECT_NE(r.out.find("P\xEF\xBF\xBD"
                         "1|plain"),
              std::string::npos)
        << r.out;
}

TEST_F(StrictInput, AFilingDatedBeforeItsCaseWasOpenedIsRefused) {
    const fs::path repo = fs::path(RECALLGUARD_TEST_DATA_DIR).parent_path();
    const std::string db = dir.file("power-banks.sqlite");
    const std::string build = "RECALLGUARD='" + std::string(RECALLGUARD_BINARY) + "' '" +
                              (repo / "examples/power-banks-2025/build.sh").string() + "' '" + db + "' > /dev/null";
    ASSERT_EQ(std::system(build.c_str()), 0);
    std::string text = test::read_bytes((repo / "examples/filings/xingchen-plan-on-time.json").string());
    const size_t at = text.find("\"2025-10-16\"");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 12, "\"2025-07-01\"");  // the case DC-XC-V20 was opened on 2025-07-28
    const std::string filing = dir.write("plan-before-case.json", text);
    const auto r = run_cli({"check-filing", "--db", db, "--as-of", "2025-10-20", filing, (repo / "rules").string()});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find("F-REFERENCE"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/filed_on: filed on 2025-07-01, before defect case 'DC-XC-V20' (/case_id) existed: its "
                         "opened_on is 2025-07-28"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("resolves"), std::string::npos) << "the filing was counted as meeting an obligation";
}

}  // namespace
}  // namespace recallguard
