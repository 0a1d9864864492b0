// `recallguard lsp`: a Language Server Protocol server over a pair of streams (stdin/stdout).
// It reads, analyses and explains rule files with the same parser, checker, diagnostics and
// formatter as `lint` and `fmt`, and never writes a file.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "lsp/json_rpc.h"
#include "lsp/locate.h"
#include "lsp/positions.h"
#include "lsp/workspace.h"

namespace recallguard::lsp {

struct ServerOptions {
    std::string calendar_directory;  // "" = the bundled calendars; initializationOptions may override
    size_t max_message_bytes = kMaxMessageBytes;
};

class Server {
public:
    Server(std::istream& in, std::ostream& out, ServerOptions options);

    // Serves until `exit` or the end of the input. Returns the process exit code: 0 after
    // `shutdown` then `exit`, 1 otherwise (as the protocol asks).
    int run();

private:
    void handle(const std::string& body);
    void handle_message(const Json& message);
    Json request(const std::string& method, const Json& params);
    void notification(const std::string& method, const Json& params);

    Json initialize(const Json& params);
    void did_open(const Json& params);
    void did_change(const Json& params);
    void did_close(const Json& params);
    // The document, its analysis and the symbol at `params.position` (hover, definition).
    struct AtPosition {
        const Document& document;
        const Analysis& analysis;
        std::optional<Symbol> symbol;
    };
    AtPosition at_position(const Json& params);
    Json hover(const Json& params);
    Json completion(const Json& params);
    Json definition(const Json& params);
    Json document_symbols(const Json& params);
    Json formatting(const Json& params);
    Json code_actions(const Json& params);

    void set_calendars(const Json& setting);  // initializationOptions / settings `calendars`
    void publish_diagnostics(const std::string& uri);
    void publish_with_dependents(const std::string& uri);
    void send(const Json& message);
    void log(int type, const std::string& message);         // window/logMessage
    const Document& document_of(const Json& params) const;  // throws on a malformed or unknown document
    size_t offset_of(const Document& document, const Json& position) const;
    Json range_json(const std::string& text, int line, int column, int length) const;
    Json location_json(const std::string& path, int line, int column, int length);
    std::string text_of(const std::string& path);  // for converting positions in another file

    std::istream& in_;
    std::ostream& out_;
    ServerOptions options_;
    Workspace workspace_;
    PositionEncoding encoding_ = PositionEncoding::Utf16;
    bool initialized_ = false, shut_down_ = false, exit_ = false;
    bool hierarchical_symbols_ = false;
};

}  // namespace recallguard::lsp
