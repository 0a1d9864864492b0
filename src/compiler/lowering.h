// Internal to the compiler: lowering of checked expressions to the SQL plan.
#pragma once

#include <map>
#include <set>
#include <string>

#include "checker/bound_program.h"
#include "compiler/compile.h"
#include "compiler/sql_ir.h"

namespace recallguard::compiler {

// How a rule-language variable is reached from the SQL being built.
struct VariableBinding {
    enum class Kind { Row, Value, Period } kind = Kind::Row;
    std::string alias;                                     // Row: SQL alias of the row
    std::string table;                                     // Row: its table
    sql::ExprPtr value;                                    // Value: the SQL expression of the value
    sql::ExprPtr period_start, period_end, period_number;  // Period
};

// A grouped rule's CTE of subject rows (every column, with rg_member and the keys rg_g0, ...).
inline constexpr const char* kMembersTable = "rg_members";

// The primary key of a row as one text value ("R1" or "R1/2025-03-31").
sql::ExprPtr key_of(const schema::Table& table, const std::string& alias);

// A value set (`let x = union(...)`) computed once for all subjects as a CTE of
// (k = subject key, v = value), instead of once per use per subject.
struct HoistedSet {
    std::string cte;
    std::string subject_variable;
    const schema::Table* subject_table = nullptr;
};

class Lowering {
public:
    Lowering(const checker::BoundRule& rule, const schema::Catalog& catalog, const CompileOptions& options)
        : rule_(rule), catalog_(catalog), options_(options) {}

    // Variables visible to the expression being lowered (subject, aggregate variables, period).
    std::map<std::string, VariableBinding> variables;
    // Lets: an SQL expression (scalar), or for value sets the CTE that holds them.
    std::map<std::string, sql::ExprPtr> let_values;
    std::map<std::string, HoistedSet> hoisted_sets;

    sql::ExprPtr lower(const ast::Expr* expr);
    // For `why`: the keys of the rows (or the values) an aggregate takes in, "I1, I3", in order;
    // `source_table` is set to their table ("" for values).
    sql::ExprPtr aggregate_rows(const ast::Expr* aggregate, std::string& source_table);

    // FROM/WHERE for iterating a comprehension's source; binds the variable.
    struct SourcePlan {
        std::vector<sql::TableRef> from;
        sql::ExprPtr correlation;
        VariableBinding variable;
    };
    SourcePlan plan_source(const ast::Comprehension& comprehension);

    // Value of `column` reached from a row by to-one steps.
    sql::ExprPtr navigate(const std::string& alias, const std::vector<schema::Relation>& steps,
                          const std::string& column);
    sql::ExprPtr add_duration(sql::ExprPtr date, const ast::Literal& duration, bool subtract);
    sql::ExprPtr months_after(sql::ExprPtr date, sql::ExprPtr months);  // clamped to month end
    // `result`, computed as `amount` `unit` after `from`, through kKnownDateFunction;
    // `subject_key` names the row it is computed for, by default the rule's subject in scope.
    sql::ExprPtr known_date(sql::ExprPtr result, sql::ExprPtr from, sql::ExprPtr amount, const char* unit,
                            const std::string& calendar = {}, sql::ExprPtr subject_key = nullptr);
    sql::ExprPtr literal_value(const ast::Literal& literal);
    const ast::Literal& duration_of(const ast::Expr* expr);  // literal or parameter

    std::string fresh_alias(const std::string& stem);
    // Aliases of this lowering start with `prefix`: its SQL can go inside another lowering's.
    void set_alias_prefix(std::string prefix) { alias_prefix_ = std::move(prefix); }
    const std::set<std::string>& tables() const { return tables_; }
    void use_table(const std::string& table) { tables_.insert(table); }
    const checker::BoundRule& rule() const { return rule_; }

private:
    sql::ExprPtr lower_path(const ast::Expr* expr, const checker::ExprInfo& info);
    sql::ExprPtr lower_binary(const ast::Expr* expr);
    sql::ExprPtr lower_aggregate(const ast::Expr* expr);
    sql::ExprPtr lower_text_match(const ast::Expr* expr);
    sql::ExprPtr lower_in_set(const ast::Expr* expr);
    sql::ExprPtr lower_is_defined(const ast::Expr* expr);

    const checker::BoundRule& rule_;
    const schema::Catalog& catalog_;
    const CompileOptions& options_;
    std::set<std::string> tables_;
    int alias_counter_ = 0;
    std::string alias_prefix_;
};

}  // namespace recallguard::compiler
