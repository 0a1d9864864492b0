#include "ast/operators.h"

#include <array>
#include <utility>

#include "ast/ast.h"

namespace recallguard::ast {
namespace {

constexpr std::array<std::pair<BinaryOp, std::string_view>, 12> kBinaryOps{{
    {BinaryOp::Multiply, "*"},
    {BinaryOp::Divide, "/"},
    {BinaryOp::Add, "+"},
    {BinaryOp::Subtract, "-"},
    {BinaryOp::Equal, "="},
    {BinaryOp::NotEqual, "!="},
    {BinaryOp::Less, "<"},
    {BinaryOp::LessEqual, "<="},
    {BinaryOp::Greater, ">"},
    {BinaryOp::GreaterEqual, ">="},
    {BinaryOp::And, "and"},
    {BinaryOp::Or, "or"},
}};

constexpr std::array<std::pair<AggregateOp, std::string_view>, 8> kAggregateOps{{
    {AggregateOp::Count, "count"},
    {AggregateOp::Exists, "exists"},
    {AggregateOp::No, "no"},
    {AggregateOp::Sum, "sum"},
    {AggregateOp::Min, "min"},
    {AggregateOp::Max, "max"},
    {AggregateOp::Earliest, "earliest"},
    {AggregateOp::Latest, "latest"},
}};

}  // namespace

std::string_view binary_op_text(BinaryOp op) {
    for (const auto& [candidate, text] : kBinaryOps)
        if (candidate == op) return text;
    return "?";
}

std::optional<BinaryOp> parse_binary_op(std::string_view text) {
    if (text == "<>") return BinaryOp::NotEqual;
    for (const auto& [op, candidate] : kBinaryOps)
        if (candidate == text) return op;
    return std::nullopt;
}

std::string_view aggregate_op_name(AggregateOp op) {
    for (const auto& [candidate, name] : kAggregateOps)
        if (candidate == op) return name;
    return "?";
}

std::optional<AggregateOp> parse_aggregate_op(std::string_view name) {
    for (const auto& [op, candidate] : kAggregateOps)
        if (candidate == name) return op;
    return std::nullopt;
}

std::string_view text_op_text(TextOp op) {
    switch (op) {
        case TextOp::Contains:
            return "contains";
        case TextOp::StartsWith:
            return "starts with";
        case TextOp::EndsWith:
            return "ends with";
        case TextOp::Matches:
            return "matches";
    }
    return "contains";
}

bool is_comparison(BinaryOp op) {
    return op == BinaryOp::Equal || op == BinaryOp::NotEqual || op == BinaryOp::Less || op == BinaryOp::LessEqual ||
           op == BinaryOp::Greater || op == BinaryOp::GreaterEqual;
}

bool is_arithmetic(BinaryOp op) {
    return op == BinaryOp::Multiply || op == BinaryOp::Divide || op == BinaryOp::Add || op == BinaryOp::Subtract;
}

bool is_logical(BinaryOp op) {
    return op == BinaryOp::And || op == BinaryOp::Or;
}

int precedence_of(BinaryOp op) {
    switch (op) {
        case BinaryOp::Multiply:
        case BinaryOp::Divide:
            return 10;
        case BinaryOp::Add:
        case BinaryOp::Subtract:
            return 9;
        case BinaryOp::And:
            return 2;
        case BinaryOp::Or:
            return 1;
        default:
            return 8;  // comparisons
    }
}

int precedence(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::Negate:
            return kNegatePrecedence;
        case ExprKind::Binary:
            return precedence_of(expr.binary_op);
        case ExprKind::IsKnown:
        case ExprKind::HasField:
        case ExprKind::TextMatch:
            return kIsKnownPrecedence;
        case ExprKind::IsMissing:
        case ExprKind::IsDefined:
            return kIsMissingPrecedence;
        case ExprKind::InList:
        case ExprKind::InSet:
            return kInListPrecedence;
        case ExprKind::Between:
            return kBetweenPrecedence;
        case ExprKind::Not:
            return kNotPrecedence;
        default:
            return kPrimaryPrecedence;
    }
}

}  // namespace recallguard::ast
