// Text of a rule file -> AST. The only module that sees ANTLR; nothing it returns does.
#pragma once

#include <string>

#include "ast/ast.h"
#include "common/diagnostic.h"

namespace recallguard::parser {

// Parses one rule file. Syntax errors go to `diagnostics` (E-PARSE) with file:line:col
// and what was expected; the returned AST holds every construct that could be read.
ast::RuleFile parse_rule_file(const std::string& path, const std::string& text, DiagnosticBag& diagnostics);

}  // namespace recallguard::parser
