#include "lsp/analysis.h"

#include <filesystem>

#include "ast/expr_text.h"
#include "ast/walk.h"
#include "calendar/calendar.h"
#include "checker/types.h"
#include "ruletest/suite.h"

namespace recallguard::lsp {
namespace fs = std::filesystem;

FileKind file_kind(const std::string& path, const std::string& language) {
    if (language == "recallguard-rules") return FileKind::Rules;
    if (language == "recallguard-ruletest") return FileKind::RuleTest;
    if (language == "recallguard-calendar") return FileKind::Calendar;
    const std::string extension = fs::path(path).extension().string();
    if (extension == ".rules") return FileKind::Rules;
    if (extension == ".ruletest") return FileKind::RuleTest;
    if (extension == ".calendar") return FileKind::Calendar;
    return FileKind::Other;
}

const ScopeName* RuleScope::find(const std::string& name, const SourceLocation& at) const {
    // Places in the rule's one file: compared by line and column only.
    auto place = [](const SourceLocation& location) { return std::make_pair(location.line, location.column); };
    const ScopeName* best = nullptr;
    for (const auto& entry : names) {
        if (entry.name != name) continue;
        const bool visible = !entry.visible_from.known() || place(entry.visible_from) <= place(at);
        if (!visible) continue;
        if (!best || place(best->visible_from) < place(entry.visible_from)) best = &entry;
    }
    if (best) return best;
    for (const auto& entry : names)
        if (entry.name == name) return &entry;
    return nullptr;
}

RuleScope scope_of(const checker::BoundRule& bound) {
    const ast::Rule& rule = *bound.rule;
    RuleScope scope;
    scope.rule_id = rule.id;
    auto length = [](const std::string& name) { return static_cast<int>(name.size()); };
    if (rule.subject) {
        ScopeName subject{ScopeName::Kind::Row,
                          rule.subject->variable,
                          rule.subject->table,
                          "a row of " + rule.subject->table,
                          rule.subject->location,
                          length(rule.subject->variable),
                          {}};
        scope.names.push_back(subject);
    }
    for (const auto& param : rule.params) {
        const auto* value = bound.param(param.name);
        scope.names.push_back({ScopeName::Kind::Param,
                               param.name,
                               {},
                               param.is_list ? ast::list_text(value ? value->list : param.list)
                                             : ast::literal_text(value ? value->value : param.default_value),
                               param.location,
                               length(param.name),
                               {}});
    }
    for (const auto& let : rule.lets) {
        std::string detail = "let";
        if (const auto it = bound.expr_info.find(let.value.get()); it != bound.expr_info.end())
            detail = checker::describe(it->second.type);
        scope.names.push_back({ScopeName::Kind::Let, let.name, {}, detail, let.location, length(let.name), {}});
    }
    if (rule.periodic)
        scope.names.push_back({ScopeName::Kind::Period,
                               "period",
                               {},
                               "the period: period.start, period.end, period.number",
                               rule.periodic->location,
                               8,
                               rule.periodic->location});
    ast::walk_rule(
        rule, [](const ast::Expr&) {},
        [&](const ast::Comprehension& comprehension, const SourceLocation& visible_from) {
            ScopeName entry{ScopeName::Kind::Row,
                            comprehension.variable,
                            {},
                            {},
                            comprehension.variable_location,
                            length(comprehension.variable),
                            visible_from};
            const auto it = bound.sources.find(&comprehension);
            if (it != bound.sources.end() && it->second.kind != checker::SourceBinding::Kind::LetValues) {
                entry.table = it->second.table;
                entry.detail = "a row of " + entry.table;
            } else {
                entry.kind = ScopeName::Kind::Value;
                entry.detail = "a value of " +
                               (comprehension.source.empty() ? std::string("a set") : comprehension.source.front());
            }
            scope.names.push_back(entry);
        });
    return scope;
}

const checker::BoundRule* Analysis::rule_at(int line) const {
    for (const auto* bound : rules) {
        const auto& rule = *bound->rule;
        // The rule's text runs from its keyword (the line of its id) to its closing brace.
        if (line >= rule.location.line && (!rule.end_location.known() || line <= rule.end_location.line)) return bound;
    }
    return nullptr;
}

bool is_syntax_error(const Diagnostic& diagnostic) {
    return diagnostic.code == code_text(DiagnosticCode::Parse) ||
           diagnostic.code == code_text(DiagnosticCode::Encoding);
}

namespace {

void analyse_rules(Analysis& analysis, const AnalysisOptions& options) {
    engine::LoadOptions load;
    load.paths = {analysis.path};
    load.calendar_directory = options.calendar_directory;
    load.unsaved = options.unsaved;
    load.unsaved[analysis.path] = analysis.text;
    load.keep_intact_items = true;
    analysis.loaded = engine::load_rules(load);
    // A file that does not parse shows its syntax errors and the problems of its rules that
    // parse whole, as `lint` does: one syntax error hides nothing else.
    for (const auto& diagnostic : analysis.loaded.diagnostics.items()) analysis.diagnostics.add(diagnostic);
    for (const auto& file : analysis.loaded.program.files)
        if (file->path == analysis.path) analysis.file = file.get();
    for (const auto& path : analysis.loaded.files) {
        std::error_code error;
        analysis.files_read.insert(fs::weakly_canonical(path, error).string());
    }
    for (const auto* list : {&analysis.loaded.program.rules, &analysis.loaded.program.rules_with_errors})
        for (const auto& bound : *list)
            if (bound->file == analysis.file) analysis.rules.push_back(bound.get());
    std::sort(analysis.rules.begin(), analysis.rules.end(),
              [](const auto* a, const auto* b) { return a->rule->location < b->rule->location; });
}

// A rule test is parsed, and its rule ids checked against its pack's rules, as `test` does
// before it runs anything (not when the pack itself has errors: `test` would refuse to run).
void analyse_rule_test(Analysis& analysis, const AnalysisOptions& options) {
    ruletest::Suite suite;
    suite.files.push_back(ruletest::parse_rule_test(analysis.path, analysis.text, suite.diagnostics));
    analysis.rule_pack = rule_pack_of(analysis.path);
    if (!analysis.rule_pack.empty()) {
        engine::LoadOptions load;
        load.paths = {analysis.rule_pack};
        load.calendar_directory = options.calendar_directory;
        load.unsaved = options.unsaved;
        analysis.loaded = engine::load_rules(load);
        for (const auto& path : analysis.loaded.files) {
            std::error_code error;
            analysis.files_read.insert(fs::weakly_canonical(path, error).string());
        }
        if (!analysis.loaded.diagnostics.has_errors()) ruletest::check_suite_rules(suite, analysis.loaded.program);
    }
    analysis.diagnostics = suite.diagnostics;
}

}  // namespace

std::string rule_pack_of(const std::string& test_path) {
    std::error_code error;
    fs::path folder = fs::path(test_path).parent_path();
    for (int level = 0; level < 3 && !folder.empty(); ++level, folder = folder.parent_path()) {
        for (auto it = fs::directory_iterator(folder, error); !error && it != fs::directory_iterator();
             it.increment(error))
            if (it->path().extension() == ".rules" && it->is_regular_file(error)) return folder.string();
        if (folder == folder.root_path()) break;
        error.clear();
    }
    return "";
}

std::unique_ptr<Analysis> analyse(const std::string& path, FileKind kind, const std::string& text,
                                  const AnalysisOptions& options) {
    auto analysis = std::make_unique<Analysis>();
    analysis->kind = kind;
    analysis->path = path;
    analysis->text = text;
    switch (kind) {
        case FileKind::Rules:
            analyse_rules(*analysis, options);
            break;
        case FileKind::Calendar:
            calendar::parse_calendar(text, path, analysis->diagnostics);
            break;
        case FileKind::RuleTest:
            analyse_rule_test(*analysis, options);
            break;
        case FileKind::Other:
            break;
    }
    return analysis;
}

}  // namespace recallguard::lsp
