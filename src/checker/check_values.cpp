// Pass: values of the right type that a rule still cannot use, whether written in the rule or
// given with --param. Every duration the rule computes dates with must be known when the rule
// is checked (a literal, a parameter or a let of one), a periodic obligation's period must be
// at least 1, and no duration may be longer than 100 years (SQL dates end at 9999-12-31). The
// compiler can then take every duration as it is.
#include <algorithm>
#include <functional>
#include <set>

#include "ast/expr_text.h"
#include "checker/checker.h"
#include "common/utf8.h"

namespace recallguard::checker {

StaticDuration static_duration(const BoundRule& rule, const ast::Expr* expr) {
    // A let may name another let, never itself (the resolver declares a let after its value),
    // so the chain ends; the bound guards against a cycle all the same.
    for (int depth = 0; expr && depth < 64; ++depth) {
        if (expr->kind == ast::ExprKind::Literal) return {&expr->literal, nullptr};
        const auto found = rule.expr_info.find(expr);
        if (expr->kind != ast::ExprKind::Path || found == rule.expr_info.end() || !found->second.path) return {};
        const PathBinding& binding = *found->second.path;
        if (binding.kind == PathBinding::Kind::Param) {
            const ParamValue* param = rule.param(binding.name);
            return param && !param->is_list ? StaticDuration{&param->value, param} : StaticDuration{};
        }
        if (binding.kind == PathBinding::Kind::Definition && binding.definition &&
            binding.definition->kind == ast::Definition::Kind::Constant)
            return {&binding.definition->value, nullptr};
        if (binding.kind != PathBinding::Kind::Let) return {};
        const ast::Expr* next = nullptr;
        for (const auto& let : rule.rule->lets)
            if (let.name == binding.name) next = let.value.get();
        expr = next;
    }
    return {};
}

namespace {

bool is_duration(const ast::Literal& literal) {
    using Kind = ast::Literal::Kind;
    return literal.kind == Kind::Days || literal.kind == Kind::Months || literal.kind == Kind::WorkingDays;
}

// 100 years in each unit (261 working days a year at most).
int64_t longest(ast::Literal::Kind kind) {
    switch (kind) {
        case ast::Literal::Kind::Months:
            return 1200;
        case ast::Literal::Kind::WorkingDays:
            return 26100;
        default:
            return 36525;
    }
}

}  // namespace

std::string glob_pattern_problem(const std::string& pattern) {
    // GLOB: '*' any text, '?' one character, '[...]' one of a set ('[^...]' none of it); a ']'
    // first in a set is one of its characters. A set must be closed.
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '[') continue;
        size_t j = i + 1;
        if (j < pattern.size() && pattern[j] == '^') ++j;
        if (j < pattern.size() && pattern[j] == ']') ++j;
        while (j < pattern.size() && pattern[j] != ']') ++j;
        if (j >= pattern.size())
            return "the pattern " + ast::quote_string(pattern) + " opens a set of characters with '[' at character " +
                   std::to_string(code_point_count(pattern.substr(0, i)) + 1) +
                   " and never closes it with ']'; for a '[' itself write [[]";
        i = j;
    }
    return {};
}

namespace {

class ValueChecker {
public:
    ValueChecker(const BoundRule& rule, DiagnosticBag& diagnostics) : rule_(rule), diagnostics_(diagnostics) {}

    void run() {
        const ast::Rule& rule = *rule_.rule;
        if (rule.subject) walk(rule.subject->where.get());
        for (const auto& key : rule.group_by) walk(key.value.get());
        for (const auto& let : rule.lets) walk(let.value.get());
        if (rule.deadline) {
            const ast::Deadline& deadline = *rule.deadline;
            walk(deadline.after.get());
            duration(deadline.within.get(), "the period after 'within'", false);
            if (deadline.require) requirement(*deadline.require);
            walk(deadline.extend_to.get());
            walk(deadline.unless.get());
        }
        if (rule.periodic) {
            const ast::Periodic& periodic = *rule.periodic;
            walk(periodic.start.get());
            walk(periodic.until.get());
            duration(periodic.every.get(), "the period after 'every'", true);
            duration(periodic.within.get(), "the grace after 'within'", false);
            if (periodic.require) requirement(*periodic.require);
        }
        if (rule.condition) {
            walk(rule.condition->when.get());
            walk(rule.condition->dated.get());
        }
        walk(rule.unless.get());
    }

private:
    void requirement(const ast::Requirement& requirement) {
        comprehension(requirement.records);
        walk(requirement.dated.get());
    }

    void comprehension(const ast::Comprehension& c) {
        walk(c.value.get());
        walk(c.where.get());
        walk(c.order_by.get());
    }

    // Date arithmetic anywhere in an expression: the duration operand must be usable.
    void walk(const ast::Expr* expr) {
        if (!expr) return;
        if (expr->kind == ast::ExprKind::Binary &&
            (expr->binary_op == ast::BinaryOp::Add || expr->binary_op == ast::BinaryOp::Subtract)) {
            for (const auto& child : expr->children)
                if (const auto found = rule_.expr_info.find(child.get());
                    found != rule_.expr_info.end() && found->second.type.is_duration())
                    duration(child.get(), "a duration added to or subtracted from a date", false);
        }
        if (expr->kind == ast::ExprKind::TextMatch && expr->text_op == ast::TextOp::Matches)
            pattern(expr->children[1].get());
        if (expr->kind == ast::ExprKind::InSet) listed_values(expr);
        // A condition's body is compiled where it is used: its durations are checked there too.
        if (expr->kind == ast::ExprKind::IsDefined)
            if (const auto found = rule_.expr_info.find(expr); found != rule_.expr_info.end() && found->second.path &&
                                                               found->second.path->definition &&
                                                               entered_.insert(found->second.path->definition).second)
                walk(found->second.path->definition->condition.get());
        for (const auto& child : expr->children) walk(child.get());
        if (expr->comprehension) comprehension(*expr->comprehension);
        for (const auto& arm : expr->arms) comprehension(arm);
    }

    // The pattern of `matches` is known when the rule is checked, so that a malformed one is
    // an error here: SQLite's GLOB would let a '[' without its ']' match nothing, in silence.
    void pattern(const ast::Expr* expr) {
        const auto found = rule_.expr_info.find(expr);
        if (found == rule_.expr_info.end() || found->second.type.kind != TypeKind::Text) return;  // reported
        const StaticDuration known = static_duration(rule_, expr);
        if (!known.value || known.value->kind != ast::Literal::Kind::String) {
            diagnostics_.error(DiagnosticCode::BadValue, expr->location,
                               "the pattern after 'matches' must be text written in the rule, a parameter or a "
                               "constant; '" +
                                   ast::expr_text(*expr) + "' is computed",
                               expr->length);
            return;
        }
        const std::string problem = glob_pattern_problem(known.value->text);
        if (problem.empty()) return;
        if (known.param && known.param->overridden) {
            const std::string key = rule_.rule->id + "." + known.param->name;
            diagnostics_.error(DiagnosticCode::ParamValue, {"--param " + key, 0, 0},
                               "bad value for " + key + ": " + problem);
        } else {
            diagnostics_.error(DiagnosticCode::BadValue,
                               known.value->location.known() ? known.value->location : expr->location, problem,
                               known.value->length);
        }
    }

    // A list given with --param: every value must be one the column can hold, as in the rule.
    void listed_values(const ast::Expr* expr) {
        const auto found = rule_.expr_info.find(expr);
        const auto left = rule_.expr_info.find(expr->children[0].get());
        if (found == rule_.expr_info.end() || !found->second.path || left == rule_.expr_info.end()) return;
        const PathBinding& binding = *found->second.path;
        if (binding.kind != PathBinding::Kind::Param) return;
        const ParamValue* param = rule_.param(binding.name);
        const schema::Column* column = left->second.type.column;
        if (!param || !param->overridden || !column || column->enum_values.empty()) return;
        for (const auto& value : param->list) {
            const auto& allowed = column->enum_values;
            if (value.kind != ast::Literal::Kind::String ||
                std::find(allowed.begin(), allowed.end(), value.text) != allowed.end())
                continue;
            std::string listed;
            for (const auto& one : allowed) listed += (listed.empty() ? "" : ", ") + one;
            const std::string key = rule_.rule->id + "." + param->name;
            diagnostics_.error(DiagnosticCode::ParamValue, {"--param " + key, 0, 0},
                               "bad value for " + key + ": \"" + value.text + "\" is not a value of " + column->name +
                                   " (one of: " + listed + "), so the rule could never match it");
        }
    }

    void duration(const ast::Expr* expr, const char* role, bool is_period) {
        if (!expr) return;
        const auto found = rule_.expr_info.find(expr);
        if (found == rule_.expr_info.end() || !found->second.type.is_duration()) return;  // a type error, reported
        const StaticDuration known = static_duration(rule_, expr);
        if (!known.value || !is_duration(*known.value)) {
            diagnostics_.error(DiagnosticCode::Type, expr->location,
                               std::string(role) +
                                   " must be a duration written in the rule (such as '10 working days'), "
                                   "a parameter, or a let of one; '" +
                                   ast::expr_text(*expr) + "' is computed",
                               expr->length);
            return;
        }
        const ast::Literal& value = *known.value;
        std::string problem;
        if (is_period && value.integer < 1)
            problem = "a period of " + ast::literal_text(value) + " never ends: 'every' needs at least 1";
        else if (value.integer > longest(value.kind))
            problem = ast::literal_text(value) + " is longer than 100 years, past the dates a rule can compute";
        if (problem.empty()) return;
        if (known.param && known.param->overridden) {
            const std::string key = rule_.rule->id + "." + known.param->name;
            diagnostics_.error(DiagnosticCode::ParamValue, {"--param " + key, 0, 0},
                               "bad value for " + key + ": " + problem);
        } else {
            diagnostics_.error(DiagnosticCode::BadValue, value.location.known() ? value.location : expr->location,
                               problem, static_cast<int>(ast::literal_text(value).size()));
        }
    }

    const BoundRule& rule_;
    DiagnosticBag& diagnostics_;
    std::set<const ast::Definition*> entered_;
};

}  // namespace

void check_values(const BoundProgram& program, DiagnosticBag& diagnostics) {
    for (const auto& rule : program.rules) ValueChecker(*rule, diagnostics).run();
}

}  // namespace recallguard::checker
