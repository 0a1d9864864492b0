// Pass: parse each rule's message template and bind its `{...}` placeholders.
#include <cctype>

#include "checker/checker.h"
#include "common/utf8.h"

namespace recallguard::checker {
namespace {

bool is_path(const std::string& text) {
    if (text.empty()) return false;
    bool start = true;
    for (char c : text) {
        if (c == '.') {
            if (start) return false;
            start = true;
            continue;
        }
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
        if (start && std::isdigit(static_cast<unsigned char>(c))) return false;
        start = false;
    }
    return !start;
}

}  // namespace

void bind_message(BoundRule& bound, const schema::Catalog& catalog, DiagnosticBag& diagnostics) {
    (void)catalog;
    const ast::Rule& rule = *bound.rule;
    const std::string& text = rule.message;
    std::string literal;
    // Columns count code points; past the opening quote (approximate after an escape such as \").
    auto location_at = [&](size_t offset) {
        SourceLocation location = rule.message_location;
        location.column += 1 + code_point_count(text, 0, offset);
        return location;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') {
            literal += text[i];
            continue;
        }
        const size_t close = text.find('}', i);
        if (close == std::string::npos) {
            diagnostics.error(DiagnosticCode::BadPlaceholder, location_at(i),
                              "a '{' in the message is never closed with '}'");
            break;
        }
        const std::string inner = text.substr(i + 1, close - i - 1);
        Placeholder placeholder;
        placeholder.text = inner;
        static const std::map<std::string, Placeholder::Kind> kBuiltins{
            {"due", Placeholder::Kind::Due},         {"done", Placeholder::Kind::Done},
            {"trigger", Placeholder::Kind::Trigger}, {"days_late", Placeholder::Kind::DaysLate},
            {"status", Placeholder::Kind::Status},   {"period", Placeholder::Kind::Period},
            {"as_of", Placeholder::Kind::AsOf}};
        const bool deadline_like = rule.deadline || rule.periodic;
        if (kBuiltins.count(inner)) {
            placeholder.kind = kBuiltins.at(inner);
            const bool needs_deadline =
                placeholder.kind != Placeholder::Kind::Status && placeholder.kind != Placeholder::Kind::AsOf;
            if (needs_deadline && !deadline_like)
                diagnostics.error(DiagnosticCode::BadPlaceholder, location_at(i),
                                  "{" + inner + "} exists only in deadline and periodic rules",
                                  code_point_count(inner) + 2);
            if (placeholder.kind == Placeholder::Kind::Period && !rule.periodic)
                diagnostics.error(DiagnosticCode::BadPlaceholder, location_at(i),
                                  "{period} exists only in periodic rules", 8);
        } else if (is_path(inner)) {
            auto expr = std::make_unique<ast::Expr>();
            expr->kind = ast::ExprKind::Path;
            expr->location = location_at(i + 1);
            expr->length = static_cast<int>(inner.size());
            size_t start = 0;
            while (start <= inner.size()) {
                const size_t dot = inner.find('.', start);
                const std::string part =
                    inner.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
                expr->path.push_back(part);
                SourceLocation part_location = location_at(i + 1 + start);
                expr->path_locations.push_back(part_location);
                if (dot == std::string::npos) break;
                start = dot + 1;
            }
            placeholder.expr = expr.get();
            bound.synthesized.push_back(std::move(expr));
        } else {
            diagnostics.error(DiagnosticCode::BadPlaceholder, location_at(i),
                              "'{" + inner +
                                  "}' is not a placeholder: write {due}, {done}, {days_late}, {status}, "
                                  "{trigger}, {period}, a parameter, a let name or a path like {c.case_id}",
                              code_point_count(inner) + 2);
        }
        bound.message_literals.push_back(literal);
        literal.clear();
        bound.message.push_back(placeholder);
        i = close;
    }
    bound.message_literals.push_back(literal);
}

}  // namespace recallguard::checker
