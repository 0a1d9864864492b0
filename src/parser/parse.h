// Text of a rule file -> AST. The only module that sees ANTLR; nothing it returns does.
#pragma once

#include <string>

#include "ast/ast.h"
#include "common/diagnostic.h"

namespace recallguard::parser {

struct ParseOptions {
    // With syntax errors, still build the top-level items (package, import, rule) that no error
    // is in, so an editor can explain a file while one rule is half typed. Off, a file with a
    // syntax error gives an empty AST (what is checked, compiled or formatted is never a guess).
    bool keep_intact_items = false;
};

// Parses one rule file. Syntax errors go to `diagnostics` (E-PARSE) with file:line:col
// and what was expected; the returned AST holds every construct that could be read.
ast::RuleFile parse_rule_file(const std::string& path, const std::string& text, DiagnosticBag& diagnostics,
                              const ParseOptions& options = {});

}  // namespace recallguard::parser
