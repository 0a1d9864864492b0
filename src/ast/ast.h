// The rule language's own syntax tree: what the author wrote, with source positions.
// Built by the parser's transformer; read by the checker, the formatter and the compiler.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/operators.h"
#include "common/source_location.h"

namespace recallguard::ast {

struct Literal {
    enum class Kind { String, Date, Int, Decimal, Bool, Days, Months, WorkingDays };
    Kind kind = Kind::Int;
    std::string text;     // strings: the decoded value; dates: YYYY-MM-DD; decimals: as written
    int64_t integer = 0;  // Int, Days, Months, WorkingDays (the count), Bool (0/1)
    double decimal = 0;
    SourceLocation location;
    int length = 1;  // characters of source text (a string's quotes and escapes included), for carets
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// `value for var in source where condition by order`: iteration over related rows or a
// set of values. Used by aggregates, union arms and requirements.
struct Comprehension {
    ExprPtr value;  // null for count/exists/no and for `earliest(t in dates ...)`
    std::string variable;
    SourceLocation variable_location;
    std::vector<std::string> source;  // `c.filings` -> {"c", "filings"}; `defect_cases` -> {"defect_cases"}
    SourceLocation source_location;
    std::vector<SourceLocation> source_locations;  // one per element of `source`
    ExprPtr where;
    ExprPtr order_by;  // earliest/latest ... by
};

enum class ExprKind {
    Literal,    // literal
    AsOf,       // the audit date
    Path,       // path: a.b.c (variable, relation steps, column) or a parameter / let name
    Negate,     // children[0]
    Not,        // children[0]
    Binary,     // binary_op, children[0], children[1]: + - * / = != < <= > >= and or
    IsKnown,    // children[0]
    IsMissing,  // children[0]
    InList,     // children[0] in (list); negated for `not in`
    Between,    // children[0] between children[1] and children[2]
    Aggregate,  // aggregate_op: count exists no sum min max earliest latest; comprehension
    Union,      // arms: a set of values from several sources
    Coalesce,   // children: first known value
    HasField,   // children[0] (a JSON column) has the field literal.text, present and not empty
    TextMatch,  // text_op: children[0] contains / starts with / ends with / matches children[1]
    InSet,      // children[0] in the set named path[0] (a `define`d set or a list parameter); negated for `not in`
    IsDefined,  // children[0] (a row) is the condition named path[0] (a `define`d condition); negated for `is not`
};

struct Expr {
    ExprKind kind = ExprKind::Literal;
    SourceLocation location;
    int length = 1;                                 // characters of source text, for carets
    BinaryOp binary_op = BinaryOp::And;             // Binary
    AggregateOp aggregate_op = AggregateOp::Count;  // Aggregate
    TextOp text_op = TextOp::Contains;              // TextMatch
    Literal literal;
    std::vector<std::string> path;
    std::vector<SourceLocation> path_locations;
    std::vector<ExprPtr> children;
    std::vector<Literal> list;
    bool negated = false;
    std::unique_ptr<Comprehension> comprehension;
    std::vector<Comprehension> arms;
};

struct EffectivePeriod {
    std::optional<std::string> from;   // inclusive
    std::optional<std::string> until;  // exclusive
    SourceLocation location;
};

struct Package {
    std::string name;
    SourceLocation location;
    std::string title, authority, jurisdiction, calendar, source;
    SourceLocation calendar_location;
    // Where each clause and the closing brace are, so the formatter keeps comments in place.
    SourceLocation title_location, authority_location, jurisdiction_location, source_location, end_location;
    std::optional<EffectivePeriod> effective;
};

struct Param {
    std::string name;
    Literal default_value;  // a list: its first value (the list's kind)
    SourceLocation location;
    bool is_list = false;  // `param markets = ("CN", "HK")`
    std::vector<Literal> list;
};

// `define name = ...` at the top of a file: visible in the file and in every file that imports it.
struct Definition {
    enum class Kind { Constant, Set, Condition } kind = Kind::Constant;
    std::string name;
    SourceLocation location;        // the name
    SourceLocation start_location;  // `define`
    Literal value;                  // Constant
    std::vector<Literal> values;    // Set
    std::string variable, table;    // Condition: `for variable in table where condition`
    SourceLocation variable_location, table_location;
    ExprPtr condition;
};

struct Let {
    std::string name;
    ExprPtr value;
    SourceLocation location;
};

// `group by name = value, ...`: one key of the groups a grouped rule judges.
struct GroupKey {
    std::string name;
    ExprPtr value;
    SourceLocation location;
};

struct Subject {
    std::string variable;
    std::string table;
    ExprPtr where;
    SourceLocation location;
    SourceLocation table_location;
};

// The record that satisfies an obligation: `require f in c.filings where ... dated f.filed_on`.
struct Requirement {
    Comprehension records;  // value unused
    ExprPtr dated;
    SourceLocation location;
};

struct Deadline {
    ExprPtr after;
    ExprPtr within;
    std::optional<Requirement> require;
    ExprPtr extend_to;
    ExprPtr unless;
    SourceLocation location;
    SourceLocation end_location;  // the closing brace
};

struct Periodic {
    ExprPtr start;
    ExprPtr every;
    ExprPtr until;
    ExprPtr within;
    std::optional<Requirement> require;
    SourceLocation location;
    SourceLocation end_location;  // the closing brace
};

// A condition that must never hold (violation) or that warrants investigation (signal).
struct Condition {
    enum class Kind { Violation, Signal } kind = Kind::Violation;
    ExprPtr when;
    SourceLocation location;
    // `dated <date>`: the date of the act the rule judges (the sale, the decision); the version
    // of the rule in force on that date applies. Null when not written.
    ExprPtr dated;
};

struct Rule {
    std::string id;
    SourceLocation location;
    int package_index = -1;  // into RuleFile::packages; -1 = none
    std::string title, citation, category, severity, description, calendar, message;
    SourceLocation category_location, severity_location, calendar_location, message_location;
    SourceLocation title_location, citation_location, description_location;
    SourceLocation end_location;  // the closing brace
    std::optional<EffectivePeriod> effective;
    std::vector<Param> params;
    std::optional<Subject> subject;
    std::vector<Let> lets;
    // `group by`: the rule judges groups of subject rows with equal keys, one finding per group;
    // after it, the keys are names and `group` is the set of the group's rows.
    std::vector<GroupKey> group_by;
    SourceLocation group_location;
    std::optional<Deadline> deadline;
    std::optional<Periodic> periodic;
    std::optional<Condition> condition;
    // `unless <condition>` of the rule (any form): when it holds for a subject, the rule does not
    // apply to it. A deadline may say it inside its block instead (Deadline::unless).
    ExprPtr unless;
    SourceLocation unless_location;
    // `displaces RULE-ID, ...`: for a subject this rule applies to (its `for ... where` holds),
    // those rules do not apply.
    std::vector<std::pair<std::string, SourceLocation>> displaces;
    SourceLocation displaces_location;  // the first `displaces` keyword
    int body_count = 0;                 // deadline/periodic/violation/signal clauses written (exactly one is valid)
};

struct Comment {
    int line = 0;
    int column = 0;
    std::string text;
};

struct RuleFile {
    std::string path;
    std::string text;
    std::vector<Package> packages;
    std::vector<std::pair<std::string, SourceLocation>> imports;
    std::vector<Rule> rules;
    std::vector<Definition> definitions;
    // Set by the rule loader: this file's canonical path, and those of the files it imports (in
    // the order of `imports`; "" for one that does not exist). Definitions are visible by them.
    std::string key;
    std::vector<std::string> import_keys;
    std::vector<Comment> comments;  // kept for the formatter
};

}  // namespace recallguard::ast
