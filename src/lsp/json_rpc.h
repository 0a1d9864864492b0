// JSON-RPC 2.0 messages over a byte stream with the Language Server Protocol's framing
// (`Content-Length: N` header lines, a blank line, then N bytes of JSON).
#pragma once

#include <cstddef>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace recallguard::lsp {

using Json = nlohmann::json;

// A message larger than this is read past and answered with an error, never held in memory.
inline constexpr size_t kMaxMessageBytes = 64u << 20;

// What one read from the stream gave.
struct Frame {
    enum class Kind {
        Message,    // `body` holds the message's bytes (not yet parsed)
        Oversized,  // a message past the size limit was skipped; `problem` says so
        BadHeader,  // the header block was malformed (no Content-Length, ...); `problem` says how
        End,        // the stream ended
    };
    Kind kind = Kind::End;
    std::string body;
    std::string problem;
};

// Reads frames one at a time. Never throws on malformed input and never allocates more than the
// limit: a broken header block is reported and the next one is read.
class MessageReader {
public:
    explicit MessageReader(std::istream& in, size_t max_bytes = kMaxMessageBytes) : in_(in), max_bytes_(max_bytes) {}
    Frame next();

private:
    std::istream& in_;
    size_t max_bytes_;
};

// Writes one message with its header and flushes. Text that is not UTF-8 is replaced (U+FFFD)
// rather than making the message unwritable.
void write_message(std::ostream& out, const Json& message);

// JSON-RPC and LSP error codes.
namespace error_code {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestFailed = -32803;
}  // namespace error_code

Json error_response(const Json& id, int code, const std::string& message);

}  // namespace recallguard::lsp
