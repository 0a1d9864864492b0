// The example case databases under examples/: their CSV sources load into the case data
// model (types, enumerations, CHECKs, foreign keys), and each expected-findings.csv is
// well formed and names subjects that exist, in the right market, with dates that agree.
// The findings themselves are checked against the engine by the engine's own tests.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "common/date.h"
#include "common/errors.h"
#include "schema/case_database.h"
#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace {

namespace fs = std::filesystem;
using recallguard::Date;
using recallguard::sqldb::Database;

struct Example {
    std::string name;
    std::string as_of;  // the audit date the example's README states
};

void PrintTo(const Example& example, std::ostream* out) {
    *out << example.name;
}

const std::vector<Example> kExamples{{"power-banks-2025", "2025-12-31"}, {"vehicles", "2025-12-31"}};

fs::path example_dir(const std::string& name) {
    return fs::path(RECALLGUARD_SOURCE_DIR) / "examples" / name;
}

// One CSV record: its fields (nullopt = empty unquoted field = NULL) and its line number.
struct Record {
    int line = 0;
    std::vector<std::optional<std::string>> fields;
};

// RFC 4180: fields separated by commas, optionally double-quoted with "" for a quote.
// An empty unquoted field is NULL; a quoted empty field is the empty string.
std::vector<Record> read_csv(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot open");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    std::vector<Record> records;
    Record record;
    std::string field;
    bool quoted = false, in_quotes = false, at_field_start = true;
    int line = 1;
    record.line = line;
    auto end_field = [&] {
        if (field.empty() && !quoted)
            record.fields.emplace_back(std::nullopt);
        else
            record.fields.emplace_back(field);
        field.clear();
        quoted = false;
        at_field_start = true;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"' && at_field_start) {
            in_quotes = quoted = true;
            at_field_start = false;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n') {
            end_field();
            records.push_back(std::move(record));
            record = Record{};
            record.line = ++line;
        } else if (c != '\r') {
            field += c;
            at_field_start = false;
        }
    }
    if (in_quotes) throw std::runtime_error(path.string() + ": unterminated quoted field");
    if (!field.empty() || !record.fields.empty()) {
        end_field();
        records.push_back(std::move(record));
    }
    return records;
}

std::vector<std::string> header_of(const std::vector<Record>& records) {
    std::vector<std::string> names;
    if (!records.empty())
        for (const auto& f : records.front().fields) names.push_back(f.value_or(""));
    return names;
}

// Loads every data/<table>.csv of an example into an in-memory database built from the
// DDL, parents first; a rejected row fails the test with its file and line.
Database load_example(const Example& example) {
    Database db = Database::open_memory();
    recallguard::schema::apply_case_data_model(db);
    db.exec("PRAGMA foreign_keys = ON");
    for (const auto& table : recallguard::schema::Catalog::case_data_v1().tables()) {
        const fs::path csv = example_dir(example.name) / "data" / (table.name + ".csv");
        EXPECT_TRUE(fs::exists(csv)) << csv << ": every table has a CSV file, even an empty one";
        if (!fs::exists(csv)) continue;
        const auto records = read_csv(csv);
        const auto columns = header_of(records);
        EXPECT_EQ(columns, table.column_names()) << csv << ": header must list the model's columns in order";
        if (columns != table.column_names()) continue;

        std::string sql = "INSERT INTO " + recallguard::sqldb::quote_identifier(table.name) + " VALUES (";
        for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
        auto insert = db.prepare(sql + ")");
        for (size_t r = 1; r < records.size(); ++r) {
            const auto& record = records[r];
            if (record.fields.size() != columns.size()) {
                ADD_FAILURE() << csv << ":" << record.line << ": " << record.fields.size() << " fields, expected "
                              << columns.size();
                continue;
            }
            insert.reset();
            for (size_t i = 0; i < columns.size(); ++i) {
                const int index = static_cast<int>(i) + 1;
                if (record.fields[i])
                    insert.bind_text(index, *record.fields[i]);
                else
                    insert.bind_null(index);
            }
            try {
                insert.step();
            } catch (const recallguard::InputError& e) {
                ADD_FAILURE() << csv << ":" << record.line << ": row rejected: " << e.what();
            }
        }
    }
    return db;
}

int64_t count(Database& db, const std::string& sql, const std::string& parameter = "") {
    auto statement = db.prepare(sql);
    if (!parameter.empty()) statement.bind_text(1, parameter);
    return statement.step() ? statement.column_int(0) : 0;
}

// The standard rules (standard-rules.md): the table their subject key names, and the kind
// of obligation, which decides the statuses a finding may have.
enum class RuleKind { Deadline, Violation, Signal };
struct RuleSubject {
    std::string table;
    RuleKind kind;
};
const std::map<std::string, RuleSubject>& standard_rules() {
    static const std::map<std::string, RuleSubject> rules{
        {"CN-CP-HARM-REPORT", {"incidents", RuleKind::Deadline}},
        {"CN-CP-FOREIGN-REPORT", {"foreign_recalls", RuleKind::Deadline}},
        {"CN-CP-PLAN", {"defect_cases", RuleKind::Deadline}},
        {"CN-CP-STOP-SALE", {"defect_cases", RuleKind::Violation}},
        {"CN-CP-PUBLISH", {"recalls", RuleKind::Deadline}},
        {"CN-CP-STAGE-REPORT", {"recalls", RuleKind::Deadline}},
        {"CN-CP-SUMMARY", {"recalls", RuleKind::Deadline}},
        {"CN-CP-CCC", {"products", RuleKind::Violation}},
        {"CN-AV-PLAN", {"defect_cases", RuleKind::Deadline}},
        {"CN-AV-STOP-SALE", {"defect_cases", RuleKind::Violation}},
        {"CN-AV-PUBLISH", {"recalls", RuleKind::Deadline}},
        {"CN-AV-OWNERS", {"recalls", RuleKind::Deadline}},
        {"CN-AV-STAGE-REPORT", {"recalls", RuleKind::Deadline}},
        {"CN-AV-SUMMARY", {"recalls", RuleKind::Deadline}},
        {"CN-AV-BULLETIN", {"design_changes", RuleKind::Deadline}},
        {"US-NHTSA-573", {"defect_cases", RuleKind::Deadline}},
        {"US-NHTSA-577", {"recalls", RuleKind::Deadline}},
        {"US-CPSC-15B", {"incidents", RuleKind::Deadline}},
        {"SIG-FIRE-CLUSTER", {"products", RuleKind::Signal}},
        {"SIG-SILENT-FIX", {"design_changes", RuleKind::Signal}},
        {"SIG-DENIED-HARM", {"defect_cases", RuleKind::Signal}},
        {"SIG-STALLED-CASE", {"defect_cases", RuleKind::Signal}},
        {"SIG-LOW-COMPLETION", {"recalls", RuleKind::Signal}},
    };
    return rules;
}

// The product a subject row is about, as "market|category", or "" when the row is absent.
std::string subject_scope(Database& db, const std::string& table, const std::string& key) {
    static const std::map<std::string, std::string> product_of{
        {"products", "SELECT product_id FROM products WHERE product_id = ?1"},
        {"incidents", "SELECT product_id FROM incidents WHERE incident_id = ?1"},
        {"foreign_recalls", "SELECT product_id FROM foreign_recalls WHERE foreign_recall_id = ?1"},
        {"defect_cases", "SELECT product_id FROM defect_cases WHERE case_id = ?1"},
        {"design_changes", "SELECT product_id FROM design_changes WHERE change_id = ?1"},
        {"recalls", "SELECT c.product_id FROM recalls r JOIN defect_cases c USING (case_id) WHERE r.recall_id = ?1"},
    };
    auto statement =
        db.prepare("SELECT market || '|' || category FROM products WHERE product_id = (" + product_of.at(table) + ")");
    statement.bind_text(1, key);
    return statement.step() ? statement.column_text(0) : "";
}

// Whether a rule's pack applies to a product of this market and category.
bool in_scope(const std::string& rule_id, const std::string& scope) {
    const bool vehicle = scope.ends_with("|vehicle");
    if (rule_id.starts_with("CN-CP-")) return scope.starts_with("CN|") && !vehicle;
    if (rule_id.starts_with("CN-AV-")) return scope.starts_with("CN|") && vehicle;
    if (rule_id.starts_with("US-NHTSA-")) return scope.starts_with("US|") && vehicle;
    if (rule_id.starts_with("US-CPSC-")) return scope.starts_with("US|") && !vehicle;
    return !scope.empty();  // signals: any product
}

class ExampleData : public testing::TestWithParam<Example> {};

TEST_P(ExampleData, LoadsIntoTheCaseDataModelWithEveryForeignKeyResolved) {
    Database db = load_example(GetParam());
    EXPECT_EQ(count(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    EXPECT_GT(count(db, "SELECT count(*) FROM recalls"), 0);
}

TEST_P(ExampleData, ExpectedFindingsAreSortedUniqueAndConsistentWithTheData) {
    const Example& example = GetParam();
    Database db = load_example(example);
    const fs::path path = example_dir(example.name) / "expected-findings.csv";
    const auto records = read_csv(path);
    ASSERT_EQ(header_of(records),
              (std::vector<std::string>{"rule_id", "subject_key", "period", "status", "due", "done", "days_late"}));
    ASSERT_GT(records.size(), 1u) << path << ": an example with no finding tests little";
    const Date as_of = *Date::parse(example.as_of);

    std::optional<std::tuple<std::string, std::string, int>> previous;
    for (size_t r = 1; r < records.size(); ++r) {
        const auto& f = records[r].fields;
        const std::string where = path.string() + ":" + std::to_string(records[r].line);
        ASSERT_EQ(f.size(), 7u) << where;
        const std::string rule_id = f[0].value_or(""), key = f[1].value_or(""), status = f[3].value_or("");
        const auto rule = standard_rules().find(rule_id);
        ASSERT_NE(rule, standard_rules().end()) << where << ": unknown rule id " << rule_id;

        const bool periodic = rule_id.ends_with("-STAGE-REPORT");
        EXPECT_EQ(f[2].has_value(), periodic) << where << ": period is set exactly for stage reports";
        const int period = f[2] ? std::stoi(*f[2]) : 0;
        if (periodic) {
            EXPECT_GE(period, 1) << where;
        }

        const auto sort_key = std::make_tuple(rule_id, key, period);
        if (previous) {
            EXPECT_LT(*previous, sort_key) << where << ": not sorted by rule_id, subject_key, period, or a duplicate";
        }
        previous = sort_key;

        const std::string scope = subject_scope(db, rule->second.table, key);
        EXPECT_FALSE(scope.empty()) << where << ": no " << rule->second.table << " row with key " << key;
        EXPECT_TRUE(scope.empty() || in_scope(rule_id, scope))
            << where << ": " << rule_id << " does not apply to a " << scope << " product";

        const auto due = f[4] ? Date::parse(*f[4]) : std::nullopt;
        const auto done = f[5] ? Date::parse(*f[5]) : std::nullopt;
        switch (rule->second.kind) {
            case RuleKind::Deadline:
                ASSERT_TRUE(due.has_value()) << where << ": a deadline finding needs a valid due date";
                if (status == "late") {
                    ASSERT_TRUE(done.has_value()) << where << ": a late finding needs the date it was done";
                    EXPECT_GT(*done, *due) << where;
                    EXPECT_LE(*done, as_of) << where << ": records after the audit date do not exist";
                    ASSERT_TRUE(f[6].has_value()) << where;
                    EXPECT_EQ(std::stoll(*f[6]), done->days() - due->days()) << where << ": days_late = done - due";
                } else if (status == "missing") {
                    EXPECT_LT(*due, as_of) << where << ": due on or after the audit date is pending, not missing";
                    EXPECT_FALSE(f[5] || f[6]) << where << ": a missing finding has no done date or days late";
                } else {
                    ADD_FAILURE() << where << ": a deadline finding is late or missing, not '" << status << "'";
                }
                break;
            case RuleKind::Violation:
            case RuleKind::Signal:
                EXPECT_EQ(status, rule->second.kind == RuleKind::Violation ? "violation" : "signal") << where;
                EXPECT_FALSE(f[4] || f[5] || f[6]) << where << ": violations and signals carry no dates";
                break;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleData, testing::ValuesIn(kExamples),
                         [](const testing::TestParamInfo<Example>& param_info) {
                             std::string name;
                             for (char c : param_info.param.name)
                                 name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

}  // namespace
