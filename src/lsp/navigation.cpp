#include "lsp/navigation.h"

#include <filesystem>

namespace recallguard::lsp {
namespace {

Place place(const SourceLocation& location, int length) {
    return {location.file, location.line, location.column, length};
}

}  // namespace

std::optional<Place> definition_of(const Analysis& analysis, const Symbol& symbol) {
    switch (symbol.kind) {
        case Symbol::Kind::Variable:
            if (!symbol.declaration || !symbol.declaration->declared.known()) return std::nullopt;
            return place(symbol.declaration->declared, symbol.declaration->declared_length);
        case Symbol::Kind::RuleId:
            if (!symbol.rule) return std::nullopt;
            return place(symbol.rule->rule->location, static_cast<int>(symbol.rule->rule->id.size()));
        case Symbol::Kind::Calendar: {
            const auto* calendar = analysis.loaded.calendars.find(symbol.name);
            if (!calendar || !calendar->declared_at().known()) return std::nullopt;
            return place(calendar->declared_at(), static_cast<int>(symbol.name.size()));
        }
        case Symbol::Kind::Import: {
            if (!analysis.file || symbol.import_index >= analysis.file->imports.size()) return std::nullopt;
            const auto target =
                (std::filesystem::path(analysis.path).parent_path() / analysis.file->imports[symbol.import_index].first)
                    .lexically_normal();
            std::error_code error;
            if (!std::filesystem::is_regular_file(target, error)) return std::nullopt;
            return Place{target.string(), 1, 1, 0};
        }
        case Symbol::Kind::Relation:
        case Symbol::Kind::Column:
        case Symbol::Kind::Table:
        case Symbol::Kind::PeriodField:
            return std::nullopt;
    }
    return std::nullopt;
}

std::vector<OutlineItem> outline(const Analysis& analysis) {
    std::vector<OutlineItem> top;
    if (!analysis.file) return top;
    const ast::RuleFile& file = *analysis.file;
    std::vector<OutlineItem> packages;
    for (const auto& package : file.packages) {
        OutlineItem item;
        item.kind = OutlineItem::Kind::Package;
        item.name = package.name;
        item.detail = package.title;
        item.start = place(package.location, 7);
        item.end = package.end_location.known() ? place(package.end_location, 1) : item.start;
        item.name_at = place(package.location, 7);
        packages.push_back(item);
    }
    for (const auto& rule : file.rules) {
        OutlineItem item;
        item.kind = OutlineItem::Kind::Rule;
        item.name = rule.id;
        item.detail = rule.title;
        item.name_at = place(rule.location, static_cast<int>(rule.id.size()));
        // The rule's text starts with its keyword, at the start of the id's line.
        item.start = place({rule.location.file, rule.location.line, 1}, 0);
        item.end = rule.end_location.known() ? place(rule.end_location, 1) : item.name_at;
        // A parameter or let is its name, in the outline.
        auto name_item = [](OutlineItem::Kind kind, const std::string& name, const char* detail,
                            const SourceLocation& location) {
            const Place at = place(location, static_cast<int>(name.size()));
            return OutlineItem{kind, name, detail, at, at, at, {}};
        };
        for (const auto& param : rule.params)
            item.children.push_back(name_item(OutlineItem::Kind::Param, param.name, "parameter", param.location));
        for (const auto& let : rule.lets)
            item.children.push_back(name_item(OutlineItem::Kind::Let, let.name, "let", let.location));
        const bool in_package = rule.package_index >= 0 && static_cast<size_t>(rule.package_index) < packages.size();
        (in_package ? packages[static_cast<size_t>(rule.package_index)].children : top).push_back(std::move(item));
    }
    for (auto& package : packages) {
        // A package's rules follow its braces; its outline range covers them too.
        if (!package.children.empty() && package.children.back().end.line > package.end.line)
            package.end = package.children.back().end;
        top.push_back(std::move(package));
    }
    std::stable_sort(top.begin(), top.end(), [](const OutlineItem& a, const OutlineItem& b) {
        return std::make_pair(a.start.line, a.start.column) < std::make_pair(b.start.line, b.start.column);
    });
    return top;
}

}  // namespace recallguard::lsp
