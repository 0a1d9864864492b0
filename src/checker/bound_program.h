// The checker's output: rules whose every name is resolved against the schema and whose
// every expression has a type. The compiler reads only checked programs.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "checker/types.h"
#include "schema/catalog.h"

namespace recallguard::checker {

// What a path expression (`c.product.market`, `threshold`, `period.end`) refers to.
struct PathBinding {
    // Definition: a `define`d constant (a path), set (`in`) or condition (`is`).
    enum class Kind { Column, Row, Param, Let, Value, PeriodField, Definition } kind = Kind::Column;
    std::string variable;                         // root variable (Column, Row, Value)
    std::vector<schema::Relation> steps;          // to-one steps from the variable's table
    std::string column;                           // Column
    std::string name;                             // Param / Let name; PeriodField: start, end, number
    const ast::Definition* definition = nullptr;  // Definition
};

// Where an aggregate or requirement draws its rows or values from.
struct SourceBinding {
    // Group: the rows of the group being judged (`group` in a rule with `group by`).
    enum class Kind { Related, Table, LetValues, Group } kind = Kind::Related;
    std::string variable;                   // Related: root variable
    std::vector<schema::Relation> to_one;   // Related: steps before the first to-many
    std::vector<schema::Relation> to_many;  // Related: the to-many chain (at least one)
    std::string table;                      // final table (Related, Table)
    std::string let_name;                   // LetValues
};

struct ExprInfo {
    Type type;
    std::optional<PathBinding> path;
};

// A `{...}` in a message template.
struct Placeholder {
    std::string text;  // as written between the braces
    enum class Kind { Expr, Due, Done, Trigger, DaysLate, Status, Period, AsOf } kind = Kind::Expr;
    const ast::Expr* expr = nullptr;  // Kind::Expr: a synthesized path expression
};

struct ParamValue {
    std::string name;
    ast::Literal value;  // the default, or the run-time override; a list: its first value
    bool overridden = false;
    bool is_list = false;            // `param markets = ("CN", "HK")`, used as `x in markets`
    std::vector<ast::Literal> list;  // is_list: the values
};

// The `define`d names a file sees: its own and those of the files it imports.
struct DefinitionScope {
    std::map<std::string, const ast::Definition*> names;
};

// Every definition of a program, checked once.
struct Definitions {
    std::vector<std::unique_ptr<DefinitionScope>> scopes;
    std::map<const ast::RuleFile*, const DefinitionScope*> by_file;
    std::map<const ast::Definition*, const DefinitionScope*> home;  // the scope of the file it is in
    std::map<const ast::Definition*, const ast::RuleFile*> file_of;
    std::set<const ast::Definition*> with_errors;
};

struct BoundRule {
    const ast::Rule* rule = nullptr;
    const ast::Package* package = nullptr;  // may be null
    const ast::RuleFile* file = nullptr;
    const Definitions* definitions = nullptr;  // may be null: no definitions
    const DefinitionScope* scope = nullptr;    // the definitions this rule's file sees; may be null
    std::string package_name;
    std::string calendar;  // effective calendar name ("" = none needed)
    std::vector<ParamValue> params;
    std::vector<Placeholder> message;           // parsed template, literal text in Kind::Expr with expr == nullptr
    std::vector<std::string> message_literals;  // text before each placeholder; one more than placeholders
    std::unordered_map<const ast::Expr*, ExprInfo> expr_info;
    std::unordered_map<const ast::Comprehension*, SourceBinding> sources;
    std::vector<std::unique_ptr<ast::Expr>> synthesized;  // owned placeholder expressions
    std::string subject_table;
    std::optional<std::string> effective_from;  // rule or package period
    std::optional<std::string> effective_until;
    // "" for a rule with one version; else its effective period, "2024-12-13..2025-12-31",
    // "..2024-12-13" or "2024-12-13..", which tells it apart from the rule's other versions.
    std::string version;

    const ExprInfo& info(const ast::Expr* expr) const { return expr_info.at(expr); }
    const SourceBinding& source(const ast::Comprehension* c) const { return sources.at(c); }
    const ParamValue* param(const std::string& name) const;

    // The rules (every version) that displace this one: for a subject in their scope (their
    // `for ... where` holds), this rule does not apply. Set by check_program.
    std::vector<const BoundRule*> displaced_by;
};

// A duration known when the rule is checked: a duration literal, a parameter (its default or its
// --param value), or a let of one of those. Date arithmetic, `within` and `every` take only
// these (the check_values pass makes sure), so the compiler reads them here.
struct StaticDuration {
    const ast::Literal* value = nullptr;  // null when the expression is not such a duration
    const ParamValue* param = nullptr;    // the parameter it comes from, if it does
};
StaticDuration static_duration(const BoundRule& rule, const ast::Expr* expr);

struct BoundProgram {
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    std::unique_ptr<Definitions> definitions;
    std::vector<std::unique_ptr<BoundRule>> rules;  // sorted by rule id, then effective_from
    // Rules that have errors, bound as far as checking got (names an editor can still explain);
    // nothing compiles or runs them.
    std::vector<std::unique_ptr<BoundRule>> rules_with_errors;
};

}  // namespace recallguard::checker
