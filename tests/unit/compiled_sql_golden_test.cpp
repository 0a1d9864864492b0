// Golden files of the SQL every bundled rule compiles to (tests/golden/sql/<RULE-ID>.sql, or
// <RULE-ID>@<from>.sql for a rule with several versions): the rule query and the subject-count
// query, each with its bound parameters, and what the engine reads back (form, result columns,
// tables and columns read). A compiler change shows up as a reviewable diff of these files.
// RECALLGUARD_UPDATE_GOLDEN=1 rewrites them from the current compiler.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/compile.h"
#include "engine/rule_loader.h"
#include "golden.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;

// One audit date for every golden: inside every bundled rule's effective period.
constexpr const char* kAsOf = "2025-12-31";

const engine::LoadedRules& bundled_rules() {
    static const engine::LoadedRules rules = [] {
        engine::LoadOptions options;
        options.paths.push_back(std::string(RECALLGUARD_SOURCE_DIR) + "/rules");
        return engine::load_rules(options);
    }();
    return rules;
}

// The golden's name: the rule id, with the version's start date when the id has several versions.
std::map<std::string, const checker::BoundRule*> rules_by_golden_name() {
    std::map<std::string, int> versions;
    for (const auto& rule : bundled_rules().program.rules) ++versions[rule->rule->id];
    std::map<std::string, const checker::BoundRule*> named;
    for (const auto& rule : bundled_rules().program.rules) {
        std::string name = rule->rule->id;
        if (versions[name] > 1) name += "@" + rule->effective_from.value_or("start");
        named[name] = rule.get();
    }
    return named;
}

std::vector<std::string> golden_names() {
    std::vector<std::string> names;
    for (const auto& [name, rule] : rules_by_golden_name()) names.push_back(name);
    return names;
}

std::string describe_value(const sqldb::SqlValue& value) {
    if (std::holds_alternative<std::monostate>(value)) return "NULL";
    if (const auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer) + " (integer)";
    if (const auto* real = std::get_if<double>(&value)) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.17g", *real);
        return std::string(buffer) + " (real)";
    }
    return "'" + std::get<std::string>(value) + "' (text)";
}

std::string parameter_block(const std::vector<sqldb::SqlValue>& params) {
    std::string out;
    for (size_t i = 0; i < params.size(); ++i)
        out += "-- ?" + std::to_string(i + 1) + " = " + describe_value(params[i]) + "\n";
    if (params.empty()) out += "-- (no parameters)\n";
    return out;
}

const char* form_name(compiler::RuleForm form) {
    switch (form) {
        case compiler::RuleForm::Deadline:
            return "deadline";
        case compiler::RuleForm::Periodic:
            return "periodic";
        case compiler::RuleForm::Violation:
            return "violation";
        case compiler::RuleForm::Signal:
            return "signal";
    }
    return "?";
}

std::string golden_text(const checker::BoundRule& rule) {
    const auto compiled = compiler::compile_rule(rule, schema::Catalog::case_data_v1(), {kAsOf, false, std::nullopt});
    std::string out = "-- rule " + rule.rule->id + " as of " + kAsOf + ": " + form_name(compiled.form) + "\n";
    out += "-- result columns: message from " + std::to_string(compiled.message_column) + ", evidence from " +
           std::to_string(compiled.evidence_column);
    for (const auto& name : compiled.evidence_names) out += " " + name;
    out += "\n-- reads:";
    for (const auto& [table, columns] : compiled.columns) {
        out += " " + table + "(";
        bool first = true;
        for (const auto& column : columns) {
            out += (first ? "" : ",") + column;
            first = false;
        }
        out += ")";
    }
    if (!compiled.record_table.empty()) out += "\n-- required record: " + compiled.record_table;
    out += "\n\n-- the rule's query\n" + compiled.sql + "\n;\n" + parameter_block(compiled.params);
    out += "\n-- subjects evaluated\n" + compiled.count_sql + "\n;\n" + parameter_block(compiled.count_params);
    return out;
}

class CompiledSqlGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CompiledSqlGolden, MatchesGoldenFile) {
    const auto rules = rules_by_golden_name();
    const auto* rule = rules.at(GetParam());
    testing::expect_golden("sql/" + GetParam() + ".sql", golden_text(*rule));
}

INSTANTIATE_TEST_SUITE_P(BundledRules, CompiledSqlGolden, ::testing::ValuesIn(golden_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name;
                             for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(CompiledSqlGoldenSet, BundledRulesLoadWithoutErrors) {
    EXPECT_FALSE(bundled_rules().diagnostics.has_errors()) << engine::render_diagnostics(bundled_rules());
    EXPECT_GE(bundled_rules().program.rules.size(), 23u);
}

// A golden file whose rule no longer exists is stale: delete it in the same change.
TEST(CompiledSqlGoldenSet, EveryGoldenFileHasItsRule) {
    const auto names = golden_names();
    const std::set<std::string> known(names.begin(), names.end());
    const fs::path directory = fs::path(RECALLGUARD_TEST_DATA_DIR) / "golden" / "sql";
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.path().extension() != ".sql") continue;
        EXPECT_TRUE(known.count(entry.path().stem().string()))
            << entry.path() << " is the golden of no bundled rule; delete it";
    }
}

}  // namespace
}  // namespace recallguard
