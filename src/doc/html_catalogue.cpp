#include "doc/catalogue.h"
#include "report/escaping.h"

namespace recallguard::doc {
namespace {

std::string h(const std::string& text) {
    return report::markup_escape(report::sanitize_utf8(text));
}

const char* kStyle =
    R"(body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{border-bottom:2px solid #444}h2{margin-top:2.5rem;border-bottom:1px solid #aaa}h3{margin-top:2rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .6rem;text-align:left}
code{background:#f3f3f3;padding:.1rem .3rem;white-space:pre-wrap}.rule{border-left:4px solid #888;padding-left:1rem}
.sev-critical{border-color:#b00}.sev-high{border-color:#d60}.sev-medium{border-color:#cb0}.sev-low{border-color:#4a4})";

void entry(std::ostream& out, const std::string& label, const std::string& value) {
    if (!value.empty()) out << "<dt>" << h(label) << "</dt><dd>" << h(value) << "</dd>\n";
}

}  // namespace

void write_html(const CatalogueDoc& catalogue, std::ostream& out) {
    size_t rule_count = 0;
    for (const auto& package : catalogue.packages) rule_count += package.rules.size();
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Rule catalogue</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>Rule catalogue</h1>\n<p>" << rule_count << " rules in " << catalogue.packages.size()
        << " packages.</p>\n<nav><ul>\n";
    for (const auto& package : catalogue.packages) {
        const std::string name = package.name.empty() ? "Rules outside a package" : package.name;
        out << "<li><a href=\"#" << anchor_id("package-", package.name) << "\">" << h(name) << "</a><ul>\n";
        for (const auto& rule : package.rules)
            out << "<li><a href=\"#" << anchor_id("rule-", rule.key) << "\">" << h(rule.id) << "</a> " << h(rule.title)
                << "</li>\n";
        out << "</ul></li>\n";
    }
    out << "</ul></nav>\n";
    for (const auto& package : catalogue.packages) {
        out << "<section id=\"" << anchor_id("package-", package.name) << "\">\n<h2>"
            << h(package.name.empty() ? "Rules outside a package" : "Package " + package.name) << "</h2>\n";
        if (!package.title.empty()) out << "<p>" << h(package.title) << "</p>\n";
        out << "<dl>\n";
        entry(out, "Authority", package.authority);
        entry(out, "Jurisdiction", package.jurisdiction);
        entry(out, "Working-day calendar", package.calendar);
        entry(out, "Effective", package.effective);
        entry(out, "Source", package.source);
        out << "</dl>\n";
        for (const auto& rule : package.rules) {
            out << "<article class=\"rule " << anchor_id("sev-", rule.severity) << "\" id=\""
                << anchor_id("rule-", rule.key) << "\">\n<h3>" << h(rule.id) << " — " << h(rule.title)
                << "</h3>\n<dl>\n";
            entry(out, "Citation", rule.citation);
            entry(out, "Category", rule.category);
            entry(out, "Severity", rule.severity);
            entry(out, "Form", rule.form);
            entry(out, "Working-day calendar", rule.calendar);
            entry(out, "Effective", rule.effective);
            entry(out, "Written at", rule.source);
            out << "</dl>\n";
            if (!rule.description.empty()) out << "<p>" << h(rule.description) << "</p>\n";
            if (!rule.params.empty()) {
                out << "<table>\n<tr><th>Parameter</th><th>Default</th></tr>\n";
                for (const auto& p : rule.params)
                    out << "<tr><td>" << h(p.name) << "</td><td>" << h(p.default_value) << "</td></tr>\n";
                out << "</table>\n";
            }
            if (!rule.form_lines.empty()) {
                out << "<dl>\n";
                for (const auto& [label, text] : rule.form_lines)
                    out << "<dt>" << h(label) << "</dt><dd><code>" << h(text) << "</code></dd>\n";
                out << "</dl>\n";
            }
            out << "</article>\n";
        }
        out << "</section>\n";
    }
    out << "</body>\n</html>\n";
}

}  // namespace recallguard::doc
