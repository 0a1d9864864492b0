#include "lsp/locate.h"

#include <cctype>

#include "ast/walk.h"

namespace recallguard::lsp {
namespace {

class Locator {
public:
    Locator(const Analysis& analysis, int line, int column) : analysis_(analysis), line_(line), column_(column) {}

    std::optional<Symbol> run();

private:
    bool covers(const SourceLocation& location, size_t length) const {
        return location.line == line_ && column_ >= location.column &&
               column_ <= location.column + static_cast<int>(length);
    }
    Symbol make(Symbol::Kind kind, const SourceLocation& location, const std::string& name) const {
        Symbol symbol;
        symbol.kind = kind;
        symbol.location = location;
        symbol.length = static_cast<int>(name.size());
        symbol.name = name;
        symbol.rule = bound_;
        return symbol;
    }
    std::optional<Symbol> variable(const std::string& name, const SourceLocation& location) const;
    // Segment `index` of a path from a name in scope: `c.product.market`, or a source `c.filings`.
    std::optional<Symbol> path_segment(const std::vector<std::string>& path,
                                       const std::vector<SourceLocation>& locations, size_t index,
                                       const SourceLocation& at) const;
    void look_in(const ast::Expr& expr);

    const Analysis& analysis_;
    int line_, column_;
    const checker::BoundRule* bound_ = nullptr;
    RuleScope scope_;
    std::optional<Symbol> found_;
};

std::optional<Symbol> Locator::variable(const std::string& name, const SourceLocation& location) const {
    const ScopeName* declaration = scope_.find(name, location);
    if (!declaration) return std::nullopt;
    Symbol symbol = make(Symbol::Kind::Variable, location, name);
    symbol.declaration = *declaration;
    return symbol;
}

std::optional<Symbol> Locator::path_segment(const std::vector<std::string>& path,
                                            const std::vector<SourceLocation>& locations, size_t index,
                                            const SourceLocation& at) const {
    const auto& catalog = schema::Catalog::case_data_v1();
    if (index == 0) {
        if (auto symbol = variable(path[0], locations[0])) return symbol;
        if (catalog.find_table(path[0])) {
            Symbol symbol = make(Symbol::Kind::Table, locations[0], path[0]);
            symbol.table = path[0];
            return symbol;
        }
        return std::nullopt;
    }
    const ScopeName* root = scope_.find(path[0], at);
    if (!root) return std::nullopt;
    if (root->kind == ScopeName::Kind::Period) {
        Symbol symbol = make(Symbol::Kind::PeriodField, locations[index], path[index]);
        return index == 1 ? std::optional<Symbol>(symbol) : std::nullopt;
    }
    if (root->kind != ScopeName::Kind::Row) return std::nullopt;
    // The catalog's order of lookup, as the checker resolves a path: a column, else a relation.
    std::string table = root->table;
    for (size_t step = 1; step <= index; ++step) {
        const schema::Table* current = catalog.find_table(table);
        if (!current) return std::nullopt;
        if (const auto* column = current->find_column(path[step])) {
            if (step != index) return std::nullopt;
            Symbol symbol = make(Symbol::Kind::Column, locations[step], path[step]);
            symbol.table = table;
            symbol.column = column->name;
            return symbol;
        }
        const auto relation = catalog.find_relation(table, path[step]);
        if (!relation) return std::nullopt;
        if (step == index) {
            Symbol symbol = make(Symbol::Kind::Relation, locations[step], path[step]);
            symbol.relation = relation;
            symbol.table = relation->to_table;
            return symbol;
        }
        table = relation->to_table;
    }
    return std::nullopt;
}

void Locator::look_in(const ast::Expr& expr) {
    if (found_ || expr.kind != ast::ExprKind::Path) return;
    for (size_t i = 0; i < expr.path.size() && i < expr.path_locations.size(); ++i)
        if (covers(expr.path_locations[i], expr.path[i].size())) {
            found_ = path_segment(expr.path, expr.path_locations, i, expr.location);
            return;
        }
}

// A rule id written in a rule test (`rules CN-CP-PLAN`, an expected finding), when the pack has
// that rule.
std::optional<Symbol> rule_id_in_test(const Analysis& analysis, int line, int column) {
    const std::string& text = analysis.text;
    size_t start = 0;
    for (int current = 1; current < line; ++current) {
        start = text.find('\n', start);
        if (start == std::string::npos) return std::nullopt;
        ++start;
    }
    const size_t newline = text.find('\n', start);
    const std::string line_text =
        text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
    auto id_char = [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
    };
    // Columns count characters: find the byte of the column.
    size_t at = 0;
    for (int c = 1; c < column && at < line_text.size(); ++c) {
        ++at;
        while (at < line_text.size() && (static_cast<unsigned char>(line_text[at]) & 0xC0) == 0x80) ++at;
    }
    size_t begin = at, end = at;
    while (begin > 0 && id_char(line_text[begin - 1])) --begin;
    while (end < line_text.size() && id_char(line_text[end])) ++end;
    const std::string word = line_text.substr(begin, end - begin);
    for (const auto* list : {&analysis.loaded.program.rules, &analysis.loaded.program.rules_with_errors})
        for (const auto& bound : *list)
            if (bound->rule->id == word) {
                Symbol symbol;
                symbol.kind = Symbol::Kind::RuleId;
                symbol.name = word;
                symbol.rule = bound.get();
                symbol.location = {analysis.path, line, column - static_cast<int>(at - begin)};
                symbol.length = static_cast<int>(word.size());
                return symbol;
            }
    return std::nullopt;
}

std::optional<Symbol> Locator::run() {
    if (analysis_.kind == FileKind::RuleTest) return rule_id_in_test(analysis_, line_, column_);
    const ast::RuleFile* file = analysis_.file;
    if (!file) return std::nullopt;
    for (size_t i = 0; i < file->imports.size(); ++i) {
        const auto& [path, location] = file->imports[i];
        if (location.line == line_ && column_ >= location.column) {
            Symbol symbol = make(Symbol::Kind::Import, location, path);
            symbol.length = static_cast<int>(path.size()) + 9;  // import "path"
            symbol.import_index = i;
            return symbol;
        }
    }
    for (const auto& package : file->packages)
        if (covers(package.calendar_location, package.calendar.size()))
            return make(Symbol::Kind::Calendar, package.calendar_location, package.calendar);

    bound_ = analysis_.rule_at(line_);
    if (!bound_) return std::nullopt;
    scope_ = scope_of(*bound_);
    const ast::Rule& rule = *bound_->rule;
    if (covers(rule.location, rule.id.size())) return make(Symbol::Kind::RuleId, rule.location, rule.id);
    if (covers(rule.calendar_location, rule.calendar.size()))
        return make(Symbol::Kind::Calendar, rule.calendar_location, rule.calendar);
    for (const auto& declared : scope_.names)
        if (covers(declared.declared, static_cast<size_t>(declared.declared_length))) {
            Symbol symbol = make(Symbol::Kind::Variable, declared.declared, declared.name);
            symbol.declaration = declared;
            return symbol;
        }
    if (rule.subject && covers(rule.subject->table_location, rule.subject->table.size())) {
        Symbol symbol = make(Symbol::Kind::Table, rule.subject->table_location, rule.subject->table);
        symbol.table = rule.subject->table;
        return symbol;
    }
    ast::walk_rule(
        rule, [&](const ast::Expr& expr) { look_in(expr); },
        [&](const ast::Comprehension& comprehension, const SourceLocation& visible_from) {
            if (found_) return;
            for (size_t i = 0; i < comprehension.source.size() && i < comprehension.source_locations.size(); ++i)
                if (covers(comprehension.source_locations[i], comprehension.source[i].size()))
                    found_ = path_segment(comprehension.source, comprehension.source_locations, i, visible_from);
        });
    for (const auto& placeholder : bound_->synthesized)
        if (!found_) look_in(*placeholder);
    return found_;
}

}  // namespace

std::optional<Symbol> symbol_at(const Analysis& analysis, int line, int column) {
    return Locator(analysis, line, column).run();
}

}  // namespace recallguard::lsp
