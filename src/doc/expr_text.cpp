#include "doc/catalogue.h"

namespace recallguard::doc {
namespace {

// Binding strength of each construct, as the grammar orders its alternatives.
int precedence(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::Binary:
            if (expr.op == "*" || expr.op == "/") return 6;
            if (expr.op == "+" || expr.op == "-") return 5;
            if (expr.op == "and") return 1;
            if (expr.op == "or") return 0;
            return 4;  // comparisons
        case ast::ExprKind::IsKnown:
        case ast::ExprKind::IsMissing:
        case ast::ExprKind::HasField:
        case ast::ExprKind::InList:
        case ast::ExprKind::Between:
            return 3;
        case ast::ExprKind::Not:
            return 2;
        default:
            return 8;  // primaries and unary minus
    }
}

std::string join_path(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : ".") + part;
    return out;
}

std::string text_at_least(const ast::Expr* expr, int min_precedence) {
    if (!expr) return "";
    const std::string text = expr_text(*expr);
    return precedence(*expr) < min_precedence ? "(" + text + ")" : text;
}

std::string comprehension_text(const ast::Comprehension& c) {
    std::string out;
    if (c.value) out += expr_text(*c.value) + " for ";
    out += c.variable + " in " + join_path(c.source);
    if (c.where) out += " where " + expr_text(*c.where);
    if (c.order_by) out += " by " + expr_text(*c.order_by);
    return out;
}

}  // namespace

std::string literal_text(const ast::Literal& literal) {
    switch (literal.kind) {
        case ast::Literal::Kind::String: {
            std::string out = "\"";
            for (char ch : literal.text) {
                if (ch == '"' || ch == '\\') out += '\\';
                out += ch;
            }
            return out + "\"";
        }
        case ast::Literal::Kind::Date:
        case ast::Literal::Kind::Decimal:
            return literal.text;
        case ast::Literal::Kind::Int:
            return std::to_string(literal.integer);
        case ast::Literal::Kind::Bool:
            return literal.integer ? "true" : "false";
        case ast::Literal::Kind::Days:
            return std::to_string(literal.integer) + (literal.integer == 1 ? " day" : " days");
        case ast::Literal::Kind::Months:
            return std::to_string(literal.integer) + (literal.integer == 1 ? " month" : " months");
        case ast::Literal::Kind::WorkingDays:
            return std::to_string(literal.integer) + (literal.integer == 1 ? " working day" : " working days");
    }
    return literal.text;
}

std::string expr_text(const ast::Expr& expr) {
    const int own = precedence(expr);
    const auto child = [&](size_t i) { return i < expr.children.size() ? expr.children[i].get() : nullptr; };
    switch (expr.kind) {
        case ast::ExprKind::Literal:
            return literal_text(expr.literal);
        case ast::ExprKind::AsOf:
            return "as_of";
        case ast::ExprKind::Path:
            return join_path(expr.path);
        case ast::ExprKind::Negate:
            return "-" + text_at_least(child(0), own);
        case ast::ExprKind::Not:
            return "not " + text_at_least(child(0), own);
        case ast::ExprKind::Binary:
            // Left-associative: a right operand of the same strength needs parentheses.
            return text_at_least(child(0), own) + " " + expr.op + " " + text_at_least(child(1), own + 1);
        case ast::ExprKind::IsKnown:
            return text_at_least(child(0), own + 1) + " is known";
        case ast::ExprKind::IsMissing:
            return text_at_least(child(0), own + 1) + " is missing";
        case ast::ExprKind::HasField:
            return text_at_least(child(0), own + 1) + " has \"" + expr.literal.text + "\"";
        case ast::ExprKind::InList: {
            std::string out = text_at_least(child(0), own + 1) + (expr.negated ? " not in (" : " in (");
            for (size_t i = 0; i < expr.list.size(); ++i) out += (i ? ", " : "") + literal_text(expr.list[i]);
            return out + ")";
        }
        case ast::ExprKind::Between:
            return text_at_least(child(0), own + 1) + " between " + text_at_least(child(1), own + 1) + " and " +
                   text_at_least(child(2), own + 1);
        case ast::ExprKind::Aggregate:
            return expr.op + "(" + (expr.comprehension ? comprehension_text(*expr.comprehension) : "") + ")";
        case ast::ExprKind::Union: {
            std::string out = "union(";
            for (size_t i = 0; i < expr.arms.size(); ++i) out += (i ? ", " : "") + comprehension_text(expr.arms[i]);
            return out + ")";
        }
        case ast::ExprKind::Coalesce: {
            std::string out = "coalesce(";
            for (size_t i = 0; i < expr.children.size(); ++i) out += (i ? ", " : "") + expr_text(*expr.children[i]);
            return out + ")";
        }
    }
    return "";
}

std::string requirement_text(const ast::Requirement& requirement) {
    std::string out = requirement.records.variable + " in " + join_path(requirement.records.source);
    if (requirement.records.where) out += " where " + expr_text(*requirement.records.where);
    if (requirement.dated) out += " dated " + expr_text(*requirement.dated);
    return out;
}

}  // namespace recallguard::doc
