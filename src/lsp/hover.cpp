#include "lsp/hover.h"

#include "ast/expr_text.h"
#include "common/text.h"
#include "schema/catalog.h"

namespace recallguard::lsp {
namespace {

std::string code(const std::string& text) {
    return "`" + text + "`";
}

std::string column_text(const std::string& table_name, const std::string& column_name) {
    const auto* table = schema::Catalog::case_data_v1().find_table(table_name);
    const auto* column = table ? table->find_column(column_name) : nullptr;
    if (!column) return "";
    std::string out = "**" + column->name + "**: column of table " + code(table->name) + "\n\n";
    std::string type = schema::column_type_name(column->type);
    type += column->not_null ? ", always set" : ", may be missing (NULL)";
    if (column->format == schema::TextFormat::CountryCode) type += ", an ISO 3166-1 alpha-2 country code";
    if (column->format == schema::TextFormat::NonEmpty) type += ", never empty";
    out += "Type: " + type + "\n\n";
    if (column->min_value || column->max_value) {
        out += "Range: ";
        out += column->min_value ? std::to_string(*column->min_value) : "";
        out += " .. ";
        out += column->max_value ? std::to_string(*column->max_value) : "";
        out += "\n\n";
    }
    if (!column->enum_values.empty()) {
        std::vector<std::string> values;
        for (const auto& value : column->enum_values) values.push_back(code("\"" + value + "\""));
        out += "Values: " + join(values) + "\n\n";
    }
    if (!column->references.empty())
        out += "Refers to a row of " + code(column->references) +
               (column->relation.empty() ? "" : " (relation " + code(column->relation) + ")") + "\n\n";
    if (!column->description.empty()) out += column->description + "\n";
    return out;
}

std::string relation_text(const schema::Relation& relation) {
    std::string out = "**" + relation.name + "**: relation from " + code(relation.from_table) + " to " +
                      (relation.to_many ? "the rows of " : "one row of ") + code(relation.to_table) + "\n\n";
    out += "Joined on " + code(relation.from_table + "." + relation.from_column) + " = " +
           code(relation.to_table + "." + relation.to_column);
    if (relation.to_many) out += "\n\nA set of rows: use it in count(...), exists(...), earliest(...) and the like.";
    return out;
}

std::string table_text(const std::string& name) {
    const auto* table = schema::Catalog::case_data_v1().find_table(name);
    if (!table) return "";
    std::string out = "**" + table->name + "**: table of the case-data model\n\nColumns: ";
    std::vector<std::string> columns;
    for (const auto& column : table->columns) columns.push_back(code(column.name));
    out += join(columns);
    std::vector<std::string> relations;
    for (const auto& relation : schema::Catalog::case_data_v1().relations_from(table->name))
        relations.push_back(code(relation.name));
    if (!relations.empty()) out += "\n\nRelations: " + join(relations);
    return out;
}

// The unit of a parameter's value: what `within allowed` counts in.
std::string unit_of(const ast::Literal& literal) {
    switch (literal.kind) {
        case ast::Literal::Kind::WorkingDays:
            return "working days";
        case ast::Literal::Kind::Days:
            return "days";
        case ast::Literal::Kind::Months:
            return "months";
        case ast::Literal::Kind::Date:
            return "a date";
        case ast::Literal::Kind::String:
            return "text";
        case ast::Literal::Kind::Bool:
            return "true or false";
        case ast::Literal::Kind::Int:
        case ast::Literal::Kind::Decimal:
            return "a number (no unit)";
    }
    return "";
}

std::string variable_text(const Symbol& symbol) {
    const ScopeName& name = *symbol.declaration;
    switch (name.kind) {
        case ScopeName::Kind::Row:
            return "**" + name.name + "**: " + (name.table.empty() ? "a row" : "a row of " + code(name.table)) +
                   "\n\nDeclared on line " + std::to_string(name.declared.line);
        case ScopeName::Kind::Value:
            return "**" + name.name + "**: " + name.detail;
        case ScopeName::Kind::Period:
            return "**period**: the period of the periodic obligation being checked: `period.start`, `period.end`, "
                   "`period.number`";
        case ScopeName::Kind::Param: {
            std::string out = "**" + name.name + "**: parameter of rule " + symbol.rule->rule->id + "\n\n";
            out += "Value: " + code(name.detail);
            if (symbol.rule)
                if (const auto* param = symbol.rule->param(name.name))
                    out += "\n\nUnit: " + unit_of(param->value) + "\n\nChange it for one run with `--param " +
                           symbol.rule->rule->id + "." + name.name + "=...`";
            return out;
        }
        case ScopeName::Kind::Let: {
            std::string out = "**" + name.name + "**: " + name.detail + " (let)";
            for (const auto& let : symbol.rule->rule->lets)
                if (let.name == name.name && let.value)
                    out += "\n\n```recallguard-rules\nlet " + let.name + " = " + ast::expr_text(*let.value) + "\n```";
            return out;
        }
    }
    return "";
}

std::string rule_text(const checker::BoundRule& bound) {
    const ast::Rule& rule = *bound.rule;
    std::string out = "**" + rule.id + "**";
    if (!rule.title.empty()) out += ": " + rule.title;
    out += "\n\n";
    if (!rule.citation.empty()) out += "Cites: " + rule.citation + "\n\n";
    if (bound.package) {
        const auto& package = *bound.package;
        std::string instrument = package.title.empty() ? package.name : package.title;
        if (!package.source.empty()) instrument += " — " + package.source;
        out += "Instrument: " + instrument + "\n\n";
        if (!package.authority.empty()) out += "Authority: " + package.authority + "\n\n";
    }
    if (!rule.severity.empty() || !rule.category.empty())
        out += "Severity " + rule.severity + ", category " + rule.category + "\n\n";
    if (!rule.description.empty()) out += rule.description + "\n";
    return out;
}

std::string calendar_text(const Analysis& analysis, const std::string& name) {
    const auto* calendar = analysis.loaded.calendars.find(name);
    if (!calendar) return "**" + name + "**: no such working-day calendar is loaded";
    std::string out = "**" + calendar->name() + "**: working-day calendar";
    if (!calendar->title().empty()) out += ", " + calendar->title();
    out += "\n\nCovers " + std::to_string(calendar->first_year()) + "–" + std::to_string(calendar->last_year()) +
           " (a deadline needing another year is an error, never a guess)";
    size_t holidays = 0, workdays = 0;
    for (const auto& day : calendar->listed_days()) (day.kind == calendar::DayKind::Holiday ? holidays : workdays) += 1;
    out += "\n\n" + std::to_string(holidays) + " holidays and " + std::to_string(workdays) +
           " make-up working days listed";
    if (calendar->declared_at().known()) out += "\n\nFile: " + calendar->declared_at().file;
    return out;
}

}  // namespace

std::optional<std::string> hover_text(const Analysis& analysis, const Symbol& symbol) {
    std::string text;
    switch (symbol.kind) {
        case Symbol::Kind::Variable:
            if (symbol.declaration) text = variable_text(symbol);
            break;
        case Symbol::Kind::Relation:
            if (symbol.relation) text = relation_text(*symbol.relation);
            break;
        case Symbol::Kind::Column:
            text = column_text(symbol.table, symbol.column);
            break;
        case Symbol::Kind::Table:
            text = table_text(symbol.table);
            break;
        case Symbol::Kind::PeriodField:
            text = "**period." + symbol.name + "**: " +
                   (symbol.name == "start" ? "the date period k starts: start + (k - 1) × every (a date)"
                    : symbol.name == "end" ? "the date period k ends: start + k × every (a date); due `within` after it"
                    : symbol.name == "number" ? "k, the period's number: 1, 2, ..."
                                              : "not a field of a period (start, end, number)");
            break;
        case Symbol::Kind::RuleId:
            if (symbol.rule) text = rule_text(*symbol.rule);
            break;
        case Symbol::Kind::Calendar:
            text = calendar_text(analysis, symbol.name);
            break;
        case Symbol::Kind::Import:
            text = "Imports the rules of " + code(symbol.name);
            break;
    }
    if (text.empty()) return std::nullopt;
    return text;
}

}  // namespace recallguard::lsp
