#include "lsp/server.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/files.h"
#include "lsp/request_error.h"
#include "lsp/uri.h"

namespace recallguard::lsp {
namespace {

constexpr int kLogError = 1;

bool valid_id(const Json& id) {
    return id.is_string() || id.is_number_integer();
}

// Protocol messages nest a few levels; copying or printing a JSON value recurses once per level,
// so a message nested deeper than this is refused before it is parsed.
constexpr int kMaxNesting = 128;

bool nested_too_deep(const std::string& body) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNesting) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace

Server::Server(std::istream& in, std::ostream& out, ServerOptions options)
    : in_(in), out_(out), options_(std::move(options)) {
    workspace_.set_calendar_directory(options_.calendar_directory);
}

int Server::run() {
    MessageReader reader(in_, options_.max_message_bytes);
    while (!exit_) {
        Frame frame = reader.next();
        switch (frame.kind) {
            case Frame::Kind::End:
                return 1;  // the client went away without `exit`
            case Frame::Kind::Oversized:
                send(error_response(nullptr, error_code::kInvalidRequest, frame.problem));
                break;
            case Frame::Kind::BadHeader:
                send(error_response(nullptr, error_code::kParseError, frame.problem));
                break;
            case Frame::Kind::Message:
                handle(frame.body);
                break;
        }
    }
    return shut_down_ ? 0 : 1;
}

void Server::send(const Json& message) {
    write_message(out_, message);
}

void Server::log(int type, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"method", "window/logMessage"}, {"params", {{"type", type}, {"message", message}}}});
}

void Server::handle(const std::string& body) {
    if (nested_too_deep(body)) {
        send(error_response(nullptr, error_code::kInvalidRequest,
                            "the message nests deeper than " + std::to_string(kMaxNesting) + " levels"));
        return;
    }
    Json message;
    try {
        message = Json::parse(body);
    } catch (const Json::exception& e) {
        send(error_response(nullptr, error_code::kParseError, std::string("the message is not JSON: ") + e.what()));
        return;
    }
    handle_message(message);
}

void Server::handle_message(const Json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
        // A response to a request of ours (we send none) is ignored; anything else is refused.
        if (message.is_object() && message.contains("id") && (message.contains("result") || message.contains("error")))
            return;
        const Json id =
            message.is_object() && message.contains("id") && valid_id(message["id"]) ? message["id"] : Json();
        send(error_response(id, error_code::kInvalidRequest, "a JSON-RPC request needs a 'method' string"));
        return;
    }
    const std::string method = message["method"];
    // `params` may be left out, and some clients send null for a request that takes none.
    const Json params = message.contains("params") && !message["params"].is_null() ? message["params"] : Json::object();
    if (!message.contains("id")) {
        try {
            notification(method, params);
        } catch (const std::exception& e) {
            log(kLogError, "recallguard: " + method + ": " + e.what());
        }
        return;
    }
    const Json& id = message["id"];
    if (!valid_id(id)) {
        send(error_response(nullptr, error_code::kInvalidRequest, "a request id must be a string or an integer"));
        return;
    }
    if (!initialized_ && method != "initialize") {
        send(error_response(id, error_code::kServerNotInitialized, "the server is not initialized yet"));
        return;
    }
    if (shut_down_) {
        send(error_response(id, error_code::kInvalidRequest, "the server is shut down; only 'exit' is accepted"));
        return;
    }
    try {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"result", request(method, params)}});
    } catch (const RequestError& e) {
        send(error_response(id, e.code(), e.what()));
    } catch (const Json::exception& e) {
        send(error_response(id, error_code::kInvalidParams, std::string("malformed parameters: ") + e.what()));
    } catch (const std::exception& e) {
        send(error_response(id, error_code::kInternalError, std::string("internal error: ") + e.what()));
    }
}

Json Server::request(const std::string& method, const Json& params) {
    if (!params.is_object() && !params.is_array())
        throw RequestError(error_code::kInvalidParams, "params must be an object");
    if (method == "initialize") {
        if (initialized_) throw RequestError(error_code::kInvalidRequest, "the server is already initialized");
        return initialize(params);
    }
    if (method == "shutdown") {
        shut_down_ = true;
        return nullptr;
    }
    if (method == "textDocument/hover") return hover(params);
    if (method == "textDocument/completion") return completion(params);
    if (method == "textDocument/definition") return definition(params);
    if (method == "textDocument/documentSymbol") return document_symbols(params);
    if (method == "textDocument/formatting") return formatting(params);
    if (method == "textDocument/codeAction") return code_actions(params);
    throw RequestError(error_code::kMethodNotFound, "recallguard lsp does not handle '" + method + "'");
}

void Server::notification(const std::string& method, const Json& params) {
    if (method == "exit") {
        exit_ = true;
        return;
    }
    if (!initialized_ || shut_down_) return;  // the protocol drops notifications then
    if (!params.is_object()) return;
    if (method == "textDocument/didOpen")
        did_open(params);
    else if (method == "textDocument/didChange")
        did_change(params);
    else if (method == "textDocument/didClose")
        did_close(params);
    else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
        // A file on disk changed: every analysis may read it (as an import, a calendar).
        workspace_.changed();
        for (const auto& [uri, document] : workspace_.documents().all()) publish_diagnostics(uri);
    } else if (method == "workspace/didChangeConfiguration") {
        const Json settings = params.value("settings", Json::object());
        if (settings.is_object() && settings.contains("recallguard") && settings["recallguard"].is_object() &&
            settings["recallguard"].contains("calendars")) {
            set_calendars(settings["recallguard"]["calendars"]);
            for (const auto& [uri, document] : workspace_.documents().all()) publish_diagnostics(uri);
        }
    }
    // Anything else ($/cancelRequest, $/setTrace, initialized, unknown methods) needs no answer.
}

Json Server::initialize(const Json& params) {
    initialized_ = true;
    const Json capabilities = params.value("capabilities", Json::object());
    if (capabilities.is_object()) {
        // LSP 3.17: the client lists the encodings it can count in; UTF-16 when it lists none.
        const Json general = capabilities.value("general", Json::object());
        if (general.is_object() && general.contains("positionEncodings") && general["positionEncodings"].is_array()) {
            for (const auto& offered : general["positionEncodings"])
                if (offered == "utf-8") encoding_ = PositionEncoding::Utf8;
        }
        const Json text_document = capabilities.value("textDocument", Json::object());
        if (text_document.is_object() && text_document.contains("documentSymbol") &&
            text_document["documentSymbol"].is_object())
            hierarchical_symbols_ = text_document["documentSymbol"].value("hierarchicalDocumentSymbolSupport", false);
    }
    if (params.contains("rootUri") && params["rootUri"].is_string())
        if (const auto root = path_of_uri(params["rootUri"])) workspace_.set_root(*root);
    const Json init = params.value("initializationOptions", Json::object());
    set_calendars(init.is_object() ? init.value("calendars", Json()) : Json());
    return {
        {"capabilities",
         {{"positionEncoding", encoding_name(encoding_)},
          {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
          {"hoverProvider", true},
          {"completionProvider", {{"triggerCharacters", {".", "\""}}}},
          {"definitionProvider", true},
          {"documentSymbolProvider", true},
          {"documentFormattingProvider", true},
          {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
        {"serverInfo", {{"name", "recallguard"}, {"version", RECALLGUARD_VERSION}}},
    };
}

void Server::set_calendars(const Json& setting) {
    // The editor's setting when it names a folder; else the command line's; else the bundled ones.
    const bool given = setting.is_string() && !setting.get_ref<const std::string&>().empty();
    workspace_.set_calendar_directory(given ? setting.get<std::string>() : options_.calendar_directory);
}

const Document& Server::document_of(const Json& params) const {
    if (!params.is_object() || !params.contains("textDocument") || !params["textDocument"].is_object() ||
        !params["textDocument"].contains("uri") || !params["textDocument"]["uri"].is_string())
        throw RequestError(error_code::kInvalidParams, "params need textDocument.uri");
    const std::string uri = params["textDocument"]["uri"];
    const Document* document = workspace_.documents().find(uri);
    if (!document) throw RequestError(error_code::kInvalidParams, "the document " + uri + " is not open");
    return *document;
}

size_t Server::offset_of(const Document& document, const Json& position) const {
    if (!position.is_object() || !position.contains("line") || !position.contains("character") ||
        !position["line"].is_number_integer() || !position["character"].is_number_integer())
        throw RequestError(error_code::kInvalidParams, "a position needs integer 'line' and 'character'");
    const auto line = position["line"].get<long long>(), character = position["character"].get<long long>();
    if (line < 0 || character < 0) throw RequestError(error_code::kInvalidParams, "a position cannot be negative");
    const int clamp = 1'000'000'000;
    return LineIndex(document.text, encoding_)
        .offset_of({static_cast<int>(std::min<long long>(line, clamp)),
                    static_cast<int>(std::min<long long>(character, clamp))});
}

void Server::did_open(const Json& params) {
    const Json& item = params.at("textDocument");
    const std::string uri = item.at("uri");
    const std::string text = item.at("text");
    const std::string language = item.value("languageId", "");
    const int version = item.value("version", 0);
    workspace_.documents().open(uri, language, version, text);
    workspace_.changed();
    publish_with_dependents(uri);
}

void Server::did_change(const Json& params) {
    const Json& item = params.at("textDocument");
    const std::string uri = item.at("uri");
    const int version = item.value("version", 0);
    if (const auto problem =
            workspace_.documents().change(uri, version, params.value("contentChanges", Json()), encoding_)) {
        log(kLogError, "recallguard: didChange ignored: " + *problem);
        return;
    }
    workspace_.changed();
    publish_with_dependents(uri);
}

void Server::did_close(const Json& params) {
    const std::string uri = params.at("textDocument").at("uri");
    const auto dependents = workspace_.dependents(uri);
    workspace_.documents().close(uri);
    workspace_.forget(uri);
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/publishDiagnostics"},
          {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
    // Files that import it now read it from disk.
    for (const auto& other : dependents) publish_diagnostics(other);
}

void Server::publish_with_dependents(const std::string& uri) {
    publish_diagnostics(uri);
    for (const auto& other : workspace_.dependents(uri)) publish_diagnostics(other);
}

Json Server::range_json(const std::string& text, int line, int column, int length) const {
    const Range range = LineIndex(text, encoding_).range_of(line, column, length);
    return {{"start", {{"line", range.start.line}, {"character", range.start.character}}},
            {"end", {{"line", range.end.line}, {"character", range.end.character}}}};
}

Json Server::location_json(const std::string& path, int line, int column, int length) {
    const Document* open = nullptr;
    for (const auto& [uri, document] : workspace_.documents().all())
        if (document.path == path) open = &document;
    const std::string uri = open ? open->uri : uri_of_path(path);
    return {{"uri", uri}, {"range", range_json(open ? open->text : text_of(path), line, column, length)}};
}

std::string Server::text_of(const std::string& path) {
    for (const auto& [uri, document] : workspace_.documents().all())
        if (document.path == path) return document.text;
    FileText file = read_file(path, 4u << 20);
    return file.ok() ? std::move(file.text) : std::string();
}

}  // namespace recallguard::lsp
