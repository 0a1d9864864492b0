// What is written at a position of an analysed rule file: a name in a path, a rule id, a
// calendar, an import... with what the checker bound it to.
#pragma once

#include <optional>
#include <string>

#include "lsp/analysis.h"
#include "schema/catalog.h"

namespace recallguard::lsp {

struct Symbol {
    enum class Kind {
        Variable,  // a row or value variable, a parameter, a let or `period`: see `declaration`
        Relation,  // a step from one table to related rows: `relation`
        Column,    // `table` and `column`
        Table,     // a table named as a subject or a source: `table`
        PeriodField,
        RuleId,
        Calendar,  // `name`
        Import,    // `name`: the path as written
    } kind = Kind::Variable;
    SourceLocation location;  // where the symbol is written
    int length = 1;           // code points
    std::string name;
    const checker::BoundRule* rule = nullptr;  // the rule it is in, when it is in one
    std::optional<ScopeName> declaration;      // Variable: what the name stands for
    std::optional<schema::Relation> relation;
    std::string table, column;
    size_t import_index = 0;
};

// The symbol at (line, column) (1-based, code points), if any.
std::optional<Symbol> symbol_at(const Analysis& analysis, int line, int column);

}  // namespace recallguard::lsp
