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

// Every date a rule computes (a date plus or minus days, months or working days) is written
// coalesce(<the date>, rg_known_date(from, amount, unit, calendar, subject table, subject key)):
// when the date has no value, rg_known_date is NULL if `from` is NULL (a date the data does not
// give), and otherwise (a working day the calendar does not cover, a day past 9999-12-31) stops
// the statement with an error. Unknown is never false: such a date is an error of the rule,
// wherever it occurs. `amount` is signed (negative: before), `unit` is "days", "months" or
// "working days", `calendar` the calendar's name ("" for calendar days). The executor defines
// it (exec/date_guard.h); another database defines it as a function that raises an exception.
inline constexpr const char* kKnownDateFunction = "rg_known_date";

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
    // With explain_subject, for `why` to name the part that decided: the top-level `and` parts of
    // the subject filter, and a query of one row (1 holds, 0 does not, NULL unknown per part) on
    // the explained subject's row; and the parts of a violation or signal condition, whose values
    // are evidence columns just before `condition_holds`.
    std::vector<std::string> filter_parts;
    std::string filter_sql;
    std::vector<sqldb::SqlValue> filter_params;
    std::vector<std::string> condition_parts;
    // With explain_subject, violation and signal rules: the column of `condition_holds` (the
    // condition alone), and of the rule's `unless` (1 when it exempts the subject; -1 without one).
    int holds_column = -1;
    int unless_column = -1;
    std::string unless_text;
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
