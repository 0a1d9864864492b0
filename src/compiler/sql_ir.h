// A typed plan of the SQL a rule compiles to. Built by the lowering, printed only by the
// renderer (sql_render.cpp); values never appear as text, only as bound parameters.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sqldb/value.h"

namespace recallguard::compiler::sql {

struct Select;
struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;
using SelectPtr = std::shared_ptr<const Select>;

struct Expr {
    enum class Kind {
        Column,   // qualifier.name
        Param,    // a bound value
        Integer,  // a small engine constant (0, 1): never a value taken from a rule or the data
        Null,
        Function,  // name(args...)
        Binary,    // args[0] op args[1]
        Not,       // NOT args[0]
        Negate,    // -args[0]
        IsNull,    // args[0] IS NULL / IS NOT NULL (negated)
        InList,    // args[0] [NOT] IN (args[1..])
        Between,   // args[0] BETWEEN args[1] AND args[2]
        Case,      // CASE WHEN args[0] THEN args[1] ... ELSE last END (odd count: else present)
        Scalar,    // (subquery)
        Exists,    // [NOT] EXISTS (subquery)
        Cast,      // CAST(args[0] AS name), name REAL or INTEGER
    };
    Kind kind = Kind::Null;
    std::string qualifier;
    std::string name;  // column name, function name or operator
    sqldb::SqlValue value;
    int64_t integer = 0;
    std::vector<ExprPtr> args;
    SelectPtr subquery;
    bool negated = false;
};

ExprPtr column(std::string qualifier, std::string name);
ExprPtr param(sqldb::SqlValue value);
ExprPtr integer(int64_t value);
ExprPtr null();
ExprPtr function(std::string name, std::vector<ExprPtr> args);
ExprPtr binary(std::string op, ExprPtr left, ExprPtr right);
ExprPtr logical_not(ExprPtr operand);
ExprPtr negate(ExprPtr operand);
ExprPtr is_null(ExprPtr operand, bool negated = false);
ExprPtr in_list(ExprPtr operand, std::vector<ExprPtr> values, bool negated);
ExprPtr between(ExprPtr operand, ExprPtr low, ExprPtr high);
ExprPtr case_when(std::vector<ExprPtr> when_then_else);
ExprPtr scalar(SelectPtr subquery);
ExprPtr exists(SelectPtr subquery, bool negated);
ExprPtr cast_real(ExprPtr operand);
ExprPtr cast_integer(ExprPtr operand);
ExprPtr all_of(std::vector<ExprPtr> conditions);  // AND of the non-null ones; null when none

struct TableRef {
    std::string table;   // a table or CTE name ...
    SelectPtr subquery;  // ... or a derived table
    std::string alias;
    ExprPtr join_on;  // null for the first FROM item
    bool left_join = false;
};

struct OutputColumn {
    ExprPtr expr;  // null with star set: alias.*
    std::string alias;
    std::string star_of;  // "x" renders x.*
};

struct Select {
    std::vector<OutputColumn> columns;
    std::vector<TableRef> from;
    ExprPtr where;
    std::vector<ExprPtr> group_by;
    std::vector<std::pair<ExprPtr, bool>> order_by;  // (expr, descending)
    std::optional<int64_t> limit;
    std::vector<SelectPtr> union_all;  // further arms, same columns
};

struct Cte {
    std::string name;
    std::vector<std::string> columns;  // needed for recursive CTEs
    SelectPtr select;
    bool materialized = false;
};

struct Query {
    std::vector<Cte> ctes;
    bool recursive = false;
    SelectPtr body;
};

// The columns a query reads, by table: table -> column names, with "*" for every column (an
// `alias.*`). Column references are followed through their aliases to the tables named in FROM
// clauses anywhere in the query; names that are not tables (CTEs) are left out. An alias that
// names two different tables makes both read whole.
std::map<std::string, std::set<std::string>> columns_read(const Query& query);

// The renderer: the only place SQL text is printed. Parameters are numbered in order of
// appearance and returned alongside the text.
struct RenderedSql {
    std::string text;
    std::vector<sqldb::SqlValue> params;
};
RenderedSql render(const Query& query);

}  // namespace recallguard::compiler::sql
