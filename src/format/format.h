// Canonical layout of rule files (`recallguard fmt`): printed from the AST, keeping every comment.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "common/diagnostic.h"

namespace recallguard::format {

struct FormatOptions {
    int column_limit = 100;  // long conditions are broken before `and` / `or` past this column
};

// The file in canonical layout: 2-space indentation inside braces, one clause per line, a
// blank line between top-level items, strings re-escaped. Idempotent; every comment of
// `file.comments` appears in the output, before the construct it preceded or at the end of
// the line it ended. `file` must have parsed without errors.
std::string format_rule_file(const ast::RuleFile& file, const FormatOptions& options = {});

// Every node and field of the AST except source locations, one per line, indented by depth.
// Two files with equal dumps mean the same thing.
std::string dump_ast(const ast::RuleFile& file);

// The outcome of formatting one file on disk.
struct FileFormat {
    std::string path;
    std::string original;
    std::string formatted;  // empty when the file could not be read or parsed
    bool ok = false;        // read and parsed without errors
    bool changed() const { return ok && formatted != original; }
};

// Reads and parses `path`; syntax errors and unreadable files go to `diagnostics`.
FileFormat format_file(const std::string& path, DiagnosticBag& diagnostics, const FormatOptions& options = {});

// The same for a text already in memory (an editor's buffer); `path` names it in diagnostics.
FileFormat format_text(const std::string& path, const std::string& text, DiagnosticBag& diagnostics,
                       const FormatOptions& options = {});

// A unified-style line diff (`--- a/path`, `+++ b/path`, `@@` hunks with 3 lines of
// context); empty when the texts are equal.
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

}  // namespace recallguard::format
