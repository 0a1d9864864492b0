// Go-to-definition and the outline of a rule file (packages, rules, their parameters and lets).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lsp/analysis.h"
#include "lsp/locate.h"

namespace recallguard::lsp {

// A place in a file, as recallguard counts (1-based line, code-point column).
struct Place {
    std::string path;
    int line = 1;
    int column = 1;
    int length = 0;
};

// Where `symbol` is defined: a variable's, parameter's or let's declaration, an imported file, a
// calendar's file. Names of the data model (tables, columns, relations) have no source file.
std::optional<Place> definition_of(const Analysis& analysis, const Symbol& symbol);

struct OutlineItem {
    enum class Kind { Package, Rule, Param, Let } kind = Kind::Rule;
    std::string name;
    std::string detail;
    Place start;  // where the item's text starts
    Place end;    // where it ends (its closing brace, or its name)
    Place name_at;
    std::vector<OutlineItem> children;
};

// Packages with their rules (rules before any package at the top), in file order.
std::vector<OutlineItem> outline(const Analysis& analysis);

}  // namespace recallguard::lsp
