// The operators of the rule language as the AST holds them (typed, never strings): their
// spelling in rule source, their classes, and how tightly each construct binds.
#pragma once

#include <optional>
#include <string_view>

namespace recallguard::ast {

enum class BinaryOp {
    Multiply,
    Divide,
    Add,
    Subtract,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or
};

enum class AggregateOp { Count, Exists, No, Sum, Min, Max, Earliest, Latest };

// Text predicates: `x contains y`, `x starts with y`, `x ends with y`, `x matches pattern`.
enum class TextOp { Contains, StartsWith, EndsWith, Matches };
// "contains", "starts with", ...
std::string_view text_op_text(TextOp op);

// As written in rule source: "*", "!=", "and", ...
std::string_view binary_op_text(BinaryOp op);
// The operator written `text` ("<>" is "!="); nullopt when it is none.
std::optional<BinaryOp> parse_binary_op(std::string_view text);

// "count", "earliest", ...
std::string_view aggregate_op_name(AggregateOp op);
std::optional<AggregateOp> parse_aggregate_op(std::string_view name);

bool is_comparison(BinaryOp op);  // = != < <= > >=
bool is_arithmetic(BinaryOp op);  // * / + -
bool is_logical(BinaryOp op);     // and or

struct Expr;

// How tightly an expression binds, as the grammar (RuleParser.g4, `expr`) orders its
// alternatives: a higher number binds tighter; an operand of lower precedence than its place
// requires is written in parentheses.
inline constexpr int kPrimaryPrecedence = 100;
int precedence(const Expr& expr);

// The precedence of each operand place: a binary operator's left operand needs at least its
// own precedence, its right one more (the operators are left-associative).
int precedence_of(BinaryOp op);
inline constexpr int kNegatePrecedence = 11;
inline constexpr int kIsKnownPrecedence = 7;  // also `has` and the text predicates (`contains`, ...)
inline constexpr int kIsMissingPrecedence = 6;
inline constexpr int kInListPrecedence = 5;
inline constexpr int kBetweenPrecedence = 4;
inline constexpr int kNotPrecedence = 3;
// The bounds of `between` are arithmetic (RuleParser.bound): additive and tighter.
inline constexpr int kBetweenBoundPrecedence = 9;

}  // namespace recallguard::ast
