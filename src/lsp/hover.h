// What an editor shows when the pointer rests on a name: Markdown about the symbol, from the
// data model, the checked rule and the calendars.
#pragma once

#include <optional>
#include <string>

#include "lsp/analysis.h"
#include "lsp/locate.h"

namespace recallguard::lsp {

// Markdown describing `symbol`, or nullopt when there is nothing to say.
std::optional<std::string> hover_text(const Analysis& analysis, const Symbol& symbol);

}  // namespace recallguard::lsp
