#include <string_view>

#include "doc/catalogue.h"

namespace recallguard::doc {
namespace {

// Prose with Markdown's active characters escaped, so a rule's text cannot turn into markup.
std::string md(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '\n' || ch == '\r') {
            out += ' ';
            continue;
        }
        if (std::string_view("\\`*_[]<>|#!~").find(ch) != std::string_view::npos) out += '\\';
        out += ch;
    }
    return out;
}

// A code span that survives backticks inside the code.
std::string code(const std::string& text) {
    std::string flat;
    for (char ch : text) flat += (ch == '\n' || ch == '\r') ? ' ' : ch;
    const std::string fence = flat.find('`') == std::string::npos ? "`" : "`` ";
    const std::string close = fence == "`" ? "`" : " ``";
    return fence + flat + close;
}

void field(std::ostream& out, const std::string& label, const std::string& value) {
    if (!value.empty()) out << "- **" << label << ":** " << md(value) << "\n";
}

}  // namespace

void write_markdown(const CatalogueDoc& catalogue, std::ostream& out) {
    size_t rule_count = 0;
    for (const auto& package : catalogue.packages) rule_count += package.rules.size();
    out << "# Rule catalogue\n\n";
    out << rule_count << " rules in " << catalogue.packages.size() << " packages.\n\n";
    // Explicit anchors: renderers derive heading ids differently, these links work in all of them.
    for (const auto& package : catalogue.packages) {
        out << "- [" << md(package.name.empty() ? "Rules outside a package" : package.name) << "](#"
            << anchor_id("package-", package.name) << ")\n";
        for (const auto& rule : package.rules)
            out << "  - [" << md(rule.id) << "](#" << anchor_id("rule-", rule.key) << "): " << md(rule.title) << "\n";
    }
    for (const auto& package : catalogue.packages) {
        out << "\n<a id=\"" << anchor_id("package-", package.name) << "\"></a>\n\n## "
            << md(package.name.empty() ? "Rules outside a package" : "Package " + package.name) << "\n\n";
        if (!package.title.empty()) out << md(package.title) << "\n\n";
        field(out, "Authority", package.authority);
        field(out, "Jurisdiction", package.jurisdiction);
        field(out, "Working-day calendar", package.calendar);
        field(out, "Effective", package.effective);
        field(out, "Source", package.source);
        for (const auto& rule : package.rules) {
            out << "\n<a id=\"" << anchor_id("rule-", rule.key) << "\"></a>\n\n### " << md(rule.id) << " — "
                << md(rule.title) << "\n\n";
            field(out, "Citation", rule.citation);
            field(out, "Category", rule.category);
            field(out, "Severity", rule.severity);
            field(out, "Form", rule.form);
            field(out, "Working-day calendar", rule.calendar);
            field(out, "Effective", rule.effective);
            field(out, "Written at", rule.source);
            if (!rule.description.empty()) out << "\n" << md(rule.description) << "\n";
            if (!rule.params.empty()) {
                out << "\n| Parameter | Default |\n|---|---|\n";
                for (const auto& p : rule.params) out << "| " << md(p.name) << " | " << md(p.default_value) << " |\n";
            }
            if (!rule.form_lines.empty()) {
                out << "\n";
                for (const auto& [label, text] : rule.form_lines)
                    out << "- " << md(label) << ": " << code(text) << "\n";
            }
        }
    }
}

}  // namespace recallguard::doc
