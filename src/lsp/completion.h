// Completion in rule files: names after a `.` along the navigation path (columns, relations),
// enumeration values inside a comparison's string, calendars, tables, names in scope, keywords.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lsp/analysis.h"

namespace recallguard::lsp {

// LSP's CompletionItemKind values used here.
enum class ItemKind { Keyword = 14, Field = 5, Variable = 6, Module = 9, Value = 12, Class = 7, EnumMember = 20 };

struct CompletionItem {
    std::string label;
    ItemKind kind = ItemKind::Keyword;
    std::string detail;
    std::string documentation;  // Markdown
    size_t replace_from = 0;    // byte offsets of the text the item replaces (what is typed of it)
    size_t replace_to = 0;
};

struct CompletionRequest {
    const std::string& text;
    size_t offset = 0;  // the cursor, as a byte offset
    // The scope of the rule with this id, as well as it can be known while the text is half typed;
    // `completed` is the text with what the cursor's context lacks filled in (a placeholder name
    // after a dot, a closing quote), which may parse where the text does not.
    std::function<std::optional<RuleScope>(const std::string& rule_id, const std::string& completed)> scope_for;
    std::vector<std::string> calendars;
};

std::vector<CompletionItem> complete(const CompletionRequest& request);

// The id of the rule whose text the offset is in (by the last `rule ID` before it), or "".
std::string rule_id_before(const std::string& text, size_t offset);

}  // namespace recallguard::lsp
