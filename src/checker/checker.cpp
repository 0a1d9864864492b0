#include "checker/checker.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/date.h"

namespace recallguard::checker {

const ParamValue* BoundRule::param(const std::string& name) const {
    for (const auto& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

std::optional<ast::Literal> parse_param_value(const std::string& text, const ast::Literal& like, std::string& error) {
    ast::Literal value = like;
    auto parse_count = [&](const std::string& digits) -> std::optional<int64_t> {
        if (digits.empty() || digits.size() > 12) return std::nullopt;
        size_t start = digits[0] == '-' ? 1 : 0;
        if (start == digits.size()) return std::nullopt;
        for (size_t i = start; i < digits.size(); ++i)
            if (!std::isdigit(static_cast<unsigned char>(digits[i]))) return std::nullopt;
        return std::stoll(digits);
    };
    switch (like.kind) {
        case ast::Literal::Kind::String:
            value.text = text;
            return value;
        case ast::Literal::Kind::Date:
            if (!Date::parse(text)) {
                error = "'" + text + "' is not a date (YYYY-MM-DD)";
                return std::nullopt;
            }
            value.text = text;
            return value;
        case ast::Literal::Kind::Bool:
            if (text != "true" && text != "false") {
                error = "expected true or false";
                return std::nullopt;
            }
            value.integer = text == "true";
            value.text = text;
            return value;
        case ast::Literal::Kind::Decimal: {
            char* end = nullptr;
            const double d = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0') {
                error = "'" + text + "' is not a number";
                return std::nullopt;
            }
            // strtod also reads "nan", "inf" and overflows to infinity: no comparison with NaN
            // is ever true, so such a value would switch the rule off in silence.
            if (!std::isfinite(d)) {
                error = "'" + text + "' is not a finite number; write a decimal number such as 0.5";
                return std::nullopt;
            }
            value.decimal = d;
            value.text = text;
            return value;
        }
        case ast::Literal::Kind::Int:
        case ast::Literal::Kind::Days:
        case ast::Literal::Kind::Months:
        case ast::Literal::Kind::WorkingDays: {
            // A duration may be given with or without its unit; the unit must match.
            std::string digits = text;
            const size_t space = text.find(' ');
            if (space != std::string::npos && like.kind != ast::Literal::Kind::Int) {
                digits = text.substr(0, space);
                const std::string unit = text.substr(space + 1);
                const bool ok =
                    (like.kind == ast::Literal::Kind::Days && (unit == "days" || unit == "day")) ||
                    (like.kind == ast::Literal::Kind::Months && (unit == "months" || unit == "month")) ||
                    (like.kind == ast::Literal::Kind::WorkingDays && (unit == "working days" || unit == "working day"));
                if (!ok) {
                    const std::string expected = like.kind == ast::Literal::Kind::Days     ? "days"
                                                 : like.kind == ast::Literal::Kind::Months ? "months"
                                                                                           : "working days";
                    error = "the unit '" + unit + "' does not match the parameter's unit, " + expected + " (write `" +
                            digits + " " + expected + "` or just `" + digits + "`)";
                    return std::nullopt;
                }
            }
            auto count = parse_count(digits);
            if (!count) {
                // Digits that are too many say so: "not a whole number" would send the user
                // looking for a typo.
                const size_t start = !digits.empty() && digits[0] == '-' ? 1 : 0;
                const bool all_digits = digits.size() > start &&
                                        std::all_of(digits.begin() + static_cast<std::ptrdiff_t>(start), digits.end(),
                                                    [](unsigned char c) { return std::isdigit(c) != 0; });
                error = all_digits ? "'" + text + "' is too large: a whole number here has at most 12 digits"
                                   : "'" + text + "' is not a whole number";
                return std::nullopt;
            }
            if (like.kind != ast::Literal::Kind::Int && *count < 0) {
                error = "a duration cannot be negative";
                return std::nullopt;
            }
            value.integer = *count;
            value.text = digits;
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<ast::Literal>> parse_param_list(const std::string& text, const ast::Literal& like,
                                                          std::string& error) {
    // `CN,HK`, `"CN", "HK"` or `("CN", "HK")`: values separated by commas, each in the list's
    // type; double quotes keep commas and spaces inside a value.
    auto trim = [](const std::string& value) {
        const size_t begin = value.find_first_not_of(" \t");
        const size_t end = value.find_last_not_of(" \t");
        return begin == std::string::npos ? std::string() : value.substr(begin, end - begin + 1);
    };
    std::string body = trim(text);
    if (body.size() >= 2 && body.front() == '(' && body.back() == ')') body = trim(body.substr(1, body.size() - 2));
    if (body.empty()) {
        error = "an empty list; give at least one value, e.g. CN,HK";
        return std::nullopt;
    }
    std::vector<std::string> pieces(1);
    bool quoted = false;
    for (char c : body) {
        if (c == '"') quoted = !quoted;
        if (c == ',' && !quoted)
            pieces.emplace_back();
        else
            pieces.back() += c;
    }
    if (quoted) {
        error = "a quote is not closed";
        return std::nullopt;
    }
    std::vector<ast::Literal> values;
    for (const auto& raw : pieces) {
        std::string piece = trim(raw);
        const std::string position = "value " + std::to_string(values.size() + 1) + " of the list";
        if (piece.size() >= 2 && piece.front() == '"' && piece.back() == '"') {
            piece = piece.substr(1, piece.size() - 2);
        } else if (piece.find('"') != std::string::npos || piece.empty()) {
            error = position + (piece.empty() ? " is empty" : " has a stray quote") +
                    "; give values separated by commas, e.g. CN,HK";
            return std::nullopt;
        }
        if (piece.find('"') != std::string::npos) {
            error = position + " has a stray quote; give values separated by commas, e.g. CN,HK";
            return std::nullopt;
        }
        std::string item_error;
        auto value = parse_param_value(piece, like, item_error);
        if (!value) {
            error = position + ": " + item_error;
            return std::nullopt;
        }
        values.push_back(*value);
    }
    return values;
}

void apply_param_overrides(BoundProgram& program, const CheckOptions& options, DiagnosticBag& diagnostics) {
    for (const auto& [key, text] : options.param_overrides) {
        const size_t dot = key.rfind('.');
        const SourceLocation location{"--param " + key, 0, 0};
        if (dot == std::string::npos) {
            diagnostics.error(DiagnosticCode::UnknownParam, location, "--param takes RULE-ID.name=value");
            continue;
        }
        const std::string rule_id = key.substr(0, dot), name = key.substr(dot + 1);
        bool found_rule = false, found_param = false;
        std::vector<std::string> candidates;
        for (auto& rule : program.rules) {
            if (rule->rule->id != rule_id) continue;
            found_rule = true;
            for (auto& param : rule->params) {
                candidates.push_back(param.name);
                if (param.name != name) continue;
                found_param = true;
                std::string error;
                if (param.is_list) {
                    if (auto list = parse_param_list(text, param.value, error)) {
                        param.list = std::move(*list);
                        param.value = param.list.front();
                        param.overridden = true;
                    } else {
                        diagnostics.error(DiagnosticCode::ParamValue, location, "bad value for " + key + ": " + error);
                    }
                } else if (auto value = parse_param_value(text, param.value, error)) {
                    param.value = *value;
                    param.overridden = true;
                } else {
                    diagnostics.error(DiagnosticCode::ParamValue, location, "bad value for " + key + ": " + error);
                }
            }
        }
        if (!found_rule) {
            std::vector<std::string> ids;
            for (auto& rule : program.rules) ids.push_back(rule->rule->id);
            std::string message = "--param names rule " + rule_id + ", which is not loaded";
            const std::string match = closest_match(rule_id, ids);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            diagnostics.error(DiagnosticCode::UnknownParam, location, message);
        } else if (!found_param) {
            std::string message = "rule " + rule_id + " has no parameter '" + name + "'";
            const std::string match = closest_match(name, candidates);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            diagnostics.error(DiagnosticCode::UnknownParam, location, message);
        }
    }
}

namespace {

bool uses_working_days(const BoundRule& bound) {
    for (const auto& [expr, info] : bound.expr_info)
        if (info.type.kind == TypeKind::WorkingDays) return true;
    return false;
}

}  // namespace

BoundProgram check_program(std::vector<std::unique_ptr<ast::RuleFile>> files, const schema::Catalog& catalog,
                           const CheckOptions& options, DiagnosticBag& diagnostics) {
    BoundProgram program;
    check_metadata(files, options, diagnostics);
    program.definitions = collect_definitions(files, catalog, diagnostics);
    for (const auto& file : files) {
        for (const auto& rule : file->rules) {
            DiagnosticBag rule_diagnostics;
            auto bound = std::make_unique<BoundRule>();
            bound->rule = &rule;
            bound->file = file.get();
            bound->definitions = program.definitions.get();
            bound->scope = program.definitions->by_file[file.get()];
            if (rule.package_index >= 0) {
                bound->package = &file->packages[static_cast<size_t>(rule.package_index)];
                bound->package_name = bound->package->name;
            }
            for (const auto& param : rule.params)
                bound->params.push_back({param.name, param.default_value, false, param.is_list, param.list});
            bind_message(*bound, catalog, rule_diagnostics);
            resolve_rule(*bound, catalog, rule_diagnostics);
            bound->calendar = !rule.calendar.empty() ? rule.calendar : bound->package ? bound->package->calendar : "";
            if (uses_working_days(*bound) && bound->calendar.empty())
                rule_diagnostics.error(DiagnosticCode::UnknownCalendar, rule.location,
                                       "rule " + rule.id +
                                           " counts working days but neither it nor its package names "
                                           "a calendar ('calendar CN')",
                                       static_cast<int>(rule.id.size()));
            if (!uses_working_days(*bound)) bound->calendar.clear();
            const auto& period = rule.effective   ? rule.effective
                                 : bound->package ? bound->package->effective
                                                  : std::nullopt;
            if (period) {
                bound->effective_from = period->from;
                bound->effective_until = period->until;
                // Which version applies is decided by the date of the act, never the audit date:
                // a violation or signal rule says which of its dates that is.
                if (rule.condition && !rule.condition->dated)
                    rule_diagnostics.error(
                        DiagnosticCode::MissingClause, rule.condition->location,
                        "rule " + rule.id + " applies " + (period->from ? "from " + *period->from : std::string()) +
                            (period->from && period->until ? " " : "") +
                            (period->until ? "until " + *period->until : std::string()) +
                            (rule.effective ? "" : " (its package's effective period)") +
                            ", so it must name the date of the act it judges: add `dated <date>` after the "
                            "condition (e.g. `dated s.sold_on`); the version in force on that date applies",
                        rule.condition->kind == ast::Condition::Kind::Violation ? 9 : 6);
            }
            const bool clean = !rule_diagnostics.has_errors();
            diagnostics.append(rule_diagnostics);
            (clean ? program.rules : program.rules_with_errors).push_back(std::move(bound));
        }
    }
    program.files = std::move(files);
    std::stable_sort(program.rules.begin(), program.rules.end(), [](const auto& a, const auto& b) {
        return std::make_pair(a->rule->id, a->effective_from.value_or("")) <
               std::make_pair(b->rule->id, b->effective_from.value_or(""));
    });
    // A rule with several versions: each version is reported on its own, named by its period.
    std::map<std::string, int> versions;
    for (const auto& rule : program.rules) ++versions[rule->rule->id];
    for (auto& rule : program.rules)
        if (versions[rule->rule->id] > 1)
            rule->version = rule->effective_from.value_or("") + ".." + rule->effective_until.value_or("");
    check_displacement(program, diagnostics);
    apply_param_overrides(program, options, diagnostics);
    check_values(program, diagnostics);
    return program;
}

}  // namespace recallguard::checker
