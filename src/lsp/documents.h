// The documents an editor has open: their text as the editor has it (saved or not), kept in step
// with `didOpen`, `didChange` (whole or incremental) and `didClose`.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lsp/json_rpc.h"
#include "lsp/positions.h"

namespace recallguard::lsp {

struct Document {
    std::string uri;
    std::string path;           // the local file, or the URI itself when it names none (an untitled buffer)
    bool on_disk_path = false;  // `path` is a local file path (it may not exist any more)
    std::string language;
    int version = 0;
    std::string text;
};

class DocumentStore {
public:
    const Document& open(const std::string& uri, const std::string& language, int version, std::string text);
    // Applies `contentChanges` in order. Returns an error message (and changes nothing) when a
    // change is malformed or the document is not open.
    std::optional<std::string> change(const std::string& uri, int version, const Json& changes,
                                      PositionEncoding encoding);
    void close(const std::string& uri);

    const Document* find(const std::string& uri) const;
    const std::map<std::string, Document>& all() const { return documents_; }

private:
    std::map<std::string, Document> documents_;  // by URI
};

}  // namespace recallguard::lsp
