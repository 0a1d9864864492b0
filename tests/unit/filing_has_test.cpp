// The rule language's `x.content has "field"`: true when the JSON field is present and not
// empty, checked against real SQLite; only JSON columns accept it.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/audit.h"
#include "engine/rule_loader.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"
#include "temp_dir.h"

namespace recallguard {
namespace {

const char* kHeader = R"(package t { title "t" }
rule T-HAS {
  title "t"
  cite "t"
  category reporting
  severity low
  for f in filings
)";

engine::LoadedRules load(const test::TempDir& dir, const std::string& body) {
    const auto path = dir.write("t.rules", std::string(kHeader) + body + "\n}\n");
    engine::LoadOptions options;
    options.paths = {path};
    return engine::load_rules(options);
}

std::vector<std::string> flagged(const test::TempDir& dir, const std::string& body,
                                 const std::vector<std::pair<std::string, sqldb::SqlValue>>& contents) {
    const auto db_path = dir.file("cases.sqlite");
    std::filesystem::remove(db_path);
    schema::create_case_database(db_path);
    {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadWrite);
        db.exec("INSERT INTO companies VALUES ('C', 'C Ltd', 'CN', 'producer')");
        auto insert = db.prepare(
            "INSERT INTO filings (filing_id, company_id, kind, filed_on, authority, content) VALUES (?1, 'C', "
            "'recall_plan', "
            "'2025-01-02', 'SAMR', ?2)");
        for (const auto& [id, content] : contents) {
            insert.reset();
            insert.bind_text(1, id);
            insert.bind(2, content);
            insert.step();
        }
    }
    const auto rules = load(dir, body);
    EXPECT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);
    engine::AuditOptions options;
    options.database = db_path;
    options.as_of = "2025-12-31";
    std::vector<std::string> keys;
    for (const auto& f : engine::run_audit(rules, options).findings) keys.push_back(f.subject_key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

TEST(HasField, TrueOnlyForAPresentNonEmptyField) {
    test::TempDir dir;
    const auto keys =
        flagged(dir, "  let scope = f.content has \"scope\"\n  violation when not scope\n  message \"{f.filing_id}\"",
                {{"F01", std::string(R"({"scope": "Volt V20, all batches"})")},
                 {"F02", std::string("{}")},
                 {"F03", std::string(R"({"scope": ""})")},
                 {"F04", std::string(R"({"scope": "   "})")},
                 {"F05", std::string(R"({"scope": null})")},
                 {"F06", std::string(R"({"scope": []})")},
                 {"F07", std::string(R"({"scope": 0})")},
                 {"F08", sqldb::SqlValue{}},
                 {"F09", std::string(R"({"scope": {"models": ["V20"]}})")},
                 {"F10", std::string(R"({"Scope": "x"})")},
                 {"F11", std::string(R"({"scope": {}})")},
                 {"F12", std::string(R"({"scope": false})")}});
    EXPECT_EQ(keys, (std::vector<std::string>{"F02", "F03", "F04", "F05", "F06", "F08", "F10", "F11"}));
}

TEST(HasField, KeysWithDotsAndSpacesAreOneFieldNotAPath) {
    test::TempDir dir;
    const auto keys =
        flagged(dir, "  violation when not (f.content has \"a.b c\")\n  message \"{f.filing_id}\"",
                {{"F1", std::string(R"({"a.b c": "x"})")}, {"F2", std::string(R"({"a": {"b c": "x"}})")}});
    EXPECT_EQ(keys, (std::vector<std::string>{"F2"}));
}

TEST(HasField, OnlyAJsonColumnHasFields) {
    test::TempDir dir;
    const auto rules = load(dir, "  violation when f.kind has \"scope\"\n  message \"x\"");
    ASSERT_TRUE(rules.diagnostics.has_errors());
    const auto rendered = engine::render_diagnostics(rules);
    EXPECT_NE(rendered.find("error[E-TYPE]: 'has' tests a field of a JSON column"), std::string::npos) << rendered;
    EXPECT_NE(rendered.find("t.rules:8:"), std::string::npos) << rendered;
}

TEST(HasField, FieldNameMustBeQuotableInAJsonPath) {
    test::TempDir dir;
    for (const char* key : {R"("")", R"("a\"b")"}) {
        const auto rules = load(dir, std::string("  violation when f.content has ") + key + "\n  message \"x\"");
        EXPECT_TRUE(rules.diagnostics.has_errors()) << key;
    }
}

TEST(HasField, CompletenessRulesLoadWithoutDiagnostics) {
    engine::LoadOptions options;
    options.paths = {std::string(RECALLGUARD_SOURCE_DIR) + "/schemas/filings"};
    const auto rules = engine::load_rules(options);
    EXPECT_TRUE(rules.diagnostics.empty()) << engine::render_diagnostics(rules);
    EXPECT_EQ(rules.program.rules.size(), 3u);
}

}  // namespace
}  // namespace recallguard
