// The hand-written SQL baselines (bench/handwritten) against small hand-made fixtures
// (tests/handwritten/<RULE-ID>.test): each fixture names its audit date, inserts rows, and
// lists the exact findings expected; subjects named MET-* / OK-* must produce none.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "common/date.h"
#include "handwritten_support.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard {
namespace {

namespace ts = testsupport;

std::filesystem::path fixture_dir() {
    return std::filesystem::path(RECALLGUARD_TEST_DATA_DIR) / "handwritten";
}

struct Fixture {
    std::string as_of;
    std::string setup_sql;
    std::vector<std::string> expected;
};

Fixture load_fixture(const std::string& rule_id) {
    Fixture f;
    std::istringstream in(ts::read_text(fixture_dir() / (rule_id + ".test")));
    bool expecting = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("-- as_of: ", 0) == 0) f.as_of = line.substr(10);
        if (line == "-- expect:") {
            expecting = true;
            continue;
        }
        if (!expecting)
            f.setup_sql += line + "\n";
        else if (!line.empty() && line.rfind("--", 0) != 0)
            f.expected.push_back(line);
    }
    return f;
}

// The status column of a finding row.
std::string status_of(const std::string& row) {
    const auto first = row.find('|'), second = row.find('|', first + 1), third = row.find('|', second + 1);
    return row.substr(second + 1, third - second - 1);
}

bool is_deadline_rule(const std::string& rule_id) {
    return rule_id.find("STOP-SALE") == std::string::npos && rule_id != "CN-CP-CCC" && rule_id.rfind("SIG-", 0) != 0;
}

class HandwrittenSql : public ::testing::TestWithParam<std::string> {};

TEST_P(HandwrittenSql, ReturnsExactlyTheFindingsOfItsFixture) {
    const std::string rule_id = GetParam();
    const Fixture fixture = load_fixture(rule_id);
    ASSERT_TRUE(Date::parse(fixture.as_of)) << rule_id << ".test needs a '-- as_of: YYYY-MM-DD' line";

    auto db = sqldb::Database::open_memory();
    db.exec("PRAGMA foreign_keys = ON");
    schema::apply_case_data_model(db);
    db.exec(ts::read_text(fixture_dir() / "base.sql"));
    db.exec(fixture.setup_sql);
    ts::attach_calendar(db);

    const auto rows = ts::run_handwritten(db, rule_id, fixture.as_of);
    EXPECT_EQ(rows, fixture.expected) << rule_id << " as of " << fixture.as_of;

    // The fixture must exercise the rule: findings of each kind, and subjects without one.
    std::set<std::string> statuses;
    for (const auto& row : fixture.expected) statuses.insert(status_of(row));
    if (is_deadline_rule(rule_id)) {
        EXPECT_TRUE(statuses.count("late")) << rule_id << ": the fixture needs a late case";
        EXPECT_TRUE(statuses.count("missing")) << rule_id << ": the fixture needs a missing case";
        EXPECT_NE(fixture.setup_sql.find("'MET-"), std::string::npos) << rule_id << ": the fixture needs a met case";
    } else {
        EXPECT_FALSE(fixture.expected.empty()) << rule_id;
        EXPECT_NE(fixture.setup_sql.find("'OK-"), std::string::npos) << rule_id << ": the fixture needs a clean case";
    }
    for (const auto& row : rows) {
        EXPECT_NE(row.rfind("MET-", 0), 0u) << rule_id << ": " << row;
        EXPECT_NE(row.rfind("OK-", 0), 0u) << rule_id << ": " << row;
    }
}

INSTANTIATE_TEST_SUITE_P(Rules, HandwrittenSql, ::testing::ValuesIn(ts::handwritten_rule_ids()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             std::string name = param.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(HandwrittenSqlSet, CoversEveryStandardRuleWithAFixture) {
    const std::vector<std::string> standard{
        "CN-AV-BULLETIN",  "CN-AV-OWNERS",     "CN-AV-PLAN",         "CN-AV-PUBLISH",        "CN-AV-STAGE-REPORT",
        "CN-AV-STOP-SALE", "CN-AV-SUMMARY",    "CN-CP-CCC",          "CN-CP-FOREIGN-REPORT", "CN-CP-HARM-REPORT",
        "CN-CP-PLAN",      "CN-CP-PUBLISH",    "CN-CP-STAGE-REPORT", "CN-CP-STOP-SALE",      "CN-CP-SUMMARY",
        "SIG-DENIED-HARM", "SIG-FIRE-CLUSTER", "SIG-LOW-COMPLETION", "SIG-SILENT-FIX",       "SIG-STALLED-CASE",
        "US-CPSC-15B",     "US-NHTSA-573",     "US-NHTSA-577"};
    EXPECT_EQ(ts::handwritten_rule_ids(), standard);
    for (const auto& id : standard)
        EXPECT_TRUE(std::filesystem::exists(fixture_dir() / (id + ".test"))) << id << " has no fixture";
}

// The baselines must not depend on the model's secondary indexes: an audit database may have none.
TEST(HandwrittenSqlSet, RunWithoutSecondaryIndexes) {
    auto db = sqldb::Database::open_memory();
    schema::apply_case_data_model(db);
    std::vector<std::string> names;
    auto list = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
    while (list.step()) names.push_back(list.column_text(0));
    ASSERT_FALSE(names.empty());
    for (const auto& name : names) db.exec("DROP INDEX " + sqldb::quote_identifier(name));
    db.exec(ts::read_text(fixture_dir() / "base.sql"));
    ts::attach_calendar(db);
    for (const auto& id : ts::handwritten_rule_ids())
        EXPECT_TRUE(ts::run_handwritten(db, id, "2026-06-30").empty()) << id;
}

TEST(CalendarFixture, CountsWorkingDaysAsTheStandardSays) {
    auto db = sqldb::Database::open_memory();
    ts::attach_calendar(db);
    auto nth = db.prepare(
        "SELECT w.day FROM cal.rg_calendar_days d JOIN cal.rg_working_days w "
        "ON w.calendar = d.calendar AND w.ord = d.ord + ? WHERE d.calendar = ? AND d.day = ?");
    auto after = [&](const std::string& calendar, const std::string& day, int n) {
        nth.reset();
        nth.bind_int(1, n);
        nth.bind_text(2, calendar);
        nth.bind_text(3, day);
        return nth.step() ? nth.column_text(0) : std::string("none");
    };
    // The day itself never counts, working or not; make-up weekend days do.
    EXPECT_EQ(after("CN", "2025-01-24", 1), "2025-01-26");
    EXPECT_EQ(after("CN", "2025-01-26", 1), "2025-01-27");
    EXPECT_EQ(after("CN", "2025-01-27", 1), "2025-02-05");
    EXPECT_EQ(after("CN", "2025-10-01", 1), "2025-10-09");
    EXPECT_EQ(after("CN", "2026-02-13", 1), "2026-02-14");
    EXPECT_EQ(after("US", "2026-07-02", 1), "2026-07-06");  // July 4th on a Saturday: observed Friday 07-03
    EXPECT_EQ(after("US", "2024-11-27", 1), "2024-11-29");
    EXPECT_EQ(after("US", "2025-01-17", 1), "2025-01-21");  // Martin Luther King Jr. Day
    auto count = db.prepare("SELECT calendar, count(*), sum(working) FROM cal.rg_calendar_days GROUP BY calendar");
    while (count.step()) EXPECT_EQ(count.column_int(1), 1096) << count.column_text(0);
}

}  // namespace
}  // namespace recallguard
