// `recallguard generate`: reproducible bytes, a valid database, every table populated, the
// violation rate steering the findings of the hand-written baselines, and its own calendar.
#include "generate/generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/errors.h"
#include "generate/prng.h"
#include "generate/working_days.h"
#include "handwritten_support.h"
#include "sqldb/sqlite.h"

namespace recallguard::generate {
namespace {

namespace ts = testsupport;

std::string generate(const std::string& name, int64_t companies, uint64_t seed, double violation_rate,
                     Date as_of = Date::from_ymd(2026, 6, 30)) {
    GenerateOptions options;
    options.out = ts::temp_path(name).string();
    options.companies = companies;
    options.seed = seed;
    options.violation_rate = violation_rate;
    options.as_of = as_of;
    generate_case_database(options);
    return options.out;
}

// Findings of every hand-written baseline, by rule.
std::map<std::string, std::vector<std::string>> audit(const std::string& path, const std::string& as_of) {
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    ts::attach_calendar(db);
    std::map<std::string, std::vector<std::string>> findings;
    for (const auto& id : ts::handwritten_rule_ids()) findings[id] = ts::run_handwritten(db, id, as_of);
    return findings;
}

size_t total(const std::map<std::string, std::vector<std::string>>& findings) {
    size_t n = 0;
    for (const auto& [id, rows] : findings) n += rows.size();
    return n;
}

TEST(Generator, SameSeedGivesTheSameBytesAndAnotherSeedDoesNot) {
    const auto a = generate("same_a.db", 12, 42, 0.1);
    const auto b = generate("same_b.db", 12, 42, 0.1);
    const auto c = generate("other_seed.db", 12, 43, 0.1);
    const auto d = generate("other_rate.db", 12, 42, 0.3);
    EXPECT_EQ(ts::read_text(a), ts::read_text(b));
    EXPECT_NE(ts::read_text(a), ts::read_text(c));
    EXPECT_NE(ts::read_text(a), ts::read_text(d));
}

TEST(Generator, NoIndexesLeavesOnlyPrimaryKeysAndTheSameRows) {
    GenerateOptions options;
    options.out = ts::temp_path("no_indexes.db").string();
    options.companies = 6;
    options.secondary_indexes = false;
    generate_case_database(options);
    const auto indexed = generate("with_indexes.db", 6, 1, 0.1);
    auto count_indexes = [](const std::string& path) {
        auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
        auto count = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
        count.step();
        return count.column_int(0);
    };
    EXPECT_EQ(count_indexes(options.out), 0);
    EXPECT_GT(count_indexes(indexed), 5);
    EXPECT_EQ(audit(options.out, "2026-06-30"), audit(indexed, "2026-06-30"));
}

// True when a temporary file of the atomic writer (".<name>.<pid>.<n>.partial") is left beside `path`.
bool leaves_temporary_file(const std::string& path) {
    const std::filesystem::path target(path);
    if (!std::filesystem::is_directory(target.parent_path())) return false;
    for (const auto& entry : std::filesystem::directory_iterator(target.parent_path())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("." + target.filename().string() + ".", 0) == 0 && name.size() > 8 &&
            name.substr(name.size() - 8) == ".partial")
            return true;
    }
    return false;
}

TEST(Generator, WritesAValidDatabaseWithEveryTablePopulated) {
    GenerateOptions options;
    options.out = ts::temp_path("valid.db").string();
    options.companies = 20;
    options.seed = 7;
    const auto summary = generate_case_database(options);
    EXPECT_FALSE(leaves_temporary_file(options.out));

    auto db = sqldb::Database::open(options.out, sqldb::Database::Mode::ReadOnly);
    auto fk = db.prepare("PRAGMA foreign_key_check");
    EXPECT_FALSE(fk.step()) << "foreign key violation in table " << fk.column_text(0);
    auto integrity = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.step());
    EXPECT_EQ(integrity.column_text(0), "ok");
    auto version = db.prepare("PRAGMA user_version");
    ASSERT_TRUE(version.step());
    EXPECT_EQ(version.column_int(0), 1);

    ASSERT_EQ(summary.tables.size(), 13u);
    int64_t sum = 0;
    for (const auto& t : summary.tables) {
        auto count = db.prepare("SELECT count(*) FROM " + sqldb::quote_identifier(t.table));
        ASSERT_TRUE(count.step());
        EXPECT_EQ(count.column_int(0), t.rows) << t.table;
        EXPECT_GT(t.rows, 0) << t.table << " is empty";
        sum += t.rows;
    }
    EXPECT_EQ(summary.total_rows, sum);
    // ~500 rows a company: 20 companies make about ten thousand rows.
    EXPECT_GT(summary.total_rows, 6000);
    EXPECT_LT(summary.total_rows, 15000);
}

TEST(Generator, NoRowIsDatedAfterTheSnapshotDateOrBefore2024) {
    const auto path = generate("dated.db", 15, 3, 0.3, Date::from_ymd(2025, 9, 30));
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    const std::vector<std::pair<std::string, std::string>> dates{{"complaints", "received_on"},
                                                                 {"incidents", "occurred_on"},
                                                                 {"incidents", "known_on"},
                                                                 {"defect_cases", "opened_on"},
                                                                 {"defect_cases", "concluded_on"},
                                                                 {"filings", "filed_on"},
                                                                 {"filings", "period_end"},
                                                                 {"recalls", "decided_on"},
                                                                 {"recalls", "started_on"},
                                                                 {"recalls", "completed_on"},
                                                                 {"notices", "published_on"},
                                                                 {"recall_progress", "as_of"},
                                                                 {"sales", "sold_on"},
                                                                 {"design_changes", "effective_on"},
                                                                 {"foreign_recalls", "announced_on"},
                                                                 {"regulator_actions", "issued_on"}};
    for (const auto& [table, column] : dates) {
        auto range = db.prepare("SELECT min(" + sqldb::quote_identifier(column) + "), max(" +
                                sqldb::quote_identifier(column) + ") FROM " + sqldb::quote_identifier(table));
        ASSERT_TRUE(range.step());
        if (range.is_null(0)) continue;
        EXPECT_GE(range.column_text(0), "2024-01-01") << table << "." << column;
        EXPECT_LE(range.column_text(1), "2025-09-30") << table << "." << column;
    }
}

TEST(Generator, OneCompanyMakesATinyDatabase) {
    GenerateOptions options;
    options.out = ts::temp_path("tiny.db").string();
    options.companies = 1;
    const auto summary = generate_case_database(options);
    EXPECT_GT(summary.total_rows, 10);
    EXPECT_LT(summary.total_rows, 2000);
}

TEST(Generator, RefusesToOverwriteAndRejectsOutOfRangeOptions) {
    const auto existing = generate("existing.db", 1, 1, 0.1);
    const auto before = ts::read_text(existing);
    GenerateOptions options;
    options.out = existing;
    EXPECT_THROW(generate_case_database(options), InputError);
    EXPECT_EQ(ts::read_text(existing), before);

    options.out = ts::temp_path("never.db").string();
    auto rejects = [&](GenerateOptions bad) {
        EXPECT_THROW(generate_case_database(bad), InputError);
        EXPECT_FALSE(std::filesystem::exists(bad.out));
        EXPECT_FALSE(leaves_temporary_file(bad.out));
    };
    GenerateOptions bad = options;
    bad.companies = 0;
    rejects(bad);
    bad = options;
    bad.violation_rate = 1.5;
    rejects(bad);
    bad = options;
    bad.as_of = Date::from_ymd(2026, 10, 1);  // deadlines would run past the calendars
    rejects(bad);
    bad = options;
    bad.out = ts::temp_path("no/such/dir.db").string();
    rejects(bad);
}

// The generator knows the rules: with no violations the independent baselines find nothing,
// and more violations mean more findings.
TEST(Generator, ViolationRateDrivesTheBaselineFindings) {
    const auto clean = generate("rate0.db", 60, 11, 0.0);
    const auto some = generate("rate01.db", 60, 11, 0.1);
    const auto many = generate("rate05.db", 60, 11, 0.5);
    const auto clean_findings = audit(clean, "2026-06-30");
    for (const auto& [id, rows] : clean_findings)
        EXPECT_TRUE(rows.empty()) << id << " found " << rows.size() << " in a compliant database, e.g. "
                                  << rows.front();
    // Compliance holds at any audit date, not just the snapshot date.
    EXPECT_EQ(total(audit(clean, "2025-02-10")), 0u);
    const auto some_findings = audit(some, "2026-06-30");
    const auto many_findings = audit(many, "2026-06-30");
    EXPECT_GT(total(some_findings), 0u);
    EXPECT_GT(total(many_findings), total(some_findings));

    // The breaches include deadlines missed by exactly one day, and every kind of finding.
    bool one_day_late = false;
    std::set<std::string> rules_with_findings;
    for (const auto& [id, rows] : many_findings) {
        if (!rows.empty()) rules_with_findings.insert(id);
        for (const auto& row : rows)
            one_day_late = one_day_late || (row.size() > 2 && row.substr(row.size() - 2) == "|1");
    }
    EXPECT_TRUE(one_day_late);
    EXPECT_GE(rules_with_findings.size(), 15u);
}

// Deadline edges: conclusions on the eve of long holidays, and filings on the very last day.
TEST(Generator, PlacesDeadlinesAroundHolidaysAndFilesOnTheLastDay) {
    const auto path = generate("edges.db", 60, 5, 0.1);
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    ts::attach_calendar(db);
    auto eves = db.prepare(
        "SELECT count(*) FROM defect_cases c JOIN products p ON p.product_id = c.product_id "
        "WHERE p.market = 'CN' AND c.concluded_on IN ('2024-02-08', '2024-02-09', '2024-09-29', '2024-09-30', "
        "'2025-01-26', '2025-01-27', '2025-09-28', '2025-09-30', '2026-02-13', '2026-02-14')");
    ASSERT_TRUE(eves.step());
    EXPECT_GT(eves.column_int(0), 0) << "no CN case concluded on the eve of the Spring Festival or National Day";
    // Recall plans filed exactly 10 (consumer) or 5 (vehicle) CN working days after the conclusion.
    auto on_due = db.prepare(
        "SELECT count(*) FROM defect_cases c JOIN products p ON p.product_id = c.product_id "
        "JOIN filings f ON f.case_id = c.case_id AND f.kind = 'recall_plan' "
        "WHERE p.market = 'CN' AND c.conclusion = 'defect' AND f.filed_on = "
        "(SELECT w.day FROM cal.rg_working_days w WHERE w.calendar = 'CN' AND w.ord = "
        " (SELECT d.ord FROM cal.rg_calendar_days d WHERE d.calendar = 'CN' AND d.day = c.concluded_on) "
        " + CASE p.category WHEN 'vehicle' THEN 5 ELSE 10 END)");
    ASSERT_TRUE(on_due.step());
    EXPECT_GT(on_due.column_int(0), 0) << "no recall plan filed exactly on its due date";
}

TEST(WorkingDays, AgreeWithTheCalendarFixtureOnEveryDay) {
    auto db = sqldb::Database::open_memory();
    ts::attach_calendar(db);
    auto day = db.prepare("SELECT day, working FROM cal.rg_calendar_days WHERE calendar = ? ORDER BY day");
    auto nth = db.prepare(
        "SELECT w.day FROM cal.rg_calendar_days d JOIN cal.rg_working_days w "
        "ON w.calendar = d.calendar AND w.ord = d.ord + ? WHERE d.calendar = ? AND d.day = ?");
    for (const auto& [name, id] : {std::pair{"CN", CalendarId::China}, std::pair{"US", CalendarId::UnitedStates}}) {
        const WorkingDays& calendar = WorkingDays::get(id);
        day.reset();
        day.bind_text(1, name);
        int days = 0;
        while (day.step()) {
            const Date d = *Date::parse(day.column_text(0));
            ASSERT_EQ(calendar.is_working(d), day.column_int(1) == 1) << name << " " << d.to_string();
            ++days;
            if (d > Date::from_ymd(2026, 10, 31)) continue;
            for (int n : {1, 2, 3, 5, 10, 15, 20, 30}) {
                nth.reset();
                nth.bind_int(1, n);
                nth.bind_text(2, name);
                nth.bind_text(3, d.to_string());
                ASSERT_TRUE(nth.step());
                ASSERT_EQ(calendar.after(d, n).to_string(), nth.column_text(0))
                    << name << " " << n << " WD after " << d.to_string();
            }
        }
        EXPECT_EQ(days, 1096);
    }
    EXPECT_THROW(WorkingDays::get(CalendarId::China).after(Date::from_ymd(2026, 12, 30), 5), InternalError);
}

TEST(Prng, IsTheSameStreamEverywhere) {
    // Pinned values: changing the generator's arithmetic changes every generated database.
    Prng rng(1);
    EXPECT_EQ(rng.next(), 0xb3f2af6d0fc710c5ULL);
    Prng a = Prng::derive(5, 0), b = Prng::derive(5, 1), a2 = Prng::derive(5, 0);
    const uint64_t first = a.next();
    EXPECT_NE(first, b.next());
    EXPECT_EQ(first, a2.next());
    Prng r(9);
    for (int i = 0; i < 10000; ++i) {
        const int64_t v = r.between(-3, 3);
        ASSERT_GE(v, -3);
        ASSERT_LE(v, 3);
        ASSERT_LT(r.below(7), 7u);
        const double u = r.unit();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
    EXPECT_FALSE(r.chance(0.0));
    EXPECT_TRUE(r.chance(1.0));
}

}  // namespace
}  // namespace recallguard::generate
