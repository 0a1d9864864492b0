// Expressions back to source text: literals, operators with the parentheses the grammar's
// precedence needs, and line breaking for long conditions.
#include <algorithm>
#include <tuple>

#include "common/text.h"
#include "format/format.h"
#include "format/layout.h"

namespace recallguard::format {
namespace {

using detail::Lines;

// Binding strength of each construct, as the grammar (RuleParser.g4, `expr`) defines it:
// earlier alternatives bind tighter. Primaries never need parentheses.
constexpr int kPrimary = 100;

int precedence(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::Negate:
            return 11;
        case ast::ExprKind::Binary:
            if (expr.op == "*" || expr.op == "/") return 10;
            if (expr.op == "+" || expr.op == "-") return 9;
            if (expr.op == "and") return 2;
            if (expr.op == "or") return 1;
            return 8;  // comparisons
        case ast::ExprKind::IsKnown:
        case ast::ExprKind::HasField:
            return 7;
        case ast::ExprKind::IsMissing:
            return 6;
        case ast::ExprKind::InList:
            return 5;
        case ast::ExprKind::Between:
            return 4;
        case ast::ExprKind::Not:
            return 3;
        default:
            return kPrimary;
    }
}

bool needs_parentheses(const ast::Expr& child, int required) {
    return precedence(child) < required;
}

// A child written where the grammar accepts only constructs binding at least `required`.
std::string operand(const ast::Expr& child, int required) {
    const std::string text = format_expr(child);
    return needs_parentheses(child, required) ? "(" + text + ")" : text;
}

// `value for x in source where condition by order` without the surrounding call.
std::string comprehension_head(const ast::Comprehension& c) {
    std::string out;
    if (c.value) out += format_expr(*c.value) + " for ";
    return out + c.variable + " in " + detail::source_path(c.source);
}

std::string comprehension_text(const ast::Comprehension& c) {
    std::string out = comprehension_head(c);
    if (c.where) out += " where " + format_expr(*c.where);
    if (c.order_by) out += " by " + format_expr(*c.order_by);
    return out;
}

int width(const std::string& text) {
    int count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

// Column just past the last line of `lines` when the first one starts at `column`.
int end_column(const Lines& lines, int column) {
    return lines.size() == 1 ? column + width(lines[0]) : width(lines.back());
}

void append(Lines& out, Lines more) {
    out.back() += more[0];
    out.insert(out.end(), std::make_move_iterator(more.begin() + 1), std::make_move_iterator(more.end()));
}

Lines layout_operand(const ast::Expr& child, int required, int column, int continuation, int limit) {
    if (!needs_parentheses(child, required)) return detail::layout_expr(child, column, continuation, limit);
    Lines inner = detail::layout_expr(child, column + 1, continuation + 1, limit);
    inner[0] = "(" + inner[0];
    inner.back() += ")";
    return inner;
}

// `head`, then `where condition` on its own line, then `tail` closing the construct.
Lines layout_comprehension(const std::string& head, const ast::Comprehension& c, const std::string& tail,
                           int continuation, int limit) {
    Lines out{head};
    const int where_column = continuation + 2;
    Lines where = detail::layout_expr(*c.where, where_column + 6, where_column + 2, limit);
    where[0] = spaces(where_column) + "where " + where[0];
    out.insert(out.end(), where.begin(), where.end());
    out.back() += tail;
    return out;
}

void flatten_chain(const ast::Expr& expr, const std::string& op, std::vector<const ast::Expr*>& operands) {
    if (expr.kind == ast::ExprKind::Binary && expr.op == op) {
        flatten_chain(*expr.children[0], op, operands);
        operands.push_back(expr.children[1].get());
    } else {
        operands.push_back(&expr);
    }
}

}  // namespace

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

std::string detail::format_literal(const ast::Literal& literal) {
    const std::string count = std::to_string(literal.integer);
    const bool one = literal.integer == 1;
    switch (literal.kind) {
        case ast::Literal::Kind::String:
            return quote_string(literal.text);
        case ast::Literal::Kind::Date:
            return literal.text;
        case ast::Literal::Kind::Int:
            return literal.text.empty() ? count : literal.text;
        case ast::Literal::Kind::Decimal:
            return literal.text;
        case ast::Literal::Kind::Bool:
            return literal.integer ? "true" : "false";
        case ast::Literal::Kind::Days:
            return count + (one ? " day" : " days");
        case ast::Literal::Kind::Months:
            return count + (one ? " month" : " months");
        case ast::Literal::Kind::WorkingDays:
            return count + (one ? " working day" : " working days");
    }
    return count;
}

std::string detail::source_path(const std::vector<std::string>& source) {
    return join(source, ".");
}

SourceLocation detail::expr_start(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::Binary:
        case ast::ExprKind::IsKnown:
        case ast::ExprKind::IsMissing:
        case ast::ExprKind::HasField:
        case ast::ExprKind::InList:
        case ast::ExprKind::Between:
            if (!expr.children.empty()) {
                const SourceLocation left = expr_start(*expr.children[0]);
                if (std::tie(left.line, left.column) < std::tie(expr.location.line, expr.location.column)) return left;
            }
            return expr.location;
        default:
            return expr.location;
    }
}

std::string format_expr(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::Literal:
            return detail::format_literal(expr.literal);
        case ast::ExprKind::AsOf:
            return "as_of";
        case ast::ExprKind::Path:
            return join(expr.path, ".");
        case ast::ExprKind::Negate: {
            // `-5` reads back as the literal -5, so a negated literal keeps its parentheses.
            const ast::Expr& child = *expr.children[0];
            if (child.kind == ast::ExprKind::Literal) return "-(" + format_expr(child) + ")";
            return "-" + operand(child, 11);
        }
        case ast::ExprKind::Not:
            return "not " + operand(*expr.children[0], 3);
        case ast::ExprKind::Binary: {
            const int p = precedence(expr);
            return operand(*expr.children[0], p) + " " + expr.op + " " + operand(*expr.children[1], p + 1);
        }
        case ast::ExprKind::IsKnown:
            return operand(*expr.children[0], 7) + " is known";
        case ast::ExprKind::IsMissing:
            return operand(*expr.children[0], 6) + " is missing";
        case ast::ExprKind::HasField:
            return operand(*expr.children[0], 7) + " has " + quote_string(expr.literal.text);
        case ast::ExprKind::InList: {
            std::vector<std::string> items;
            for (const auto& literal : expr.list) items.push_back(detail::format_literal(literal));
            return operand(*expr.children[0], 5) + (expr.negated ? " not in (" : " in (") + join(items, ", ") + ")";
        }
        case ast::ExprKind::Between:
            // The grammar's bounds are arithmetic (RuleParser.bound): anything else is parenthesised.
            return operand(*expr.children[0], 4) + " between " + operand(*expr.children[1], 9) + " and " +
                   operand(*expr.children[2], 9);
        case ast::ExprKind::Aggregate:
            return expr.op + "(" + comprehension_text(*expr.comprehension) + ")";
        case ast::ExprKind::Union: {
            std::vector<std::string> arms;
            for (const auto& arm : expr.arms) arms.push_back(comprehension_text(arm));
            return "union(" + join(arms, ", ") + ")";
        }
        case ast::ExprKind::Coalesce: {
            std::vector<std::string> arguments;
            for (const auto& child : expr.children) arguments.push_back(format_expr(*child));
            return "coalesce(" + join(arguments, ", ") + ")";
        }
    }
    return "";
}

Lines detail::layout_expr(const ast::Expr& expr, int column, int continuation, int limit) {
    const std::string flat = format_expr(expr);
    if (column + width(flat) <= limit) return {flat};
    const int p = precedence(expr);
    if (expr.kind == ast::ExprKind::Binary && (expr.op == "and" || expr.op == "or")) {
        std::vector<const ast::Expr*> operands;
        flatten_chain(expr, expr.op, operands);
        Lines out = layout_operand(*operands[0], p, column, continuation, limit);
        const std::string prefix = expr.op + " ";
        // Fill: an operand joins the current line while it fits, otherwise it starts a new
        // line with its operator.
        for (size_t i = 1; i < operands.size(); ++i) {
            const std::string text = operand(*operands[i], p + 1);
            if (end_column(out, column) + 1 + width(prefix + text) <= limit) {
                out.back() += " " + prefix + text;
                continue;
            }
            Lines next = layout_operand(*operands[i], p + 1, continuation + width(prefix), continuation + 2, limit);
            next[0] = spaces(continuation) + prefix + next[0];
            out.insert(out.end(), next.begin(), next.end());
        }
        return out;
    }
    if (expr.kind == ast::ExprKind::Binary) {
        Lines out = layout_operand(*expr.children[0], p, column, continuation, limit);
        const std::string middle = " " + expr.op + " ";
        Lines right =
            layout_operand(*expr.children[1], p + 1, end_column(out, column) + width(middle), continuation, limit);
        right[0] = middle + right[0];
        append(out, std::move(right));
        return out;
    }
    if (expr.kind == ast::ExprKind::Not) {
        Lines out = layout_operand(*expr.children[0], 3, column + 4, continuation, limit);
        out[0] = "not " + out[0];
        return out;
    }
    if (expr.kind == ast::ExprKind::Aggregate && expr.comprehension->where) {
        const ast::Comprehension& c = *expr.comprehension;
        std::string tail = c.order_by ? " by " + format_expr(*c.order_by) + ")" : ")";
        return layout_comprehension(expr.op + "(" + comprehension_head(c), c, tail, continuation, limit);
    }
    if (expr.kind == ast::ExprKind::Union) {
        Lines out{"union("};
        const int arm_column = continuation + 2;
        for (size_t i = 0; i < expr.arms.size(); ++i) {
            const ast::Comprehension& arm = expr.arms[i];
            const std::string close = i + 1 == expr.arms.size() ? ")" : ",";
            const std::string text = comprehension_text(arm);
            Lines lines = arm_column + width(text) + 1 <= limit || !arm.where
                              ? Lines{text + close}
                              : layout_comprehension(comprehension_head(arm), arm, close, arm_column, limit);
            lines[0] = spaces(arm_column) + lines[0];
            out.insert(out.end(), lines.begin(), lines.end());
        }
        return out;
    }
    return {flat};
}

}  // namespace recallguard::format
