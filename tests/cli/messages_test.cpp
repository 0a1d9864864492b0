// Messages name the real cause and never echo what a terminal should not see: a window of a huge
// source line, no binary bytes from `fmt --check` or `lint`, imports of rule files only, a missing
// --schemas folder named, a number too large said so, a hot journal said so.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "cli_support.h"
#include "common/utf8.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

class Messages : public ::testing::Test {
protected:
    test::TempDir dir;
};

TEST_F(Messages, AParseErrorShowsAWindowOfAHugeLine) {
    const std::string rules =
        dir.write("long.rules", "package p {\n  title \"" + std::string(400000, 'x') + "\" @@@ }\n");
    const auto r = run_cli({"lint", rules});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_LT(r.out.size() + r.err.size(), 4000u) << "the whole 400 KB line was echoed";
    EXPECT_NE((r.out + r.err).find("... "), std::string::npos) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("@@@"), std::string::npos) << "the window does not show the column";
}

TEST_F(Messages, NoBinaryBytesReachTheTerminal) {
    // A control sequence in a comment and a file that is not UTF-8.
    std::string text = test::kEchoRules;
    text.insert(0, "// clear the screen \x1b[2J\x01 here\n");
    const std::string unformatted = dir.write("escape.rules", text + "\n\n\n");
    const auto formatted = run_cli({"fmt", "--check", unformatted});
    EXPECT_NE(formatted.exit_code, 3) << formatted.err;
    EXPECT_EQ((formatted.out + formatted.err).find('\x1b'), std::string::npos) << "an escape sequence was echoed";
    EXPECT_EQ((formatted.out + formatted.err).find('\x01'), std::string::npos);

    const std::string latin1 = dir.write("latin1.rules", "package p {\n  title \"Caf\xE9 \xFF\xFE\"\n}\n");
    for (const auto& args : std::vector<std::vector<std::string>>{{"lint", latin1}, {"fmt", "--check", latin1}}) {
        const auto r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
        EXPECT_NE((r.out + r.err).find("E-ENCODING"), std::string::npos) << r.out << r.err;
        EXPECT_EQ(first_invalid_utf8(r.out + r.err), std::string::npos)
            << args[0] << " echoed bytes that are not UTF-8";
    }
}

TEST_F(Messages, ARuleFileImportsOnlyRuleFiles) {
    dir.write("secret.txt", "password = hunter2\n");
    const std::string rules = dir.write("importer.rules", std::string("import \"secret.txt\"\n\n") + test::kEchoRules);
    const auto r = run_cli({"lint", rules});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("E-IMPORT"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("imported file 'secret.txt' is not a rule file"), std::string::npos) << r.out;
    EXPECT_EQ((r.out + r.err).find("hunter2"), std::string::npos) << "the imported file was read";
}

TEST_F(Messages, AMissingSchemasFolderIsNamed) {
    const std::string db = dir.file("cases.sqlite");
    schema::create_case_database(db);
    const std::string rules = dir.write("echo.rules", test::kEchoRules);
    const std::string filing = dir.write("plan.json", "{}\n");
    const auto r = run_cli({"check-filing", filing, rules, "--db", db, "--schemas", dir.file("nodir")});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("--schemas " + dir.file("nodir") + ": no such folder"), std::string::npos) << r.err;
}

TEST_F(Messages, ANumberTooLargeIsNotCalledNotAWholeNumber) {
    const std::string rules = dir.write("limit.rules", R"(package test.limit {
  title "Limit"
  authority "test"
  jurisdiction "any"
}

rule T-LIMIT {
  title "Products sold over a limit"
  cite "test"
  category signal
  severity high
  param limit = 10

  for p in products
  signal when p.units_sold > limit
  message "{p.model}"
}
)");
    const auto r = run_cli({"lint", rules, "--param", "T-LIMIT.limit=99999999999999999999"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE((r.out + r.err).find("'99999999999999999999' is too large"), std::string::npos) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find("not a whole number"), std::string::npos) << r.out << r.err;
}

TEST_F(Messages, AHotJournalIsSaidSo) {
    const std::string db = dir.file("hot.sqlite");
    schema::create_case_database(db);
    // A writer that dies in the middle of a transaction, after its changes reached the file.
    const pid_t writer = fork();
    if (writer == 0) {
        auto connection = sqldb::Database::open(db, sqldb::Database::Mode::ReadWrite);
        connection.exec("PRAGMA cache_size = 1; BEGIN; INSERT INTO companies VALUES ('C1', 'Acme', 'CN', 'producer')");
        for (int i = 0; i < 2000; ++i)
            connection.exec("INSERT INTO companies VALUES ('X" + std::to_string(i) + "', '" + std::string(200, 'n') +
                            "', 'CN', 'seller')");
        _exit(0);  // no commit, no rollback: the journal stays hot
    }
    int status = 0;
    waitpid(writer, &status, 0);
    ASSERT_TRUE(fs::exists(db + "-journal"));
    const auto hash = test::file_hash(db);
    const auto r = run_cli({"validate", db});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("hot journal"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("attempt to write a readonly database"), std::string::npos) << r.err;
    EXPECT_EQ(test::file_hash(db), hash);
}

}  // namespace
}  // namespace recallguard
