// Expressions and literals.
#include <cstdlib>

#include "common/date.h"
#include "common/errors.h"
#include "parser/transformer.h"

namespace recallguard::parser {

using grammar::RuleParser;

namespace {
ast::ExprPtr make(ast::ExprKind kind, SourceLocation location, int length) {
    auto expr = std::make_unique<ast::Expr>();
    expr->kind = kind;
    expr->location = std::move(location);
    expr->length = length;
    return expr;
}

// The grammar's operator tokens are exactly the AST's operators.
ast::BinaryOp binary_op(antlr4::Token* token) {
    if (const auto op = ast::parse_binary_op(token->getText())) return *op;
    throw InternalError("the grammar has an operator the AST does not: " + token->getText());
}

ast::AggregateOp aggregate_op(antlr4::Token* token) {
    if (const auto op = ast::parse_aggregate_op(token->getText())) return *op;
    throw InternalError("the grammar has an aggregate the AST does not: " + token->getText());
}
}  // namespace

ast::Literal Transformer::transform_literal(RuleParser::LiteralContext* context) {
    ast::Literal literal;
    literal.location = location_of(context);
    literal.length = length_of(context);
    auto parse_int = [&](antlr4::tree::TerminalNode* node) -> int64_t {
        const std::string text = node->getText();
        if (text.size() > 12) {
            diagnostics_.error(DiagnosticCode::Parse, location_of(node->getSymbol()),
                               "number " + text + " is too large", static_cast<int>(text.size()));
            return 0;
        }
        return std::stoll(text);
    };
    if (auto* c = dynamic_cast<RuleParser::StringLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::String;
        literal.text = decode_string(c->STRING());
    } else if (auto* c = dynamic_cast<RuleParser::DateLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Date;
        literal.text = c->DATE()->getText();
        if (!Date::parse(literal.text))
            diagnostics_.error(DiagnosticCode::BadDate, literal.location,
                               "'" + literal.text + "' is not a real calendar date", 10);
    } else if (auto* c = dynamic_cast<RuleParser::IntLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Int;
        literal.integer = parse_int(c->INT());
        literal.text = c->INT()->getText();
    } else if (auto* c = dynamic_cast<RuleParser::DecimalLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Decimal;
        literal.text = c->DECIMAL()->getText();
        literal.decimal = std::strtod(literal.text.c_str(), nullptr);
    } else if (auto* c = dynamic_cast<RuleParser::NegativeLiteralContext*>(context)) {
        if (c->INT()) {
            literal.kind = ast::Literal::Kind::Int;
            literal.integer = -parse_int(c->INT());
            literal.text = "-" + c->INT()->getText();
        } else {
            literal.kind = ast::Literal::Kind::Decimal;
            literal.text = "-" + c->DECIMAL()->getText();
            literal.decimal = std::strtod(literal.text.c_str(), nullptr);
        }
    } else if (auto* c = dynamic_cast<RuleParser::WorkingDaysLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::WorkingDays;
        literal.integer = parse_int(c->INT());
    } else if (auto* c = dynamic_cast<RuleParser::DaysLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Days;
        literal.integer = parse_int(c->INT());
    } else if (auto* c = dynamic_cast<RuleParser::MonthsLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Months;
        literal.integer = parse_int(c->INT());
    } else if (auto* c = dynamic_cast<RuleParser::BoolLiteralContext*>(context)) {
        literal.kind = ast::Literal::Kind::Bool;
        literal.integer = c->TRUE() ? 1 : 0;
        literal.text = c->TRUE() ? "true" : "false";
    }
    return literal;
}

std::vector<std::string> Transformer::transform_source(RuleParser::SourceContext* context) {
    std::vector<std::string> path;
    for (auto* name : context->name()) path.push_back(name->getText());
    return path;
}

std::vector<SourceLocation> Transformer::source_locations(RuleParser::SourceContext* context) const {
    std::vector<SourceLocation> locations;
    for (auto* name : context->name()) locations.push_back(location_of(name));
    return locations;
}

ast::Comprehension Transformer::transform_comprehension(RuleParser::ComprehensionContext* context) {
    ast::Comprehension comprehension;
    const auto expressions = context->expr();
    comprehension.value = transform_expr(expressions[0]);
    if (expressions.size() > 1) comprehension.where = transform_expr(expressions[1]);
    comprehension.variable = context->name()->getText();
    comprehension.variable_location = location_of(context->name());
    comprehension.source = transform_source(context->source());
    comprehension.source_location = location_of(context->source());
    comprehension.source_locations = source_locations(context->source());
    return comprehension;
}

ast::ExprPtr Transformer::transform_primary(RuleParser::PrimaryContext* context) {
    const auto location = location_of(context);
    const int length = length_of(context);
    if (auto* c = dynamic_cast<RuleParser::LiteralPrimaryContext*>(context)) {
        auto expr = make(ast::ExprKind::Literal, location, length);
        expr->literal = transform_literal(c->literal());
        return expr;
    }
    if (dynamic_cast<RuleParser::AsOfPrimaryContext*>(context)) return make(ast::ExprKind::AsOf, location, length);
    if (auto* c = dynamic_cast<RuleParser::PathPrimaryContext*>(context)) {
        auto expr = make(ast::ExprKind::Path, location, length);
        for (auto* name : c->name()) {
            expr->path.push_back(name->getText());
            expr->path_locations.push_back(location_of(name));
        }
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::CountingAggregateContext*>(context)) {
        auto expr = make(ast::ExprKind::Aggregate, location, length);
        expr->aggregate_op = aggregate_op(c->op);
        expr->comprehension = std::make_unique<ast::Comprehension>();
        expr->comprehension->variable = c->name()->getText();
        expr->comprehension->variable_location = location_of(c->name());
        expr->comprehension->source = transform_source(c->source());
        expr->comprehension->source_location = location_of(c->source());
        expr->comprehension->source_locations = source_locations(c->source());
        if (c->expr()) expr->comprehension->where = transform_expr(c->expr());
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::ValueAggregateContext*>(context)) {
        auto expr = make(ast::ExprKind::Aggregate, location, length);
        expr->aggregate_op = aggregate_op(c->op);
        expr->comprehension = std::make_unique<ast::Comprehension>();
        if (c->value) expr->comprehension->value = transform_expr(c->value);
        expr->comprehension->variable = c->name()->getText();
        expr->comprehension->variable_location = location_of(c->name());
        expr->comprehension->source = transform_source(c->source());
        expr->comprehension->source_location = location_of(c->source());
        expr->comprehension->source_locations = source_locations(c->source());
        if (c->where) expr->comprehension->where = transform_expr(c->where);
        if (c->by) expr->comprehension->order_by = transform_expr(c->by);
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::UnionPrimaryContext*>(context)) {
        auto expr = make(ast::ExprKind::Union, location, length);
        for (auto* arm : c->comprehension()) expr->arms.push_back(transform_comprehension(arm));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::CoalescePrimaryContext*>(context)) {
        auto expr = make(ast::ExprKind::Coalesce, location, length);
        for (auto* argument : c->expr()) expr->children.push_back(transform_expr(argument));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::ParenPrimaryContext*>(context)) return transform_expr(c->expr());
    return make(ast::ExprKind::Literal, location, length);  // unreachable for a parsed tree
}

// A bound of `between`: the arithmetic subset of expressions, as the same AST nodes.
ast::ExprPtr Transformer::transform_bound(RuleParser::BoundContext* context) {
    const auto location = location_of(context);
    const int length = length_of(context);
    if (auto* c = dynamic_cast<RuleParser::BoundPrimaryContext*>(context)) return transform_primary(c->primary());
    if (auto* c = dynamic_cast<RuleParser::BoundNegateContext*>(context)) {
        auto expr = make(ast::ExprKind::Negate, location, length);
        expr->children.push_back(transform_bound(c->bound()));
        return expr;
    }
    auto binary = [&](antlr4::Token* op, RuleParser::BoundContext* left, RuleParser::BoundContext* right) {
        auto expr = make(ast::ExprKind::Binary, location_of(op), length);
        expr->binary_op = binary_op(op);
        expr->children.push_back(transform_bound(left));
        expr->children.push_back(transform_bound(right));
        return expr;
    };
    if (auto* c = dynamic_cast<RuleParser::BoundMultiplicativeContext*>(context))
        return binary(c->op, c->bound(0), c->bound(1));
    if (auto* c = dynamic_cast<RuleParser::BoundAdditiveContext*>(context))
        return binary(c->op, c->bound(0), c->bound(1));
    return make(ast::ExprKind::Literal, location, length);  // unreachable for a parsed tree
}

ast::ExprPtr Transformer::transform_expr(RuleParser::ExprContext* context) {
    const auto location = location_of(context);
    const int length = length_of(context);
    if (!context) return make(ast::ExprKind::Literal, location, length);
    if (auto* c = dynamic_cast<RuleParser::PrimaryExprContext*>(context)) return transform_primary(c->primary());
    if (auto* c = dynamic_cast<RuleParser::NegateContext*>(context)) {
        auto expr = make(ast::ExprKind::Negate, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::NotContext*>(context)) {
        auto expr = make(ast::ExprKind::Not, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        return expr;
    }
    auto binary = [&](ast::BinaryOp op, RuleParser::ExprContext* left, RuleParser::ExprContext* right,
                      antlr4::Token* op_token) {
        auto expr = make(ast::ExprKind::Binary, op_token ? location_of(op_token) : location, length);
        expr->binary_op = op;
        expr->children.push_back(transform_expr(left));
        expr->children.push_back(transform_expr(right));
        return expr;
    };
    if (auto* c = dynamic_cast<RuleParser::MultiplicativeContext*>(context))
        return binary(binary_op(c->op), c->expr(0), c->expr(1), c->op);
    if (auto* c = dynamic_cast<RuleParser::AdditiveContext*>(context))
        return binary(binary_op(c->op), c->expr(0), c->expr(1), c->op);
    if (auto* c = dynamic_cast<RuleParser::CompareContext*>(context))
        return binary(binary_op(c->op), c->expr(0), c->expr(1), c->op);
    if (auto* c = dynamic_cast<RuleParser::AndContext*>(context))
        return binary(ast::BinaryOp::And, c->expr(0), c->expr(1), nullptr);
    if (auto* c = dynamic_cast<RuleParser::OrContext*>(context))
        return binary(ast::BinaryOp::Or, c->expr(0), c->expr(1), nullptr);
    if (auto* c = dynamic_cast<RuleParser::IsKnownContext*>(context)) {
        auto expr = make(ast::ExprKind::IsKnown, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::IsMissingContext*>(context)) {
        auto expr = make(ast::ExprKind::IsMissing, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::HasFieldContext*>(context)) {
        auto expr = make(ast::ExprKind::HasField, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        expr->literal.kind = ast::Literal::Kind::String;
        expr->literal.text = decode_string(c->STRING());
        expr->literal.location = location_of(c->STRING()->getSymbol());
        expr->literal.length = token_length(c->STRING()->getSymbol());
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::TextMatchContext*>(context)) {
        auto* op = c->textOp();
        auto expr = make(ast::ExprKind::TextMatch, location_of(op), length);
        expr->text_op = op->CONTAINS() ? ast::TextOp::Contains
                        : op->STARTS() ? ast::TextOp::StartsWith
                        : op->ENDS()   ? ast::TextOp::EndsWith
                                       : ast::TextOp::Matches;
        expr->children.push_back(transform_expr(c->expr()));
        expr->children.push_back(transform_primary(c->pattern));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::InSetContext*>(context)) {
        auto expr = make(ast::ExprKind::InSet, location, length);
        expr->negated = c->NOT() != nullptr;
        expr->children.push_back(transform_expr(c->expr()));
        expr->path.push_back(c->name()->getText());
        expr->path_locations.push_back(location_of(c->name()));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::IsDefinedContext*>(context)) {
        auto expr = make(ast::ExprKind::IsDefined, location, length);
        expr->negated = c->NOT() != nullptr;
        expr->children.push_back(transform_expr(c->expr()));
        expr->path.push_back(c->name()->getText());
        expr->path_locations.push_back(location_of(c->name()));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::InListContext*>(context)) {
        auto expr = make(ast::ExprKind::InList, location, length);
        expr->negated = c->NOT() != nullptr;
        expr->children.push_back(transform_expr(c->expr()));
        for (auto* literal : c->literal()) expr->list.push_back(transform_literal(literal));
        return expr;
    }
    if (auto* c = dynamic_cast<RuleParser::BetweenContext*>(context)) {
        auto expr = make(ast::ExprKind::Between, location, length);
        expr->children.push_back(transform_expr(c->expr()));
        for (auto* bound : c->bound()) expr->children.push_back(transform_bound(bound));
        return expr;
    }
    return make(ast::ExprKind::Literal, location, length);
}

}  // namespace recallguard::parser
