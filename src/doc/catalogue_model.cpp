#include <algorithm>
#include <filesystem>
#include <map>

#include "ast/expr_text.h"
#include "doc/catalogue.h"

namespace recallguard::doc {

using ast::expr_text;
using ast::list_text;
using ast::literal_text;

std::string requirement_text(const ast::Requirement& requirement) {
    std::string out = requirement.records.variable + " in " + ast::path_text(requirement.records.source);
    if (requirement.records.where) out += " where " + expr_text(*requirement.records.where);
    if (requirement.dated) out += " dated " + expr_text(*requirement.dated);
    return out;
}

namespace {

std::string effective_text(const std::optional<ast::EffectivePeriod>& period) {
    if (!period) return "";
    std::string out;
    if (period->from) out += "from " + *period->from;
    if (period->until) out += std::string(out.empty() ? "" : " ") + "until " + *period->until + " (exclusive)";
    return out;
}

std::string or_empty(const ast::ExprPtr& expr) {
    return expr ? expr_text(*expr) : "";
}

// `allowed` -> `allowed (10 working days)`: a period named by a parameter shows its value.
std::string with_param_value(const ast::ExprPtr& expr, const checker::BoundRule& rule) {
    if (!expr) return "";
    std::string text = expr_text(*expr);
    if (expr->kind == ast::ExprKind::Path && expr->path.size() == 1)
        if (const auto* param = rule.param(expr->path[0])) text += " (" + literal_text(param->value) + ")";
    return text;
}

void add(std::vector<std::pair<std::string, std::string>>& lines, const std::string& label, const std::string& text) {
    if (!text.empty()) lines.emplace_back(label, text);
}

// An absolute, normalised path without a trailing separator.
std::filesystem::path comparable_path(const std::string& path) {
    std::error_code error;
    auto absolute = std::filesystem::absolute(path, error).lexically_normal();
    if (error) absolute = std::filesystem::path(path).lexically_normal();
    if (!absolute.has_filename() && absolute.has_parent_path()) absolute = absolute.parent_path();
    return absolute;
}

RuleDoc rule_doc(const checker::BoundRule& bound, const std::vector<std::string>& roots) {
    const ast::Rule& rule = *bound.rule;
    RuleDoc doc;
    doc.id = rule.id;
    doc.key = bound.version.empty() ? rule.id : rule.id + "@" + bound.version;
    doc.title = rule.title;
    doc.citation = rule.citation;
    doc.category = rule.category;
    doc.severity = rule.severity;
    doc.description = rule.description;
    doc.calendar = bound.calendar;
    doc.effective = effective_text(rule.effective);
    doc.source = published_path(rule.location.file, roots) + ":" + std::to_string(rule.location.line);
    for (const auto& param : rule.params) {
        doc.params.push_back({param.name, param.is_list ? list_text(param.list) : literal_text(param.default_value)});
    }
    auto& lines = doc.form_lines;
    if (rule.subject) {
        std::string applies = rule.subject->variable + " in " + rule.subject->table;
        if (rule.subject->where) applies += " where " + expr_text(*rule.subject->where);
        add(lines, "Applies to", applies);
    }
    for (const auto& let : rule.lets) add(lines, "Let " + let.name, or_empty(let.value));
    if (rule.deadline) {
        doc.form = "deadline";
        const auto& d = *rule.deadline;
        add(lines, "Trigger", or_empty(d.after));
        add(lines, "Period", with_param_value(d.within, bound));
        if (d.require) add(lines, "Required record", requirement_text(*d.require));
        add(lines, "Extended to", or_empty(d.extend_to));
        add(lines, "Unless", or_empty(d.unless));
    } else if (rule.periodic) {
        doc.form = "periodic";
        const auto& p = *rule.periodic;
        add(lines, "Periods start", or_empty(p.start));
        add(lines, "Every", with_param_value(p.every, bound));
        add(lines, "Until", or_empty(p.until));
        add(lines, "Due within", with_param_value(p.within, bound));
        if (p.require) add(lines, "Required record", requirement_text(*p.require));
    } else if (rule.condition) {
        const bool signal = rule.condition->kind == ast::Condition::Kind::Signal;
        doc.form = signal ? "signal" : "violation";
        add(lines, signal ? "Signal when" : "Violation when", or_empty(rule.condition->when));
        add(lines, "Act dated (decides the version that applies)", or_empty(rule.condition->dated));
    }
    add(lines, "Unless", or_empty(rule.unless));
    std::string displaces, displaced_by;
    for (const auto& [id, location] : rule.displaces) displaces += (displaces.empty() ? "" : ", ") + id;
    for (const auto* other : bound.displaced_by)
        if (displaced_by.find(other->rule->id) == std::string::npos)
            displaced_by += (displaced_by.empty() ? "" : ", ") + other->rule->id;
    add(lines, "Displaces (for a subject this rule applies to)", displaces);
    add(lines, "Displaced by (for a subject that rule applies to)", displaced_by);
    return doc;
}

}  // namespace

std::string published_path(const std::string& file, const std::vector<std::string>& roots) {
    const auto path = comparable_path(file);
    for (const auto& given : roots) {
        const auto root = comparable_path(given);
        if (root == path) return path.filename().string();
        const auto below = path.lexically_relative(root);
        if (below.empty() || *below.begin() == "..") continue;
        return (root.filename() / below).generic_string();
    }
    return path.filename().string();
}

CatalogueDoc build_catalogue(const checker::BoundProgram& program, const std::vector<std::string>& roots) {
    std::map<std::string, PackageDoc> packages;
    for (const auto& bound : program.rules) {
        auto& package = packages[bound->package_name];
        if (package.name.empty() && bound->package) {
            const auto& p = *bound->package;
            package.name = p.name;
            package.title = p.title;
            package.authority = p.authority;
            package.jurisdiction = p.jurisdiction;
            package.calendar = p.calendar;
            package.source = p.source;
            package.effective = effective_text(p.effective);
        }
        package.rules.push_back(rule_doc(*bound, roots));
    }
    CatalogueDoc catalogue;
    for (auto& [name, package] : packages) {
        std::stable_sort(package.rules.begin(), package.rules.end(),
                         [](const RuleDoc& a, const RuleDoc& b) { return a.id < b.id; });
        catalogue.packages.push_back(std::move(package));
    }
    return catalogue;
}

std::optional<DocFormat> parse_doc_format(const std::string& name) {
    if (name == "md" || name == "markdown") return DocFormat::Markdown;
    if (name == "html") return DocFormat::Html;
    return std::nullopt;
}

}  // namespace recallguard::doc
