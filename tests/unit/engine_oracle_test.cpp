// Differential test: on generated databases, the engine's findings for every standard rule
// equal those of the hand-written SQL baselines in bench/handwritten (written separately
// from the rule language, straight from the spec), at several audit dates.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/audit.h"
#include "engine/rule_loader.h"
#include "generate/generator.h"
#include "handwritten_support.h"
#include "sqldb/sqlite.h"

namespace fs = std::filesystem;
using namespace recallguard;

namespace {

std::string row_of(const findings::Finding& f) {
    return f.subject_key + "|" + (f.period ? std::to_string(*f.period) : "") + "|" + findings::status_name(f.status) +
           "|" + f.due.value_or("") + "|" + f.done.value_or("") + "|" +
           (f.days_late ? std::to_string(*f.days_late) : "");
}

class EngineMatchesHandwrittenSql : public ::testing::TestWithParam<std::tuple<uint64_t, std::string>> {};

TEST_P(EngineMatchesHandwrittenSql, ForEveryStandardRule) {
    const auto [seed, as_of] = GetParam();
    const fs::path db_path = testsupport::temp_path("oracle-" + std::to_string(seed) + "-" + as_of + ".sqlite");
    fs::remove(db_path);
    generate::GenerateOptions options;
    options.out = db_path.string();
    options.companies = 40;
    options.seed = seed;
    options.violation_rate = 0.4;
    // Even seeds: no secondary index, as the files other systems export come (the engine then
    // relies on SQLite's automatic indexes; the findings must not change).
    options.secondary_indexes = seed % 2 == 1;
    generate::generate_case_database(options);

    engine::LoadOptions load;
    load.paths = {std::string(RECALLGUARD_SOURCE_DIR) + "/rules"};
    const auto rules = engine::load_rules(load);
    ASSERT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);
    engine::AuditOptions audit;
    audit.database = db_path.string();
    audit.as_of = as_of;
    audit.jobs = 2;
    const auto report = engine::run_audit(rules, audit);
    for (const auto& status : report.statuses)
        EXPECT_EQ(status.state, findings::RuleRunStatus::State::Ok) << status.rule_id << ": " << status.detail;

    std::map<std::string, std::vector<std::string>> engine_rows;
    for (const auto& f : report.findings) engine_rows[f.rule_id].push_back(row_of(f));

    auto db = sqldb::Database::open(db_path.string(), sqldb::Database::Mode::ReadOnly);
    testsupport::attach_calendar(db);
    size_t compared = 0;
    for (const auto& rule_id : testsupport::handwritten_rule_ids()) {
        auto expected = testsupport::run_handwritten(db, rule_id, as_of);
        auto actual = engine_rows[rule_id];
        std::sort(expected.begin(), expected.end());
        std::sort(actual.begin(), actual.end());
        EXPECT_EQ(actual, expected) << "rule " << rule_id << " as of " << as_of;
        compared += expected.size();
    }
    EXPECT_GT(compared, 20u) << "the generated data should produce findings to compare";
    fs::remove(db_path);
}

INSTANTIATE_TEST_SUITE_P(GeneratedData, EngineMatchesHandwrittenSql,
                         ::testing::Values(std::make_tuple(1u, std::string("2026-06-30")),
                                           std::make_tuple(2u, std::string("2025-10-09")),
                                           std::make_tuple(3u, std::string("2025-02-05")),
                                           std::make_tuple(4u, std::string("2026-06-30"))));

}  // namespace
