// One open document analysed as `recallguard lint` analyses a file: the same loader (imports,
// calendars), parser, checker and diagnostics, with the editor's unsaved texts in place of the
// files on disk. Also what each name in a rule means (the rule's scope), for hover, completion
// and go-to-definition.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "checker/bound_program.h"
#include "common/diagnostic.h"
#include "engine/rule_loader.h"

namespace recallguard::lsp {

enum class FileKind { Rules, RuleTest, Calendar, Other };

// By language id ("recallguard-rules", ...) or, failing that, by file extension.
FileKind file_kind(const std::string& path, const std::string& language);

// A name a rule's expressions can use, and what it stands for. Every kind of definition a name
// can refer to is one Kind here: go-to-definition, hover and completion all read this list, so
// a new kind of definition (a shared constant, say) is one more entry in scope_of().
struct ScopeName {
    enum class Kind { Row, Value, Period, Param, Let } kind = Kind::Row;
    std::string name;
    std::string table;            // Row: the table of its rows
    std::string detail;           // a short description: "a row of products", "10 working days"
    SourceLocation declared;      // where the name is declared
    int declared_length = 1;      // code points of the declaring name
    SourceLocation visible_from;  // comprehension variables: the aggregate that declares them
};

struct RuleScope {
    std::string rule_id;
    std::vector<ScopeName> names;

    // The declaration `name` refers to at `at` (the innermost declaration before it when several
    // comprehensions reuse a name); nullptr when the rule declares no such name.
    const ScopeName* find(const std::string& name, const SourceLocation& at) const;
};

RuleScope scope_of(const checker::BoundRule& bound);

struct Analysis {
    FileKind kind = FileKind::Other;
    std::string path;  // the document's path as the loader saw it
    std::string text;  // the text analysed
    // Rule files: the document with its imports and the calendars, as `lint` loads them. Rule
    // tests: the rule pack they test (see rule_pack_of).
    engine::LoadedRules loaded;
    std::string rule_pack;                // rule tests: the folder of the rules they test, "" when none was found
    const ast::RuleFile* file = nullptr;  // the document's AST (items no syntax error is in)
    std::vector<const checker::BoundRule*> rules;  // its rules as far as checked, in file order
    DiagnosticBag diagnostics;                     // what lint reports, in any file read
    std::set<std::string> files_read;              // every file the analysis read (canonical)

    const checker::BoundRule* rule_at(int line) const;  // the rule whose text holds the line
};

// A diagnostic that means the text could not be read as the language (E-PARSE, E-ENCODING).
bool is_syntax_error(const Diagnostic& diagnostic);

struct AnalysisOptions {
    std::string calendar_directory;              // "" = the bundled calendars, as for lint
    std::map<std::string, std::string> unsaved;  // open documents by path
};

// The rule pack a rule test tests: the test's folder, its parent or their parent, the nearest
// that holds *.rules files itself (rules/cn for rules/cn/tests/x.ruletest), as `recallguard test
// rules/cn` runs it; "" when none does.
std::string rule_pack_of(const std::string& test_path);

// Analyses `text` as the document at `path`.
std::unique_ptr<Analysis> analyse(const std::string& path, FileKind kind, const std::string& text,
                                  const AnalysisOptions& options);

}  // namespace recallguard::lsp
