// Databases that are not what `check` expects: not SQLite, truncated, WAL mode, locked, missing
// tables, a newer model, planted triggers and views, and one with millions of rows. Each gets a
// clear message and the right exit code; none crashes, and none is written to.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli_support.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

using test::file_hash;
using test::run_cli;

constexpr const char* kBaseRows = R"(
INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer');
INSERT INTO products VALUES ('P1', 'C1', 'power_bank', 'Acme', 'PB-1', NULL, 'CN', 100, NULL);
INSERT INTO products VALUES ('P2', 'C1', 'power_bank', 'Acme', 'PB-2', NULL, 'CN', 200, NULL);
)";

class HostileDb : public ::testing::Test {
protected:
    // A valid case database holding a company and two products.
    std::string case_db(const std::string& name, const std::string& extra_sql = "") {
        const std::string path = dir.file(name);
        schema::create_case_database(path);
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
        db.exec(kBaseRows);
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

TEST_F(HostileDb, NotASqliteFile) {
    const auto path = dir.write("notes.db", "these are my notes, not a database\n");
    const auto r = check(path);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(path + ": not a readable SQLite database (file is not a database)"), std::string::npos)
        << r.err;
    EXPECT_EQ(check(dir.file("absent.db")).exit_code, 2);
    EXPECT_FALSE(std::filesystem::exists(dir.file("absent.db"))) << "a read-only audit created the file";
    EXPECT_EQ(check(dir.write("empty.db", "")).exit_code, 2);
}

TEST_F(HostileDb, TruncatedDatabase) {
    const auto path = case_db("truncated.db");
    // Half the file: the schema pages survive, the data pages do not.
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    const auto hash = file_hash(path);
    for (const auto& extra : std::vector<std::vector<std::string>>{{}, {"--no-validate"}}) {
        const auto r = check(path, extra);
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
        EXPECT_TRUE(r.err.find("malformed") != std::string::npos || r.err.find("not a") != std::string::npos ||
                    r.err.find("no table") != std::string::npos)
            << r.err;
    }
    EXPECT_EQ(file_hash(path), hash);
}

TEST_F(HostileDb, WalDatabaseWithAndWithoutItsWalFile) {
    const auto path = case_db("wal.db", "PRAGMA journal_mode = WAL");
    {
        // A writer still connected: the newest product lives only in the -wal file.
        auto writer = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
        writer.exec("PRAGMA wal_autocheckpoint = 0");
        writer.exec("INSERT INTO products VALUES ('P3', 'C1', 'power_bank', 'Acme', 'IN-WAL', NULL, 'CN', 1, NULL)");
        ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
        const auto hash = file_hash(path);
        const auto r = check(path);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.out.find("IN-WAL"), std::string::npos) << "committed rows in the WAL were not read";
        EXPECT_EQ(file_hash(path), hash);
    }
    // The writer closed: SQLite checkpointed and removed the -wal file; the database is still WAL mode.
    ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
    const auto hash = file_hash(path);
    const auto r = check(path);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("IN-WAL"), std::string::npos);
    EXPECT_EQ(file_hash(path), hash);
}

TEST_F(HostileDb, LockedByAnotherWriterWaitsThenFailsClearly) {
    const auto path = case_db("locked.db");
    auto writer = sqldb::Database::open(path, sqldb::Database::Mode::ReadWrite);
    writer.exec("BEGIN EXCLUSIVE");
    const auto started = std::chrono::steady_clock::now();
    const auto r = check(path, {"--busy-timeout", "1"});
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(path + ": the database is locked by another connection (waited 1000 ms"), std::string::npos)
        << r.err;
    EXPECT_GE(waited, 0.9);
    EXPECT_LT(waited, 4.5) << "--busy-timeout 1 was not honoured";
    writer.exec("ROLLBACK");
    // Once the writer is done, the same command succeeds.
    EXPECT_EQ(check(path, {"--busy-timeout", "1"}).exit_code, 1);
}

TEST_F(HostileDb, MissingTable) {
    const auto path = case_db("missing.db", "DROP TABLE products");
    auto r = check(path);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("no table products"), std::string::npos) << r.err;
    // Forced past validation, the copy into the working database names the table: still exit 2.
    r = check(path, {"--no-validate"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("products"), std::string::npos) << r.err;
}

TEST_F(HostileDb, NewerDataModelIsRefused) {
    const auto path = case_db("v2.db", "PRAGMA user_version = 2");
    const auto r = check(path);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("user_version 2, a newer case data model"), std::string::npos) << r.err;
}

TEST_F(HostileDb, PlantedTriggersNeverWrite) {
    // Triggers that would empty tables on any write. Reads never fire triggers, and the audit
    // opens the database read-only, so nothing can.
    const auto path = case_db("trigger.db", R"(
        CREATE TABLE audit_log (what TEXT);
        CREATE TRIGGER wipe_products AFTER INSERT ON companies BEGIN DELETE FROM products; END;
        CREATE TRIGGER log_update AFTER UPDATE ON products BEGIN INSERT INTO audit_log VALUES ('x'); END;)");
    const auto hash = file_hash(path);
    const auto r = check(path);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("PB-2"), std::string::npos);
    EXPECT_EQ(file_hash(path), hash);
    EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
}

TEST_F(HostileDb, AViewInPlaceOfACaseTableIsValidatedLikeOne) {
    // Decision: a view may stand for a case table (a company may expose its data that way), but it
    // is not trusted: its rows go through the same validation, it runs only on the read-only
    // connection, and a view that cannot be read is a clear input error.
    const auto bad = case_db("bad_view.db", R"(
        ALTER TABLE products RENAME TO products_raw;
        CREATE VIEW products AS SELECT product_id, company_id, 'rocket' AS category, brand, model, batch,
                                       market, -units_sold AS units_sold, certificate FROM products_raw;)");
    auto r = check(bad);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("rocket"), std::string::npos) << r.err;

    const auto broken = case_db("broken_view.db", R"(
        ALTER TABLE products RENAME TO products_raw;
        CREATE VIEW products AS SELECT * FROM products_raw;
        DROP TABLE products_raw;)");
    const auto hash = file_hash(broken);
    r = check(broken);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(broken + ": cannot read table products: "), std::string::npos) << r.err;
    r = check(broken, {"--no-validate"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("products_raw"), std::string::npos) << r.err;
    EXPECT_EQ(file_hash(broken), hash);
}

TEST_F(HostileDb, MillionsOfSalesRowsInBoundedMemory) {
    // 2 million rows (~150 MB) keeps CI quick on 2 cores; RECALLGUARD_BIG_ROWS changes it. The
    // bound is 4x the measured peak (45 MiB at 2 million rows, docs/security.md); under ASan, whose
    // quarantine and shadow memory add their own, RECALLGUARD_MAX_RSS_MIB raises it.
    const char* env = std::getenv("RECALLGUARD_BIG_ROWS");
    const long rows = env ? std::atol(env) : 2'000'000;
    const auto path = case_db("big.db");
    // Made by the sqlite3 program, not in this process (see run_program).
    const auto made =
        test::run_program({"sqlite3", path,
                           "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN; "
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                               std::to_string(rows) +
                               ") INSERT INTO sales SELECT 'S' || i, 'P' || (1 + i % 2), "
                               "date('2024-01-01', '+' || (i % 500) || ' days'), 1 + i % 7 FROM n; COMMIT;"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    // A rule that reads every sale: the total units per product.
    const auto big_rules = dir.write("big.rules", R"(package test.big {
  title "Big"
  authority "test"
  jurisdiction "any"
}

rule T-SALES {
  title "Units sold per product"
  cite "test"
  category signal
  severity high
  for p in products
  let units = sum(s.units for s in p.sales where s.sold_on >= 2024-01-01)
  signal when units > 0
  message "{p.model} sold {units}"
}
)");
    const auto hash = file_hash(path);
    const auto r = test::run_program(
        {RECALLGUARD_BINARY, "check", big_rules, "--db", path, "--as-of", "2025-06-30", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("PB-1 sold"), std::string::npos) << r.out;
    const long rss_mib = r.max_rss_kib / 1024;
    std::cout << "check over " << rows << " sales rows: max RSS " << rss_mib << " MiB\n";
    const char* max_env = std::getenv("RECALLGUARD_MAX_RSS_MIB");
    const long max_rss_mib = max_env ? std::atol(max_env) : 192;
    EXPECT_LT(rss_mib, max_rss_mib) << "memory grew with the data instead of staying bounded";
    EXPECT_EQ(file_hash(path), hash);
}

}  // namespace
}  // namespace recallguard
