// Rule tests as regulators write them (*.ruletest): fixture rows, an audit date, the expected findings.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/source_location.h"

namespace recallguard::ruletest {

// A cell of a fixture or expectation table; an empty cell is NULL.
struct Cell {
    std::optional<std::string> value;
    SourceLocation location;
};

struct TableRow {
    std::vector<Cell> cells;
    SourceLocation location;
};

// `rows TABLE` followed by a header line and data lines: rows inserted into the fixture database.
struct RowBlock {
    std::string table;
    SourceLocation location;
    std::vector<std::string> columns;
    std::vector<TableRow> rows;
};

// The columns a finding is compared on, in the order the contract names them.
enum class FindingField { Rule, Subject, Period, Status, Due, Done, DaysLate };
inline constexpr size_t kFindingFieldCount = 7;
const char* finding_field_name(FindingField field);

// One finding as text (expected or actual); nullopt = NULL / not set.
using FindingRow = std::array<std::optional<std::string>, kFindingFieldCount>;

struct ExpectedFinding {
    FindingRow fields;
    SourceLocation location;
};

struct RuleTestCase {
    std::string name;
    SourceLocation location;  // the `test` line
    std::string as_of;
    std::vector<std::string> rules;  // empty = every loaded rule
    SourceLocation rules_location;
    bool include_pending = false;
    // `param RULE-ID.name=value`: parameter overrides, as `recallguard check --param` takes them.
    std::map<std::string, std::string> params;
    SourceLocation params_location;
    std::vector<RowBlock> blocks;
    // Fields named in the `expect` header; the others are not compared.
    std::array<bool, kFindingFieldCount> compared{};
    std::vector<ExpectedFinding> expected;
    // `expect error "TEXT"`: the audit must fail with a rule error containing TEXT (for example
    // a working-day deadline in a year the calendar does not cover), instead of any findings.
    std::optional<std::string> expected_error;
};

struct RuleTestFile {
    std::string path;
    std::string text;  // for rendering diagnostics
    std::vector<RuleTestCase> tests;
};

// Parses one *.ruletest text. Every problem (syntax, unknown table or column, a value that
// is not a date, status or number where one is needed) goes into `diagnostics` with its
// file:line:col; tests with errors are still returned so all problems are reported at once.
RuleTestFile parse_rule_test(const std::string& path, const std::string& text, DiagnosticBag& diagnostics);

// Reads and parses a file; an unreadable file is an E-TEST-READ diagnostic.
RuleTestFile read_rule_test(const std::string& path, DiagnosticBag& diagnostics);

}  // namespace recallguard::ruletest
