// Static checking of rule files: named passes that resolve names against the case-data
// schema, infer types and check metadata. All problems of a run are collected.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "checker/bound_program.h"
#include "common/diagnostic.h"
#include "schema/catalog.h"

namespace recallguard::checker {

struct CheckOptions {
    std::vector<std::string> calendars;  // names of the calendars that exist
    // Where they were looked for, as the user gave it; "" = the bundled calendars.
    std::string calendar_directory;
    // Run-time parameter overrides: "RULE-ID.name" -> value text.
    std::map<std::string, std::string> param_overrides;
};

// Checks parsed files and binds their rules. Errors make the program unusable; the
// returned program holds only rules that checked cleanly.
BoundProgram check_program(std::vector<std::unique_ptr<ast::RuleFile>> files, const schema::Catalog& catalog,
                           const CheckOptions& options, DiagnosticBag& diagnostics);

// The words a rule's `category` and `severity` clauses take.
const std::vector<std::string>& rule_categories();
const std::vector<std::string>& rule_severities();

// The passes, in the order check_program runs them (each in its own file).
void check_metadata(const std::vector<std::unique_ptr<ast::RuleFile>>& files, const CheckOptions& options,
                    DiagnosticBag& diagnostics);
// Shared definitions (definitions.cpp): the names each file sees, each checked once.
std::unique_ptr<Definitions> collect_definitions(const std::vector<std::unique_ptr<ast::RuleFile>>& files,
                                                 const schema::Catalog& catalog, DiagnosticBag& diagnostics);
// A `define`d condition's body, checked on its own (resolve_rule.cpp).
void resolve_definition(const ast::Definition& definition, const Definitions& definitions,
                        const schema::Catalog& catalog, DiagnosticBag& diagnostics);
void resolve_rule(BoundRule& bound, const schema::Catalog& catalog, DiagnosticBag& diagnostics);
void bind_message(BoundRule& bound, const schema::Catalog& catalog, DiagnosticBag& diagnostics);
// `displaces`: every rule named exists and judges the same kind of subject, no cycle; sets
// BoundRule::displaced_by. A rule with such an error moves to rules_with_errors (displacement.cpp).
void check_displacement(BoundProgram& program, DiagnosticBag& diagnostics);
void apply_param_overrides(BoundProgram& program, const CheckOptions& options, DiagnosticBag& diagnostics);
// After the overrides: every duration the rule computes with is known (static_duration) and
// usable: a period of at least 1, nothing longer than 100 years.
void check_values(const BoundProgram& program, DiagnosticBag& diagnostics);

// What is wrong with a `matches` pattern (SQLite GLOB syntax); "" when it is well formed.
std::string glob_pattern_problem(const std::string& pattern);

// Parses a parameter value given on the command line in the type of `like`.
std::optional<ast::Literal> parse_param_value(const std::string& text, const ast::Literal& like, std::string& error);
// A list parameter's value given on the command line: `CN,HK`, `"CN","HK"` or `("CN", "HK")`,
// each value in the type of `like`; at least one.
std::optional<std::vector<ast::Literal>> parse_param_list(const std::string& text, const ast::Literal& like,
                                                          std::string& error);

}  // namespace recallguard::checker
