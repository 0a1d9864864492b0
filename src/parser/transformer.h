// Parse tree -> AST. Internal to the parser folder: one method family per construct.
#pragma once

#include <string>

#include "RuleParser.h"
#include "ast/ast.h"
#include "common/diagnostic.h"

namespace recallguard::parser {

class Transformer {
public:
    Transformer(std::string file, DiagnosticBag& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

    void transform_file(grammar::RuleParser::RuleFileContext* context, ast::RuleFile& out);
    // One package, import or rule, appended to `out` (a rule belongs to the last package so far).
    void transform_top_level(grammar::RuleParser::TopLevelContext* top, ast::RuleFile& out);

    // transform_expr.cpp
    ast::ExprPtr transform_expr(grammar::RuleParser::ExprContext* context);
    ast::Literal transform_literal(grammar::RuleParser::LiteralContext* context);

private:
    // transform_file.cpp
    ast::Package transform_package(grammar::RuleParser::PackageDeclContext* context);
    ast::Definition transform_definition(grammar::RuleParser::DefinitionContext* context);
    std::vector<ast::Literal> transform_value_list(grammar::RuleParser::ValueListContext* context);
    ast::Rule transform_rule(grammar::RuleParser::RuleDeclContext* context);
    void transform_rule_clause(grammar::RuleParser::RuleClauseContext* context, ast::Rule& rule);
    // Counts a deadline/periodic/violation/signal clause; a second one is an error there.
    void note_body(ast::Rule& rule, antlr4::ParserRuleContext* context, const char* kind);
    ast::Deadline transform_deadline(grammar::RuleParser::RuleDeadlineContext* context);
    ast::Periodic transform_periodic(grammar::RuleParser::RulePeriodicContext* context);
    ast::Requirement transform_requirement(grammar::RuleParser::RequirementContext* context);
    ast::EffectivePeriod transform_effective(grammar::RuleParser::EffectivePeriodContext* context);

    // transform_expr.cpp
    ast::ExprPtr transform_primary(grammar::RuleParser::PrimaryContext* context);
    ast::ExprPtr transform_bound(grammar::RuleParser::BoundContext* context);
    ast::Comprehension transform_comprehension(grammar::RuleParser::ComprehensionContext* context);
    std::vector<std::string> transform_source(grammar::RuleParser::SourceContext* context);
    std::vector<SourceLocation> source_locations(grammar::RuleParser::SourceContext* context) const;

    // helpers shared by both files
    std::string decode_string(antlr4::tree::TerminalNode* node);
    void set_once(std::string& field, const std::string& value, antlr4::ParserRuleContext* context, const char* clause);
    SourceLocation location_of(antlr4::ParserRuleContext* context) const;
    SourceLocation location_of(antlr4::Token* token) const;
    int length_of(antlr4::ParserRuleContext* context) const;  // code points; the first token's when multi-line
    int token_length(antlr4::Token* token) const;             // code points

    std::string file_;
    DiagnosticBag& diagnostics_;
    int first_body_line_ = 0;
};

}  // namespace recallguard::parser
