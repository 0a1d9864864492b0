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
ExprPtr param(exec::SqlValue value) {
    auto e = make(Expr::Kind::Param);
    e->value = std::move(value);
    return e;
}
ExprPtr integer(int64_t value) {
    auto e = make(Expr::Kind::Integer);
    e->integer = value;
    return e;
}
ExprPtr null() { return make(Expr::Kind::Null); }
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

}  // namespace recallguard::compiler::sql
