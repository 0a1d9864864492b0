// Checked rule -> SQL plan -> SQL text with bound parameters, and what each result column means.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/bound_program.h"
#include "sqldb/value.h"

namespace recallguard::compiler {

enum class RuleForm { Deadline, Periodic, Violation, Signal };

// Result columns every compiled rule returns first, in this order.
enum FixedColumn : int {
    kKeyColumn = 0,
    kCompanyColumn,
    kTriggerColumn,
    kDueColumn,
    kDoneColumn,
    kPeriodColumn,
    kRecordColumn,
    kFixedColumnCount
};

struct CompiledRule {
    const checker::BoundRule* rule = nullptr;
    RuleForm form = RuleForm::Violation;
    std::string sql;
    std::vector<sqldb::SqlValue> params;
    std::string count_sql;  // how many subjects the rule evaluates
    std::vector<sqldb::SqlValue> count_params;
    int message_column = kFixedColumnCount;   // first message placeholder column
    int evidence_column = kFixedColumnCount;  // first evidence column
    std::vector<std::string> evidence_names;  // one per evidence column
    std::vector<std::string> tables;          // case-data tables the SQL reads
    // The columns of each of those tables the SQL reads ("*": all), so that the working
    // database copies no column a rule never looks at.
    std::map<std::string, std::set<std::string>> columns;
    std::string record_table;  // table of the required record (deadlines)
    // With CompileOptions::explain_subject: every record related to the subject, with
    // (key, date, whether it matches the requirement's filter), for `recallguard why`.
    std::string candidates_sql;
    std::vector<sqldb::SqlValue> candidates_params;
};

struct CompileOptions {
    std::string as_of;  // YYYY-MM-DD
    bool include_pending = false;
    // Explain one subject: keep its rows whatever their outcome (met ones too) and
    // compile the candidate-records query.
    std::optional<std::string> explain_subject;
};

CompiledRule compile_rule(const checker::BoundRule& rule, const schema::Catalog& catalog,
                          const CompileOptions& options);

}  // namespace recallguard::compiler
