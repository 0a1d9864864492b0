#include "lsp/json_rpc.h"

#include <charconv>

#include "common/text.h"

namespace recallguard::lsp {
namespace {

// Header lines are short; a longer one is not a header and is read past in pieces.
constexpr size_t kMaxHeaderLine = 8192;

// Reads one header line without its line ending; false at the end of the stream. A line longer
// than the limit is consumed and reported through `too_long`.
bool read_header_line(std::istream& in, std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            return true;
        }
        if (line.size() < kMaxHeaderLine)
            line += static_cast<char>(c);
        else
            too_long = true;
    }
    return !line.empty();
}

bool skip_bytes(std::istream& in, size_t count) {
    char buffer[65536];
    while (count > 0) {
        const auto chunk = static_cast<std::streamsize>(std::min(count, sizeof buffer));
        in.read(buffer, chunk);
        if (in.gcount() != chunk) return false;
        count -= static_cast<size_t>(chunk);
    }
    return true;
}

}  // namespace

Frame MessageReader::next() {
    Frame frame;
    std::string line;
    bool too_long = false, any_header = false, has_length = false;
    size_t length = 0;
    std::string problem;
    while (true) {
        if (!read_header_line(in_, line, too_long)) return frame;  // End
        if (line.empty()) {
            if (!any_header) continue;  // blank lines between messages
            break;
        }
        any_header = true;
        if (too_long) {
            problem = "a header line is longer than " + std::to_string(kMaxHeaderLine) + " bytes";
            continue;
        }
        const size_t colon = line.find(':');
        if (colon == std::string::npos) {
            problem = "a header line has no ':'";
            continue;
        }
        if (to_lower(line.substr(0, colon)) != "content-length") continue;  // Content-Type and others
        std::string value = line.substr(colon + 1);
        const size_t first = value.find_first_not_of(" \t");
        const size_t last = value.find_last_not_of(" \t");
        value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (error != std::errc() || end != value.data() + value.size() || value.empty()) {
            problem = "Content-Length '" + value.substr(0, 40) + "' is not a byte count";
            continue;
        }
        has_length = true;
    }
    if (!problem.empty() || !has_length) {
        frame.kind = Frame::Kind::BadHeader;
        frame.problem = problem.empty() ? "the header has no Content-Length" : problem;
        // With a valid length the body can still be skipped, so the next message is read whole.
        if (has_length && !skip_bytes(in_, length)) frame.kind = Frame::Kind::End;
        return frame;
    }
    if (length > max_bytes_) {
        frame.kind = skip_bytes(in_, length) ? Frame::Kind::Oversized : Frame::Kind::End;
        frame.problem = "a message of " + std::to_string(length) + " bytes is larger than the limit of " +
                        std::to_string(max_bytes_) + " bytes";
        return frame;
    }
    frame.body.resize(length);
    in_.read(frame.body.data(), static_cast<std::streamsize>(length));
    if (static_cast<size_t>(in_.gcount()) != length) return Frame{};  // End in the middle of a message
    frame.kind = Frame::Kind::Message;
    return frame;
}

void write_message(std::ostream& out, const Json& message) {
    const std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

Json error_response(const Json& id, int code, const std::string& message) {
    return Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace recallguard::lsp
