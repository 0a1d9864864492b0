#include "lsp/documents.h"

#include "lsp/uri.h"

namespace recallguard::lsp {

const Document& DocumentStore::open(const std::string& uri, const std::string& language, int version,
                                    std::string text) {
    Document document;
    document.uri = uri;
    const auto path = path_of_uri(uri);
    document.path = path.value_or(uri);
    document.on_disk_path = path.has_value();
    document.language = language;
    document.version = version;
    document.text = std::move(text);
    return documents_[uri] = std::move(document);
}

std::optional<std::string> DocumentStore::change(const std::string& uri, int version, const Json& changes,
                                                 PositionEncoding encoding) {
    const auto it = documents_.find(uri);
    if (it == documents_.end()) return "the document " + uri + " is not open";
    if (!changes.is_array()) return "contentChanges must be an array";
    // Work on a copy so that a malformed change leaves the document as it was.
    std::string text = it->second.text;
    for (const auto& change : changes) {
        if (!change.is_object() || !change.contains("text") || !change["text"].is_string())
            return "a content change needs a 'text' string";
        const std::string& replacement = change["text"].get_ref<const std::string&>();
        if (!change.contains("range")) {
            text = replacement;
            continue;
        }
        const Json& range = change["range"];
        auto position = [](const Json& p) -> std::optional<Position> {
            if (!p.is_object() || !p.contains("line") || !p.contains("character") || !p["line"].is_number_integer() ||
                !p["character"].is_number_integer())
                return std::nullopt;
            const auto line = p["line"].get<long long>(), character = p["character"].get<long long>();
            if (line < 0 || character < 0 || line > 1'000'000'000 || character > 1'000'000'000) return std::nullopt;
            return Position{static_cast<int>(line), static_cast<int>(character)};
        };
        if (!range.is_object() || !range.contains("start") || !range.contains("end"))
            return "a content change's range needs 'start' and 'end'";
        const auto start = position(range["start"]), end = position(range["end"]);
        if (!start || !end) return "a content change's range has a malformed position";
        const LineIndex index(text, encoding);
        size_t from = index.offset_of(*start), to = index.offset_of(*end);
        if (to < from) std::swap(from, to);
        text.replace(from, to - from, replacement);
    }
    it->second.text = std::move(text);
    it->second.version = version;
    return std::nullopt;
}

void DocumentStore::close(const std::string& uri) {
    documents_.erase(uri);
}

const Document* DocumentStore::find(const std::string& uri) const {
    const auto it = documents_.find(uri);
    return it == documents_.end() ? nullptr : &it->second;
}

}  // namespace recallguard::lsp
