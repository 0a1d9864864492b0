#include "ast/expr_text.h"

#include "ast/operators.h"

namespace recallguard::ast {

std::string quote_string(const std::string& value) {
    std::string out = "\"";
    for (char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

std::string literal_text(const Literal& literal) {
    const std::string count = std::to_string(literal.integer);
    const bool one = literal.integer == 1;
    switch (literal.kind) {
        case Literal::Kind::String:
            return quote_string(literal.text);
        case Literal::Kind::Date:
            return literal.text;
        case Literal::Kind::Int:
            return literal.text.empty() ? count : literal.text;
        case Literal::Kind::Decimal:
            return literal.text;
        case Literal::Kind::Bool:
            return literal.integer ? "true" : "false";
        case Literal::Kind::Days:
            return count + (one ? " day" : " days");
        case Literal::Kind::Months:
            return count + (one ? " month" : " months");
        case Literal::Kind::WorkingDays:
            return count + (one ? " working day" : " working days");
    }
    return count;
}

std::string list_text(const std::vector<Literal>& values) {
    std::string out = "(";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + literal_text(values[i]);
    return out + ")";
}

std::string path_text(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
    return out;
}

std::string operand_text(const Expr& child, int required) {
    const std::string text = expr_text(child);
    return precedence(child) < required ? "(" + text + ")" : text;
}

std::string comprehension_head(const Comprehension& c) {
    std::string out;
    if (c.value) out += expr_text(*c.value) + " for ";
    return out + c.variable + " in " + path_text(c.source);
}

std::string comprehension_text(const Comprehension& c) {
    std::string out = comprehension_head(c);
    if (c.where) out += " where " + expr_text(*c.where);
    if (c.order_by) out += " by " + expr_text(*c.order_by);
    return out;
}

std::string expr_text(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::Literal:
            return literal_text(expr.literal);
        case ExprKind::AsOf:
            return "as_of";
        case ExprKind::Path:
            return path_text(expr.path);
        case ExprKind::Negate: {
            // `-5` reads back as the literal -5, so a negated literal keeps its parentheses.
            const Expr& child = *expr.children[0];
            if (child.kind == ExprKind::Literal) return "-(" + expr_text(child) + ")";
            return "-" + operand_text(child, kNegatePrecedence);
        }
        case ExprKind::Not:
            return "not " + operand_text(*expr.children[0], kNotPrecedence);
        case ExprKind::Binary: {
            const int p = precedence_of(expr.binary_op);
            return operand_text(*expr.children[0], p) + " " + std::string(binary_op_text(expr.binary_op)) + " " +
                   operand_text(*expr.children[1], p + 1);
        }
        case ExprKind::IsKnown:
            return operand_text(*expr.children[0], kIsKnownPrecedence) + " is known";
        case ExprKind::IsMissing:
            return operand_text(*expr.children[0], kIsMissingPrecedence) + " is missing";
        case ExprKind::HasField:
            return operand_text(*expr.children[0], kIsKnownPrecedence) + " has " + quote_string(expr.literal.text);
        case ExprKind::TextMatch:
            // The left side binds like a comparison's; the text searched for is a primary.
            return operand_text(*expr.children[0], kIsKnownPrecedence + 1) + " " +
                   std::string(text_op_text(expr.text_op)) + " " + operand_text(*expr.children[1], kPrimaryPrecedence);
        case ExprKind::InList: {
            std::string out =
                operand_text(*expr.children[0], kInListPrecedence) + (expr.negated ? " not in (" : " in (");
            for (size_t i = 0; i < expr.list.size(); ++i) out += (i ? ", " : "") + literal_text(expr.list[i]);
            return out + ")";
        }
        case ExprKind::InSet:
            return operand_text(*expr.children[0], kInListPrecedence) + (expr.negated ? " not in " : " in ") +
                   path_text(expr.path);
        case ExprKind::IsDefined:
            return operand_text(*expr.children[0], kIsMissingPrecedence) + (expr.negated ? " is not " : " is ") +
                   path_text(expr.path);
        case ExprKind::Between:
            return operand_text(*expr.children[0], kBetweenPrecedence) + " between " +
                   operand_text(*expr.children[1], kBetweenBoundPrecedence) + " and " +
                   operand_text(*expr.children[2], kBetweenBoundPrecedence);
        case ExprKind::Aggregate:
            return std::string(aggregate_op_name(expr.aggregate_op)) + "(" + comprehension_text(*expr.comprehension) +
                   ")";
        case ExprKind::Union: {
            std::string out = "union(";
            for (size_t i = 0; i < expr.arms.size(); ++i) out += (i ? ", " : "") + comprehension_text(expr.arms[i]);
            return out + ")";
        }
        case ExprKind::Coalesce: {
            std::string out = "coalesce(";
            for (size_t i = 0; i < expr.children.size(); ++i) out += (i ? ", " : "") + expr_text(*expr.children[i]);
            return out + ")";
        }
    }
    return "";
}

}  // namespace recallguard::ast
