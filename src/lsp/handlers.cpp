// The request handlers of the server: diagnostics, hover, completion, definition, outline,
// formatting and quick fixes. Each converts between LSP positions and recallguard locations and
// leaves the work to the analysis and the feature modules.
#include <filesystem>
#include <functional>

#include "format/format.h"
#include "lsp/completion.h"
#include "lsp/hover.h"
#include "lsp/locate.h"
#include "lsp/navigation.h"
#include "lsp/request_error.h"
#include "lsp/server.h"

namespace recallguard::lsp {
namespace {

int severity_number(Severity severity) {
    switch (severity) {
        case Severity::Error:
            return 1;
        case Severity::Warning:
            return 2;
        case Severity::Note:
            return 3;
    }
    return 1;
}

// The (line, column) of an LSP position in a document, as recallguard counts.
std::pair<int, int> location_of(const std::string& text, size_t offset, PositionEncoding encoding) {
    return LineIndex(text, encoding).location_of_offset(offset);
}

}  // namespace

void Server::publish_diagnostics(const std::string& uri) {
    const Document* document = workspace_.documents().find(uri);
    if (!document) return;
    const Analysis& analysis = workspace_.analysis(*document);
    Json diagnostics = Json::array();
    // A diagnostic in another file (an import, a calendar) is shown where the document leads to
    // that file: at the import that names it, else at the document's first import or first line.
    auto anchor = [&](const std::string& file) -> std::pair<int, int> {
        if (!analysis.file) return {1, 1};
        for (const auto& [import, location] : analysis.file->imports) {
            const auto target = (std::filesystem::path(analysis.path).parent_path() / import).lexically_normal();
            if (target == std::filesystem::path(file).lexically_normal()) return {location.line, location.column};
        }
        if (!analysis.file->imports.empty())
            return {analysis.file->imports.front().second.line, analysis.file->imports.front().second.column};
        return {1, 1};
    };
    for (const auto& diagnostic : analysis.diagnostics.sorted()) {
        Json item{{"severity", severity_number(diagnostic.severity)},
                  {"code", diagnostic.code},
                  {"source", "recallguard"},
                  {"message", diagnostic.message}};
        if (diagnostic.location.file == analysis.path) {
            item["range"] = range_json(document->text, diagnostic.location.line, diagnostic.location.column,
                                       diagnostic.location.known() ? diagnostic.length : 0);
            if (!diagnostic.replacement.empty()) item["data"] = {{"replacement", diagnostic.replacement}};
        } else {
            const auto [line, column] = anchor(diagnostic.location.file);
            item["range"] = range_json(document->text, line, column, 6);
            item["message"] = diagnostic.location.to_string() + ": " + diagnostic.message;
            if (diagnostic.location.known())
                item["relatedInformation"] =
                    Json::array({{{"location", location_json(diagnostic.location.file, diagnostic.location.line,
                                                             diagnostic.location.column, diagnostic.length)},
                                  {"message", diagnostic.message}}});
        }
        diagnostics.push_back(std::move(item));
    }
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/publishDiagnostics"},
          {"params", {{"uri", uri}, {"version", document->version}, {"diagnostics", diagnostics}}}});
}

Server::AtPosition Server::at_position(const Json& params) {
    const Document& document = document_of(params);
    const Analysis& analysis = workspace_.analysis(document);
    const size_t offset = offset_of(document, params.value("position", Json()));
    const auto [line, column] = location_of(document.text, offset, encoding_);
    return {document, analysis, symbol_at(analysis, line, column)};
}

Json Server::hover(const Json& params) {
    const auto [document, analysis, symbol] = at_position(params);
    if (!symbol) return nullptr;
    const auto text = hover_text(analysis, *symbol);
    if (!text) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", *text}}},
            {"range", range_json(document.text, symbol->location.line, symbol->location.column, symbol->length)}};
}

Json Server::completion(const Json& params) {
    const Document& document = document_of(params);
    const size_t offset = offset_of(document, params.value("position", Json()));
    Json items = Json::array();
    if (file_kind(document.path, document.language) != FileKind::Rules) return items;
    const Analysis& analysis = workspace_.analysis(document);
    // The rule's scope from the text as it is; else from the text with the cursor's context
    // completed (a rule being typed rarely parses); else as the rule last parsed.
    CompletionRequest request{document.text, offset, nullptr, analysis.loaded.calendars.names()};
    request.scope_for = [&](const std::string& rule_id, const std::string& completed) -> std::optional<RuleScope> {
        auto find_in = [&](const Analysis& candidate) -> std::optional<RuleScope> {
            for (const auto* bound : candidate.rules)
                if (bound->rule->id == rule_id) return scope_of(*bound);
            return std::nullopt;
        };
        if (auto scope = find_in(analysis)) return scope;
        if (auto scope = find_in(*workspace_.analyse_text(document, completed))) return scope;
        return workspace_.remembered_scope(document.uri, rule_id);
    };
    for (const auto& item : complete(request)) {
        const LineIndex index(document.text, encoding_);
        const Position from = index.position_of(item.replace_from), to = index.position_of(item.replace_to);
        Json entry{{"label", item.label},
                   {"kind", static_cast<int>(item.kind)},
                   {"detail", item.detail},
                   {"textEdit",
                    {{"range",
                      {{"start", {{"line", from.line}, {"character", from.character}}},
                       {"end", {{"line", to.line}, {"character", to.character}}}}},
                     {"newText", item.label}}}};
        if (!item.documentation.empty()) entry["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
        items.push_back(std::move(entry));
    }
    return {{"isIncomplete", false}, {"items", items}};
}

Json Server::definition(const Json& params) {
    const auto [document, analysis, symbol] = at_position(params);
    if (!symbol) return nullptr;
    const auto place = definition_of(analysis, *symbol);
    if (!place) return nullptr;
    return location_json(place->path, place->line, place->column, place->length);
}

Json Server::document_symbols(const Json& params) {
    const Document& document = document_of(params);
    const Analysis& analysis = workspace_.analysis(document);
    Json symbols = Json::array();
    auto kind_number = [](OutlineItem::Kind kind) {
        switch (kind) {
            case OutlineItem::Kind::Package:
                return 4;  // Package
            case OutlineItem::Kind::Rule:
                return 12;  // Function
            case OutlineItem::Kind::Param:
                return 14;  // Constant
            case OutlineItem::Kind::Let:
                return 13;  // Variable
        }
        return 13;
    };
    auto range_between = [&](const Place& start, const Place& end) {
        Json range = range_json(document.text, start.line, start.column, 0);
        range["end"] = range_json(document.text, end.line, end.column, end.length)["end"];
        return range;
    };
    std::function<Json(const OutlineItem&)> hierarchical = [&](const OutlineItem& item) {
        Json symbol{
            {"name", item.name.empty() ? "(unnamed)" : item.name},
            {"kind", kind_number(item.kind)},
            {"range", range_between(item.start, item.end)},
            {"selectionRange", range_json(document.text, item.name_at.line, item.name_at.column, item.name_at.length)}};
        if (!item.detail.empty()) symbol["detail"] = item.detail;
        Json children = Json::array();
        for (const auto& child : item.children) children.push_back(hierarchical(child));
        if (!children.empty()) symbol["children"] = children;
        return symbol;
    };
    std::function<void(const OutlineItem&, const std::string&)> flat = [&](const OutlineItem& item,
                                                                           const std::string& container) {
        Json symbol{{"name", item.name.empty() ? "(unnamed)" : item.name},
                    {"kind", kind_number(item.kind)},
                    {"location", {{"uri", document.uri}, {"range", range_between(item.start, item.end)}}}};
        if (!container.empty()) symbol["containerName"] = container;
        symbols.push_back(symbol);
        for (const auto& child : item.children) flat(child, item.name);
    };
    for (const auto& item : outline(analysis)) {
        if (hierarchical_symbols_)
            symbols.push_back(hierarchical(item));
        else
            flat(item, "");
    }
    return symbols;
}

Json Server::formatting(const Json& params) {
    const Document& document = document_of(params);
    if (file_kind(document.path, document.language) != FileKind::Rules) return nullptr;
    DiagnosticBag diagnostics;
    const auto result = format::format_text(document.path, document.text, diagnostics);
    if (!result.ok) {
        send({{"jsonrpc", "2.0"},
              {"method", "window/showMessage"},
              {"params",
               {{"type", 2},
                {"message",
                 "recallguard: " + document.path +
                     " is not formatted: it has syntax errors (they are listed with the file's problems)"}}}});
        return nullptr;
    }
    if (!result.changed()) return Json::array();
    const LineIndex index(document.text, encoding_);
    const Position end = index.position_of(document.text.size());
    return Json::array(
        {{{"range",
           {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", end.line}, {"character", end.character}}}}},
          {"newText", result.formatted}}});
}

Json Server::code_actions(const Json& params) {
    const Document& document = document_of(params);
    Json actions = Json::array();
    const Json context = params.value("context", Json::object());
    if (!context.is_object() || !context.contains("diagnostics") || !context["diagnostics"].is_array()) return actions;
    const Analysis& analysis = workspace_.analysis(document);
    for (const auto& diagnostic : context["diagnostics"]) {
        if (!diagnostic.is_object() || !diagnostic.contains("range")) continue;
        std::string replacement;
        if (diagnostic.contains("data") && diagnostic["data"].is_object())
            replacement = diagnostic["data"].value("replacement", "");
        if (replacement.empty()) {
            // A client that does not send `data` back: find the diagnostic again by code and place.
            for (const auto& ours : analysis.diagnostics.items()) {
                if (ours.replacement.empty() || ours.location.file != analysis.path ||
                    diagnostic.value("code", Json()) != ours.code)
                    continue;
                if (range_json(document.text, ours.location.line, ours.location.column, ours.length) ==
                    diagnostic["range"])
                    replacement = ours.replacement;
            }
        }
        if (replacement.empty()) continue;
        const std::string shown = replacement.front() == '"' ? replacement : "'" + replacement + "'";
        actions.push_back(
            {{"title", "Replace with " + shown},
             {"kind", "quickfix"},
             {"isPreferred", true},
             {"diagnostics", Json::array({diagnostic})},
             {"edit",
              {{"changes",
                {{document.uri, Json::array({{{"range", diagnostic["range"]}, {"newText", replacement}}})}}}}}});
    }
    return actions;
}

}  // namespace recallguard::lsp
