// The server's state besides the protocol: open documents, their analyses (made again only when
// something they read changed), the calendars folder, and the last known scope of each rule so
// that completion still knows a rule's names while its text does not parse.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "lsp/analysis.h"
#include "lsp/documents.h"

namespace recallguard::lsp {

class Workspace {
public:
    DocumentStore& documents() { return documents_; }
    const DocumentStore& documents() const { return documents_; }

    // "" = the bundled calendars. A relative folder is taken from the workspace root.
    void set_calendar_directory(const std::string& directory);
    void set_root(const std::string& root) { root_ = root; }
    const std::string& calendar_directory() const { return calendar_directory_; }

    // Something changed (a document, a file on disk, the configuration): analyses are made again.
    void changed() { ++generation_; }

    // The analysis of an open document's current text.
    const Analysis& analysis(const Document& document);
    // An analysis of another text for the document (not kept): completion's placeholder text.
    std::unique_ptr<Analysis> analyse_text(const Document& document, const std::string& text) const;

    // The scope of a rule as last seen in a document where it parsed.
    std::optional<RuleScope> remembered_scope(const std::string& uri, const std::string& rule_id) const;

    // Open documents whose last analysis read the document's file (they import it).
    std::vector<std::string> dependents(const std::string& uri) const;

    // The document was closed: its analysis and remembered scopes go.
    void forget(const std::string& uri);

private:
    AnalysisOptions options() const;

    DocumentStore documents_;
    std::string calendar_directory_;
    std::string root_;
    uint64_t generation_ = 0;
    struct Cached {
        uint64_t generation = 0;
        std::unique_ptr<Analysis> analysis;
    };
    std::map<std::string, Cached> cache_;                             // by URI
    std::map<std::string, std::map<std::string, RuleScope>> scopes_;  // URI -> rule id -> scope
};

}  // namespace recallguard::lsp
