// Expressions back to rule source on one line: the one printer of the rule language. `fmt`
// lays its output over lines; the catalogue quotes it.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"

namespace recallguard::ast {

// One expression on one line, with the parentheses its structure needs and no others; parsing
// the text gives the same tree.
std::string expr_text(const Expr& expr);

// A child written where the grammar accepts only constructs of at least `required` precedence
// (see operators.h), in parentheses when it binds more loosely.
std::string operand_text(const Expr& child, int required);

// A literal as written in rule source: 5, 2.5, "text", 2025-01-01, 10 working days, true.
std::string literal_text(const Literal& literal);

// A list of literals as written in rule source: ("CN", "HK").
std::string list_text(const std::vector<Literal>& values);

// A string literal as written in rule source: quoted, with \" \\ \n \t escaped.
std::string quote_string(const std::string& value);

// A dotted path or source: `c.filings`.
std::string path_text(const std::vector<std::string>& parts);

// `value for x in source` (the comprehension without its filter and order).
std::string comprehension_head(const Comprehension& c);
// `value for x in source where condition by order`.
std::string comprehension_text(const Comprehension& c);

}  // namespace recallguard::ast
