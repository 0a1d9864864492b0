// Internal to src/format: laying out expressions over one or more lines.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"

namespace recallguard::format::detail {

// Lines of output. The first line continues whatever precedes it on its line; every later
// line carries its own indentation.
using Lines = std::vector<std::string>;

// `expr` starting at `column`; when it does not fit in `limit` columns it is broken before
// `and` / `or` (continuation lines indented to `continuation`), before an aggregate's `where`,
// and between the arms of a union.
Lines layout_expr(const ast::Expr& expr, int column, int continuation, int limit);

// Where an expression begins in the source: its leftmost token.
SourceLocation expr_start(const ast::Expr& expr);

}  // namespace recallguard::format::detail
