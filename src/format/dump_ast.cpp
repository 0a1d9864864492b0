// A debug print of the AST without source locations: what round-trip tests compare.
#include <algorithm>
#include <sstream>

#include "ast/expr_text.h"
#include "format/format.h"
#include "format/layout.h"

namespace recallguard::format {
namespace {

class Dumper {
public:
    std::string run(const ast::RuleFile& file);

private:
    void line(int depth, const std::string& text) {
        out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << text << "\n";
    }
    void field(int depth, const std::string& name, const std::string& value) {
        if (!value.empty()) line(depth, name + " " + ast::quote_string(value));
    }
    void literal(int depth, const std::string& role, const ast::Literal& literal);
    void expr(int depth, const std::string& role, const ast::Expr* expr);
    void comprehension(int depth, const std::string& role, const ast::Comprehension& c);
    void period(int depth, const std::optional<ast::EffectivePeriod>& period);

    std::ostringstream out_;
};

const char* literal_kind(ast::Literal::Kind kind) {
    switch (kind) {
        case ast::Literal::Kind::String:
            return "String";
        case ast::Literal::Kind::Date:
            return "Date";
        case ast::Literal::Kind::Int:
            return "Int";
        case ast::Literal::Kind::Decimal:
            return "Decimal";
        case ast::Literal::Kind::Bool:
            return "Bool";
        case ast::Literal::Kind::Days:
            return "Days";
        case ast::Literal::Kind::Months:
            return "Months";
        case ast::Literal::Kind::WorkingDays:
            return "WorkingDays";
    }
    return "?";
}

const char* expr_kind(ast::ExprKind kind) {
    switch (kind) {
        case ast::ExprKind::Literal:
            return "Literal";
        case ast::ExprKind::AsOf:
            return "AsOf";
        case ast::ExprKind::Path:
            return "Path";
        case ast::ExprKind::Negate:
            return "Negate";
        case ast::ExprKind::Not:
            return "Not";
        case ast::ExprKind::Binary:
            return "Binary";
        case ast::ExprKind::IsKnown:
            return "IsKnown";
        case ast::ExprKind::IsMissing:
            return "IsMissing";
        case ast::ExprKind::InList:
            return "InList";
        case ast::ExprKind::Between:
            return "Between";
        case ast::ExprKind::Aggregate:
            return "Aggregate";
        case ast::ExprKind::Union:
            return "Union";
        case ast::ExprKind::Coalesce:
            return "Coalesce";
        case ast::ExprKind::HasField:
            return "HasField";
        case ast::ExprKind::TextMatch:
            return "TextMatch";
        case ast::ExprKind::InSet:
            return "InSet";
        case ast::ExprKind::IsDefined:
            return "IsDefined";
    }
    return "?";
}

void Dumper::literal(int depth, const std::string& role, const ast::Literal& literal) {
    std::ostringstream text;
    text << role << literal_kind(literal.kind) << " text=" << ast::quote_string(literal.text)
         << " integer=" << literal.integer << " decimal=" << literal.decimal;
    line(depth, text.str());
}

void Dumper::comprehension(int depth, const std::string& role, const ast::Comprehension& c) {
    line(depth, role + "Comprehension " + c.variable + " in " + ast::path_text(c.source));
    expr(depth + 1, "value: ", c.value.get());
    expr(depth + 1, "where: ", c.where.get());
    expr(depth + 1, "by: ", c.order_by.get());
}

void Dumper::expr(int depth, const std::string& role, const ast::Expr* expr) {
    if (!expr) return;
    std::string head = role + expr_kind(expr->kind);
    if (expr->kind == ast::ExprKind::Binary) head += " op=" + std::string(ast::binary_op_text(expr->binary_op));
    if (expr->kind == ast::ExprKind::Aggregate)
        head += " op=" + std::string(ast::aggregate_op_name(expr->aggregate_op));
    if (expr->kind == ast::ExprKind::Path || expr->kind == ast::ExprKind::InSet ||
        expr->kind == ast::ExprKind::IsDefined)
        head += " path=" + ast::path_text(expr->path);
    if (expr->kind == ast::ExprKind::TextMatch) head += " op=" + std::string(ast::text_op_text(expr->text_op));
    if (expr->negated) head += " negated";
    line(depth, head);
    if (expr->kind == ast::ExprKind::Literal || expr->kind == ast::ExprKind::HasField)
        literal(depth + 1, "", expr->literal);
    for (const auto& child : expr->children) this->expr(depth + 1, "", child.get());
    for (const auto& item : expr->list) literal(depth + 1, "item: ", item);
    if (expr->comprehension) comprehension(depth + 1, "", *expr->comprehension);
    for (const auto& arm : expr->arms) comprehension(depth + 1, "arm: ", arm);
}

void Dumper::period(int depth, const std::optional<ast::EffectivePeriod>& period) {
    if (!period) return;
    line(depth, "effective from=" + period->from.value_or("-") + " until=" + period->until.value_or("-"));
}

std::string Dumper::run(const ast::RuleFile& file) {
    for (const auto& [path, location] : file.imports) line(0, "import " + ast::quote_string(path));
    for (const auto& package : file.packages) {
        line(0, "package " + package.name);
        field(1, "title", package.title);
        field(1, "authority", package.authority);
        field(1, "jurisdiction", package.jurisdiction);
        field(1, "calendar", package.calendar);
        field(1, "source", package.source);
        period(1, package.effective);
    }
    for (const auto& definition : file.definitions) {
        line(0, "define " + definition.name);
        switch (definition.kind) {
            case ast::Definition::Kind::Constant:
                literal(1, "constant: ", definition.value);
                break;
            case ast::Definition::Kind::Set:
                for (const auto& item : definition.values) literal(1, "item: ", item);
                break;
            case ast::Definition::Kind::Condition:
                line(1, "for " + definition.variable + " in " + definition.table);
                expr(2, "where: ", definition.condition.get());
                break;
        }
    }
    for (const auto& rule : file.rules) {
        line(0, "rule " + rule.id + " package=" + std::to_string(rule.package_index) +
                    " bodies=" + std::to_string(rule.body_count));
        field(1, "title", rule.title);
        field(1, "cite", rule.citation);
        field(1, "category", rule.category);
        field(1, "severity", rule.severity);
        field(1, "description", rule.description);
        field(1, "calendar", rule.calendar);
        field(1, "message", rule.message);
        period(1, rule.effective);
        for (const auto& param : rule.params) {
            if (!param.is_list) {
                literal(1, "param " + param.name + " = ", param.default_value);
                continue;
            }
            line(1, "param " + param.name + " = list");
            for (const auto& item : param.list) literal(2, "item: ", item);
        }
        if (rule.subject) {
            line(1, "for " + rule.subject->variable + " in " + rule.subject->table);
            expr(2, "where: ", rule.subject->where.get());
        }
        for (const auto& key : rule.group_by) expr(1, "group by " + key.name + " = ", key.value.get());
        for (const auto& let : rule.lets) expr(1, "let " + let.name + " = ", let.value.get());
        if (rule.deadline) {
            line(1, "deadline");
            expr(2, "after: ", rule.deadline->after.get());
            expr(2, "within: ", rule.deadline->within.get());
            if (rule.deadline->require) {
                comprehension(2, "require: ", rule.deadline->require->records);
                expr(3, "dated: ", rule.deadline->require->dated.get());
            }
            expr(2, "extend_to: ", rule.deadline->extend_to.get());
            expr(2, "unless: ", rule.deadline->unless.get());
        }
        if (rule.periodic) {
            line(1, "periodic");
            expr(2, "start: ", rule.periodic->start.get());
            expr(2, "every: ", rule.periodic->every.get());
            expr(2, "until: ", rule.periodic->until.get());
            expr(2, "within: ", rule.periodic->within.get());
            if (rule.periodic->require) {
                comprehension(2, "require: ", rule.periodic->require->records);
                expr(3, "dated: ", rule.periodic->require->dated.get());
            }
        }
        if (rule.condition) {
            expr(1, rule.condition->kind == ast::Condition::Kind::Violation ? "violation when: " : "signal when: ",
                 rule.condition->when.get());
            expr(2, "dated: ", rule.condition->dated.get());
        }
        expr(1, "unless: ", rule.unless.get());
        for (const auto& [id, location] : rule.displaces) line(1, "displaces " + id);
    }
    // Formatting may move a comment to the construct it annotates, so comments are compared as a set.
    std::vector<std::string> comments;
    for (const auto& comment : file.comments) comments.push_back(comment.text);
    std::sort(comments.begin(), comments.end());
    for (const auto& comment : comments) line(0, "comment " + ast::quote_string(comment));
    return out_.str();
}

}  // namespace

std::string dump_ast(const ast::RuleFile& file) {
    return Dumper().run(file);
}

}  // namespace recallguard::format
