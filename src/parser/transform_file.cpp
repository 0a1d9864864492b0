// File-level constructs: packages, imports, rules and their clauses.
#include "common/date.h"
#include "parser/transformer.h"

namespace recallguard::parser {

using grammar::RuleParser;

SourceLocation Transformer::location_of(antlr4::ParserRuleContext* context) const {
    return location_of(context->getStart());
}

SourceLocation Transformer::location_of(antlr4::Token* token) const {
    return {file_, static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

int Transformer::length_of(antlr4::ParserRuleContext* context) const {
    auto* start = context->getStart();
    auto* stop = context->getStop();
    if (!stop || stop->getLine() != start->getLine() || stop->getStopIndex() < start->getStartIndex())
        return token_length(start);
    return static_cast<int>(stop->getStopIndex() - start->getStartIndex() + 1);
}

int Transformer::token_length(antlr4::Token* token) const {
    // Token indexes count code points of the input, as columns do.
    return static_cast<int>(token->getStopIndex() - token->getStartIndex() + 1);
}

std::string Transformer::decode_string(antlr4::tree::TerminalNode* node) {
    const std::string raw = node->getText();
    std::string out;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out += raw[i];
            continue;
        }
        const char escaped = raw[++i];
        switch (escaped) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            default: {
                auto location = location_of(node->getSymbol());
                location.column += static_cast<int>(i) - 1;
                diagnostics_.error(
                    DiagnosticCode::Parse, location,
                    std::string("unknown escape '\\") + escaped + "' in a string; use \\\" \\\\ \\n or \\t", 2);
            }
        }
    }
    return out;
}

void Transformer::set_once(std::string& field, const std::string& value, antlr4::ParserRuleContext* context,
                           const char* clause) {
    if (!field.empty())
        diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(context),
                           std::string("'") + clause + "' is given twice; keep one", length_of(context));
    field = value;
}

ast::EffectivePeriod Transformer::transform_effective(RuleParser::EffectivePeriodContext* context) {
    ast::EffectivePeriod period;
    period.location = location_of(context);
    if (context->from) period.from = context->from->getText();
    if (context->until) period.until = context->until->getText();
    for (auto* token : {context->from, context->until})
        if (token && !Date::parse(token->getText()))
            diagnostics_.error(DiagnosticCode::BadDate, location_of(token),
                               "'" + token->getText() + "' is not a real calendar date", 10);
    return period;
}

void Transformer::transform_file(RuleParser::RuleFileContext* context, ast::RuleFile& out) {
    for (auto* top : context->topLevel()) transform_top_level(top, out);
}

void Transformer::transform_top_level(RuleParser::TopLevelContext* top, ast::RuleFile& out) {
    if (auto* package = dynamic_cast<RuleParser::TopPackageContext*>(top)) {
        out.packages.push_back(transform_package(package->packageDecl()));
    } else if (auto* import = dynamic_cast<RuleParser::TopImportContext*>(top)) {
        out.imports.emplace_back(decode_string(import->STRING()), location_of(import));
    } else if (auto* definition = dynamic_cast<RuleParser::TopDefinitionContext*>(top)) {
        out.definitions.push_back(transform_definition(definition->definition()));
    } else if (auto* rule = dynamic_cast<RuleParser::TopRuleContext*>(top)) {
        ast::Rule transformed = transform_rule(rule->ruleDecl());
        transformed.package_index = static_cast<int>(out.packages.size()) - 1;
        out.rules.push_back(std::move(transformed));
    }
}

ast::Definition Transformer::transform_definition(RuleParser::DefinitionContext* context) {
    ast::Definition definition;
    definition.start_location = location_of(context);
    if (auto* c = dynamic_cast<RuleParser::DefineConstantContext*>(context)) {
        definition.kind = ast::Definition::Kind::Constant;
        definition.name = c->name()->getText();
        definition.location = location_of(c->name());
        definition.value = transform_literal(c->literal());
    } else if (auto* c = dynamic_cast<RuleParser::DefineSetContext*>(context)) {
        definition.kind = ast::Definition::Kind::Set;
        definition.name = c->name()->getText();
        definition.location = location_of(c->name());
        definition.values = transform_value_list(c->valueList());
    } else if (auto* c = dynamic_cast<RuleParser::DefineConditionContext*>(context)) {
        definition.kind = ast::Definition::Kind::Condition;
        definition.name = c->name(0)->getText();
        definition.location = location_of(c->name(0));
        definition.variable = c->name(1)->getText();
        definition.variable_location = location_of(c->name(1));
        definition.table = c->name(2)->getText();
        definition.table_location = location_of(c->name(2));
        definition.condition = transform_expr(c->expr());
    }
    return definition;
}

std::vector<ast::Literal> Transformer::transform_value_list(RuleParser::ValueListContext* context) {
    std::vector<ast::Literal> values;
    if (!context) return values;
    for (auto* literal : context->literal()) values.push_back(transform_literal(literal));
    return values;
}

ast::Package Transformer::transform_package(RuleParser::PackageDeclContext* context) {
    ast::Package package;
    package.location = location_of(context);
    if (context->qualifiedName()) package.name = context->qualifiedName()->getText();
    for (auto* clause : context->packageClause()) {
        if (auto* c = dynamic_cast<RuleParser::PackageTitleContext*>(clause)) {
            set_once(package.title, decode_string(c->STRING()), c, "title");
            package.title_location = location_of(c);
        } else if (auto* c = dynamic_cast<RuleParser::PackageAuthorityContext*>(clause)) {
            set_once(package.authority, decode_string(c->STRING()), c, "authority");
            package.authority_location = location_of(c);
        } else if (auto* c = dynamic_cast<RuleParser::PackageJurisdictionContext*>(clause)) {
            set_once(package.jurisdiction, decode_string(c->STRING()), c, "jurisdiction");
            package.jurisdiction_location = location_of(c);
        } else if (auto* c = dynamic_cast<RuleParser::PackageCalendarContext*>(clause)) {
            set_once(package.calendar, c->IDENT()->getText(), c, "calendar");
            package.calendar_location = location_of(c->IDENT()->getSymbol());
        } else if (auto* c = dynamic_cast<RuleParser::PackageSourceContext*>(clause)) {
            set_once(package.source, decode_string(c->STRING()), c, "source");
            package.source_location = location_of(c);
        } else if (auto* c = dynamic_cast<RuleParser::PackageEffectiveContext*>(clause)) {
            package.effective = transform_effective(c->effectivePeriod());
        }
    }
    if (context->RBRACE()) package.end_location = location_of(context->RBRACE()->getSymbol());
    return package;
}

ast::Rule Transformer::transform_rule(RuleParser::RuleDeclContext* context) {
    ast::Rule rule;
    rule.location = location_of(context);
    if (context->RULE_ID()) {
        rule.id = context->RULE_ID()->getText();
        rule.location = location_of(context->RULE_ID()->getSymbol());
    }
    for (auto* clause : context->ruleClause()) transform_rule_clause(clause, rule);
    if (context->RBRACE()) rule.end_location = location_of(context->RBRACE()->getSymbol());
    return rule;
}

void Transformer::note_body(ast::Rule& rule, antlr4::ParserRuleContext* context, const char* kind) {
    if (++rule.body_count == 1) {
        first_body_line_ = static_cast<int>(context->getStart()->getLine());
        return;
    }
    diagnostics_.error(
        DiagnosticCode::DuplicateClause, location_of(context),
        std::string("rule ") + rule.id + " already says what it checks (line " + std::to_string(first_body_line_) +
            "); this '" + kind + "' is a second obligation: write one rule per obligation",
        static_cast<int>(std::string(kind).find(' ') == std::string::npos ? std::string(kind).size()
                                                                          : std::string(kind).find(' ')));
}

void Transformer::transform_rule_clause(RuleParser::RuleClauseContext* clause, ast::Rule& rule) {
    if (auto* c = dynamic_cast<RuleParser::RuleTitleContext*>(clause)) {
        set_once(rule.title, decode_string(c->STRING()), c, "title");
        rule.title_location = location_of(c);
    } else if (auto* c = dynamic_cast<RuleParser::RuleCiteContext*>(clause)) {
        set_once(rule.citation, decode_string(c->STRING()), c, "cite");
        rule.citation_location = location_of(c);
    } else if (auto* c = dynamic_cast<RuleParser::RuleCategoryContext*>(clause)) {
        set_once(rule.category, c->name()->getText(), c, "category");
        rule.category_location = location_of(c->name());
    } else if (auto* c = dynamic_cast<RuleParser::RuleSeverityContext*>(clause)) {
        set_once(rule.severity, c->IDENT()->getText(), c, "severity");
        rule.severity_location = location_of(c->IDENT()->getSymbol());
    } else if (auto* c = dynamic_cast<RuleParser::RuleDescriptionContext*>(clause)) {
        set_once(rule.description, decode_string(c->STRING()), c, "description");
        rule.description_location = location_of(c);
    } else if (auto* c = dynamic_cast<RuleParser::RuleEffectiveContext*>(clause)) {
        rule.effective = transform_effective(c->effectivePeriod());
    } else if (auto* c = dynamic_cast<RuleParser::RuleCalendarContext*>(clause)) {
        set_once(rule.calendar, c->IDENT()->getText(), c, "calendar");
        rule.calendar_location = location_of(c->IDENT()->getSymbol());
    } else if (auto* c = dynamic_cast<RuleParser::RuleParamContext*>(clause)) {
        ast::Param param;
        param.name = c->name()->getText();
        param.location = location_of(c->name());
        if (c->valueList()) {
            param.is_list = true;
            param.list = transform_value_list(c->valueList());
            if (!param.list.empty()) param.default_value = param.list.front();
        } else if (c->literal()) {
            param.default_value = transform_literal(c->literal());
        }
        rule.params.push_back(std::move(param));
    } else if (auto* c = dynamic_cast<RuleParser::RuleSubjectContext*>(clause)) {
        if (rule.subject) {
            // The first subject stays, so names bound by it are not reported as unknown too.
            diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(c),
                               "a rule has one 'for' clause; this is a second one (the first is on line " +
                                   std::to_string(rule.subject->location.line) + ")",
                               3);
            return;
        }
        ast::Subject subject;
        subject.variable = c->name(0)->getText();
        subject.table = c->name(1)->getText();
        subject.location = location_of(c->name(0));
        subject.table_location = location_of(c->name(1));
        if (c->expr()) subject.where = transform_expr(c->expr());
        rule.subject = std::move(subject);
    } else if (auto* c = dynamic_cast<RuleParser::RuleLetContext*>(clause)) {
        rule.lets.push_back({c->name()->getText(), transform_expr(c->expr()), location_of(c->name())});
    } else if (auto* c = dynamic_cast<RuleParser::RuleDeadlineContext*>(clause)) {
        note_body(rule, c, "deadline");
        rule.deadline = transform_deadline(c);
    } else if (auto* c = dynamic_cast<RuleParser::RulePeriodicContext*>(clause)) {
        note_body(rule, c, "periodic");
        rule.periodic = transform_periodic(c);
    } else if (auto* c = dynamic_cast<RuleParser::RuleViolationContext*>(clause)) {
        note_body(rule, c, "violation when");
        rule.condition = ast::Condition{ast::Condition::Kind::Violation, transform_expr(c->condition), location_of(c),
                                        c->dated ? transform_expr(c->dated) : nullptr};
    } else if (auto* c = dynamic_cast<RuleParser::RuleSignalContext*>(clause)) {
        note_body(rule, c, "signal when");
        rule.condition = ast::Condition{ast::Condition::Kind::Signal, transform_expr(c->condition), location_of(c),
                                        c->dated ? transform_expr(c->dated) : nullptr};
    } else if (auto* c = dynamic_cast<RuleParser::RuleGroupContext*>(clause)) {
        if (!rule.group_by.empty())
            diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(c),
                               "'group by' is given twice; list every key in one", 5);
        rule.group_location = location_of(c);
        for (auto* key : c->groupKey())
            rule.group_by.push_back({key->name()->getText(), transform_expr(key->expr()), location_of(key->name())});
    } else if (auto* c = dynamic_cast<RuleParser::RuleUnlessContext*>(clause)) {
        if (rule.unless)
            diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(c), "'unless' is given twice; keep one", 6);
        rule.unless = transform_expr(c->expr());
        rule.unless_location = location_of(c);
    } else if (auto* c = dynamic_cast<RuleParser::RuleDisplacesContext*>(clause)) {
        if (rule.displaces.empty()) rule.displaces_location = location_of(c);
        for (auto* id : c->RULE_ID()) rule.displaces.emplace_back(id->getText(), location_of(id->getSymbol()));
    } else if (auto* c = dynamic_cast<RuleParser::RuleMessageContext*>(clause)) {
        set_once(rule.message, decode_string(c->STRING()), c, "message");
        rule.message_location = location_of(c->STRING()->getSymbol());
    }
}

ast::Requirement Transformer::transform_requirement(RuleParser::RequirementContext* context) {
    ast::Requirement requirement;
    requirement.location = location_of(context);
    requirement.records.variable = context->name()->getText();
    requirement.records.variable_location = location_of(context->name());
    requirement.records.source = transform_source(context->source());
    requirement.records.source_location = location_of(context->source());
    requirement.records.source_locations = source_locations(context->source());
    const auto expressions = context->expr();
    if (expressions.size() == 2) {
        requirement.records.where = transform_expr(expressions[0]);
        requirement.dated = transform_expr(expressions[1]);
    } else if (expressions.size() == 1) {
        requirement.dated = transform_expr(expressions[0]);
    }
    return requirement;
}

namespace {
void duplicate_clause(DiagnosticBag& diagnostics, const ast::ExprPtr& field, const SourceLocation& location,
                      const char* name) {
    if (field)
        diagnostics.error(DiagnosticCode::DuplicateClause, location,
                          std::string("'") + name + "' is given twice; keep one");
}
}  // namespace

ast::Deadline Transformer::transform_deadline(RuleParser::RuleDeadlineContext* context) {
    ast::Deadline deadline;
    deadline.location = location_of(context);
    for (auto* clause : context->deadlineClause()) {
        if (auto* c = dynamic_cast<RuleParser::DeadlineAfterContext*>(clause)) {
            duplicate_clause(diagnostics_, deadline.after, location_of(c), "after");
            deadline.after = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::DeadlineWithinContext*>(clause)) {
            duplicate_clause(diagnostics_, deadline.within, location_of(c), "within");
            deadline.within = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::DeadlineRequireContext*>(clause)) {
            if (deadline.require)
                diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(c),
                                   "'require' is given twice; keep one");
            deadline.require = transform_requirement(c->requirement());
        } else if (auto* c = dynamic_cast<RuleParser::DeadlineExtendContext*>(clause)) {
            duplicate_clause(diagnostics_, deadline.extend_to, location_of(c), "extend to");
            deadline.extend_to = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::DeadlineUnlessContext*>(clause)) {
            duplicate_clause(diagnostics_, deadline.unless, location_of(c), "unless");
            deadline.unless = transform_expr(c->expr());
        }
    }
    if (context->RBRACE()) deadline.end_location = location_of(context->RBRACE()->getSymbol());
    return deadline;
}

ast::Periodic Transformer::transform_periodic(RuleParser::RulePeriodicContext* context) {
    ast::Periodic periodic;
    periodic.location = location_of(context);
    for (auto* clause : context->periodicClause()) {
        if (auto* c = dynamic_cast<RuleParser::PeriodicStartContext*>(clause)) {
            duplicate_clause(diagnostics_, periodic.start, location_of(c), "start");
            periodic.start = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::PeriodicEveryContext*>(clause)) {
            duplicate_clause(diagnostics_, periodic.every, location_of(c), "every");
            periodic.every = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::PeriodicUntilContext*>(clause)) {
            duplicate_clause(diagnostics_, periodic.until, location_of(c), "until");
            periodic.until = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::PeriodicWithinContext*>(clause)) {
            duplicate_clause(diagnostics_, periodic.within, location_of(c), "within");
            periodic.within = transform_expr(c->expr());
        } else if (auto* c = dynamic_cast<RuleParser::PeriodicRequireContext*>(clause)) {
            if (periodic.require)
                diagnostics_.error(DiagnosticCode::DuplicateClause, location_of(c),
                                   "'require' is given twice; keep one");
            periodic.require = transform_requirement(c->requirement());
        }
    }
    if (context->RBRACE()) periodic.end_location = location_of(context->RBRACE()->getSymbol());
    return periodic;
}

}  // namespace recallguard::parser
