#include "compiler/sql_ir.h"

namespace recallguard::compiler::sql {
namespace {
std::shared_ptr<Expr> make(Expr::Kind kind) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    return e;
}
}  // namespace

ExprPtr column(std::string qualifier, std::string name) {
    auto e = make(Expr::Kind::Column);
    e->qualifier = std::move(qualifier);
    e->name = std::move(name);
    return e;
}
ExprPtr param(sqldb::SqlValue value) {
    auto e = make(Expr::Kind::Param);
    e->value = std::move(value);
    return e;
}
ExprPtr integer(int64_t value) {
    auto e = make(Expr::Kind::Integer);
    e->integer = value;
    return e;
}
ExprPtr null() {
    return make(Expr::Kind::Null);
}
ExprPtr function(std::string name, std::vector<ExprPtr> args) {
    auto e = make(Expr::Kind::Function);
    e->name = std::move(name);
    e->args = std::move(args);
    return e;
}
ExprPtr binary(std::string op, ExprPtr left, ExprPtr right) {
    auto e = make(Expr::Kind::Binary);
    e->name = std::move(op);
    e->args = {std::move(left), std::move(right)};
    return e;
}
ExprPtr logical_not(ExprPtr operand) {
    auto e = make(Expr::Kind::Not);
    e->args = {std::move(operand)};
    return e;
}
ExprPtr negate(ExprPtr operand) {
    auto e = make(Expr::Kind::Negate);
    e->args = {std::move(operand)};
    return e;
}
ExprPtr is_null(ExprPtr operand, bool negated) {
    auto e = make(Expr::Kind::IsNull);
    e->args = {std::move(operand)};
    e->negated = negated;
    return e;
}
ExprPtr in_list(ExprPtr operand, std::vector<ExprPtr> values, bool negated) {
    auto e = make(Expr::Kind::InList);
    e->args.push_back(std::move(operand));
    for (auto& v : values) e->args.push_back(std::move(v));
    e->negated = negated;
    return e;
}
ExprPtr between(ExprPtr operand, ExprPtr low, ExprPtr high) {
    auto e = make(Expr::Kind::Between);
    e->args = {std::move(operand), std::move(low), std::move(high)};
    return e;
}
ExprPtr case_when(std::vector<ExprPtr> when_then_else) {
    auto e = make(Expr::Kind::Case);
    e->args = std::move(when_then_else);
    return e;
}
ExprPtr scalar(SelectPtr subquery) {
    auto e = make(Expr::Kind::Scalar);
    e->subquery = std::move(subquery);
    return e;
}
ExprPtr exists(SelectPtr subquery, bool negated) {
    auto e = make(Expr::Kind::Exists);
    e->subquery = std::move(subquery);
    e->negated = negated;
    return e;
}
ExprPtr cast_real(ExprPtr operand) {
    auto e = make(Expr::Kind::Cast);
    e->name = "REAL";
    e->args = {std::move(operand)};
    return e;
}
ExprPtr cast_integer(ExprPtr operand) {
    auto e = make(Expr::Kind::Cast);
    e->name = "INTEGER";
    e->args = {std::move(operand)};
    return e;
}
ExprPtr all_of(std::vector<ExprPtr> conditions) {
    ExprPtr result;
    for (auto& c : conditions) {
        if (!c) continue;
        result = result ? binary("AND", result, c) : c;
    }
    return result;
}

namespace {

// Aliases in FROM clauses and the (alias, column) pairs used, over a whole query.
struct ColumnWalk {
    std::map<std::string, std::set<std::string>> tables_of_alias;
    std::set<std::pair<std::string, std::string>> uses;

    void select(const Select& s) {
        for (const auto& c : s.columns) {
            if (!c.star_of.empty()) uses.insert({c.star_of, "*"});
            if (c.expr) expr(*c.expr);
        }
        for (const auto& t : s.from) {
            if (t.subquery)
                select(*t.subquery);
            else
                tables_of_alias[t.alias.empty() ? t.table : t.alias].insert(t.table);
            if (t.join_on) expr(*t.join_on);
        }
        if (s.where) expr(*s.where);
        for (const auto& e : s.group_by) expr(*e);
        for (const auto& [e, descending] : s.order_by) expr(*e);
        for (const auto& arm : s.union_all) select(*arm);
    }
    void expr(const Expr& e) {
        if (e.kind == Expr::Kind::Column) uses.insert({e.qualifier, e.name});
        for (const auto& arg : e.args)
            if (arg) expr(*arg);
        if (e.subquery) select(*e.subquery);
    }
};

}  // namespace

std::map<std::string, std::set<std::string>> columns_read(const Query& query) {
    ColumnWalk walk;
    for (const auto& cte : query.ctes) walk.select(*cte.select);
    if (query.body) walk.select(*query.body);
    std::map<std::string, std::set<std::string>> columns;
    for (const auto& [alias, tables] : walk.tables_of_alias)
        for (const auto& table : tables) columns[table];  // a table read for its rows alone still counts
    for (const auto& [alias, column] : walk.uses) {
        const auto found = walk.tables_of_alias.find(alias);
        if (found == walk.tables_of_alias.end()) continue;
        for (const auto& table : found->second) columns[table].insert(column);
    }
    for (const auto& [alias, tables] : walk.tables_of_alias)
        if (tables.size() > 1)
            for (const auto& table : tables) columns[table].insert("*");
    return columns;
}

}  // namespace recallguard::compiler::sql
