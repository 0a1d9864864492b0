// Visiting every expression and comprehension of a rule, for passes that look for names or
// positions (an editor's hover, completion and go-to-definition).
#pragma once

#include "ast/ast.h"

namespace recallguard::ast {

// Calls `on_expr(const Expr&)` for `expr` and every expression inside it, outermost first, and
// `on_comprehension(const Comprehension&, const SourceLocation& scope_start)` for every
// comprehension: the variable it declares is visible from scope_start (the aggregate or union
// arm it belongs to) to the end of that aggregate or arm.
template <typename OnExpr, typename OnComprehension>
void walk_expr(const Expr* expr, OnExpr& on_expr, OnComprehension& on_comprehension) {
    if (!expr) return;
    on_expr(*expr);
    for (const auto& child : expr->children) walk_expr(child.get(), on_expr, on_comprehension);
    auto walk_comprehension = [&](const Comprehension& c, const SourceLocation& scope_start) {
        on_comprehension(c, scope_start);
        walk_expr(c.value.get(), on_expr, on_comprehension);
        walk_expr(c.where.get(), on_expr, on_comprehension);
        walk_expr(c.order_by.get(), on_expr, on_comprehension);
    };
    if (expr->comprehension) walk_comprehension(*expr->comprehension, expr->location);
    for (const auto& arm : expr->arms) walk_comprehension(arm, arm.value ? arm.value->location : expr->location);
}

// The same over every expression a rule holds (its `requirement`s count as comprehensions).
template <typename OnExpr, typename OnComprehension>
void walk_rule(const Rule& rule, OnExpr on_expr, OnComprehension on_comprehension) {
    auto walk = [&](const ExprPtr& expr) { walk_expr(expr.get(), on_expr, on_comprehension); };
    auto walk_requirement = [&](const std::optional<Requirement>& requirement) {
        if (!requirement) return;
        on_comprehension(requirement->records, requirement->location);
        walk(requirement->records.where);
        walk(requirement->dated);
    };
    if (rule.subject) walk(rule.subject->where);
    for (const auto& key : rule.group_by) walk(key.value);
    for (const auto& let : rule.lets) walk(let.value);
    if (rule.deadline) {
        walk(rule.deadline->after);
        walk(rule.deadline->within);
        walk_requirement(rule.deadline->require);
        walk(rule.deadline->extend_to);
        walk(rule.deadline->unless);
    }
    if (rule.periodic) {
        walk(rule.periodic->start);
        walk(rule.periodic->every);
        walk(rule.periodic->until);
        walk(rule.periodic->within);
        walk_requirement(rule.periodic->require);
    }
    if (rule.condition) {
        walk(rule.condition->when);
        walk(rule.condition->dated);
    }
    walk(rule.unless);
}

}  // namespace recallguard::ast
