// Laying out expressions over lines: the one-line text comes from ast::expr_text; long
// conditions break before `and` / `or`, long aggregates before `where`, unions between arms.
#include <algorithm>
#include <tuple>

#include "ast/expr_text.h"
#include "ast/operators.h"
#include "common/text.h"
#include "common/utf8.h"
#include "format/format.h"
#include "format/layout.h"

namespace recallguard::format {
namespace {

using ast::comprehension_head;
using ast::comprehension_text;
using ast::operand_text;
using detail::Lines;

bool needs_parentheses(const ast::Expr& child, int required) {
    return ast::precedence(child) < required;
}

int width(const std::string& text) {
    return code_point_count(text);
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

void flatten_chain(const ast::Expr& expr, ast::BinaryOp op, std::vector<const ast::Expr*>& operands) {
    if (expr.kind == ast::ExprKind::Binary && expr.binary_op == op) {
        flatten_chain(*expr.children[0], op, operands);
        operands.push_back(expr.children[1].get());
    } else {
        operands.push_back(&expr);
    }
}

}  // namespace

SourceLocation detail::expr_start(const ast::Expr& expr) {
    switch (expr.kind) {
        case ast::ExprKind::Binary:
        case ast::ExprKind::IsKnown:
        case ast::ExprKind::IsMissing:
        case ast::ExprKind::HasField:
        case ast::ExprKind::TextMatch:
        case ast::ExprKind::InSet:
        case ast::ExprKind::IsDefined:
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

Lines detail::layout_expr(const ast::Expr& expr, int column, int continuation, int limit) {
    const std::string flat = ast::expr_text(expr);
    if (column + width(flat) <= limit) return {flat};
    const int p = ast::precedence(expr);
    const std::string op = expr.kind == ast::ExprKind::Binary ? std::string(ast::binary_op_text(expr.binary_op)) : "";
    if (expr.kind == ast::ExprKind::Binary && ast::is_logical(expr.binary_op)) {
        std::vector<const ast::Expr*> operands;
        flatten_chain(expr, expr.binary_op, operands);
        Lines out = layout_operand(*operands[0], p, column, continuation, limit);
        const std::string prefix = op + " ";
        // Fill: an operand joins the current line while it fits, otherwise it starts a new
        // line with its operator.
        for (size_t i = 1; i < operands.size(); ++i) {
            const std::string text = operand_text(*operands[i], p + 1);
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
        const std::string middle = " " + op + " ";
        Lines right =
            layout_operand(*expr.children[1], p + 1, end_column(out, column) + width(middle), continuation, limit);
        right[0] = middle + right[0];
        append(out, std::move(right));
        return out;
    }
    if (expr.kind == ast::ExprKind::Not) {
        Lines out = layout_operand(*expr.children[0], ast::kNotPrecedence, column + 4, continuation, limit);
        out[0] = "not " + out[0];
        return out;
    }
    if (expr.kind == ast::ExprKind::Aggregate && expr.comprehension->where) {
        const ast::Comprehension& c = *expr.comprehension;
        std::string tail = c.order_by ? " by " + ast::expr_text(*c.order_by) + ")" : ")";
        return layout_comprehension(
            std::string(ast::aggregate_op_name(expr.aggregate_op)) + "(" + comprehension_head(c), c, tail, continuation,
            limit);
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
