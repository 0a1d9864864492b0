// LSP message framing: Content-Length headers, messages back to back, and every malformed or
// oversized header block reported without losing the messages after it.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/json_rpc.h"

namespace recallguard::lsp {
namespace {

std::vector<std::string> frames(const std::string& stream, size_t limit = kMaxMessageBytes) {
    std::istringstream in(stream);
    MessageReader reader(in, limit);
    std::vector<std::string> out;
    for (Frame frame = reader.next(); frame.kind != Frame::Kind::End; frame = reader.next()) {
        if (frame.kind == Frame::Kind::Message)
            out.push_back("message " + frame.body);
        else
            out.push_back(std::string(frame.kind == Frame::Kind::Oversized ? "oversized " : "bad ") + frame.problem);
    }
    return out;
}

TEST(LspFraming, MessagesBackToBackWithOtherHeadersAndAnyCase) {
    EXPECT_EQ(frames("Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]"),
              (std::vector<std::string>{"message {}", "message [1]"}));
}

TEST(LspFraming, BadHeadersAreReportedAndReadingGoesOn) {
    EXPECT_EQ(frames("Content-Type: x\r\n\r\nContent-Length: 2\r\n\r\n{}"),
              (std::vector<std::string>{"bad the header has no Content-Length", "message {}"}));
    EXPECT_EQ(frames("Content-Length: -1\r\n\r\nContent-Length: 1x\r\n\r\nContent-Length: 2\r\n\r\n{}"),
              (std::vector<std::string>{"bad Content-Length '-1' is not a byte count",
                                        "bad Content-Length '1x' is not a byte count", "message {}"}));
    EXPECT_EQ(frames("garbage\r\nContent-Length: 2\r\n\r\n{}Content-Length: 1\r\n\r\n1"),
              (std::vector<std::string>{"bad a header line has no ':'", "message 1"}));
    EXPECT_EQ(frames(std::string(100000, 'h') + "\r\n\r\n")[0], "bad a header line is longer than 8192 bytes");
}

TEST(LspFraming, AnOversizedMessageIsSkippedWholeAndTheNextIsRead) {
    EXPECT_EQ(frames("Content-Length: 10\r\n\r\n0123456789Content-Length: 2\r\n\r\n{}", 5),
              (std::vector<std::string>{"oversized a message of 10 bytes is larger than the limit of 5 bytes",
                                        "message {}"}));
}

TEST(LspFraming, TheEndOfTheStreamInsideAMessageEndsTheStream) {
    EXPECT_EQ(frames("Content-Length: 10\r\n\r\n01234"), std::vector<std::string>{});
    EXPECT_EQ(frames("Content-Length: 99999999999999999999\r\n\r\n"),
              (std::vector<std::string>{"bad Content-Length '99999999999999999999' is not a byte count"}));
}

TEST(LspFraming, WrittenMessagesCarryTheirLengthAndReplaceBytesThatAreNotUtf8) {
    std::ostringstream out;
    write_message(out, Json{{"text", std::string("a\xff")}});
    EXPECT_EQ(out.str(), "Content-Length: 15\r\n\r\n{\"text\":\"a\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace recallguard::lsp
