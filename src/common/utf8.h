// UTF-8: the one validator (RFC 3629, one strictness for every input), decoding, and the line and
// column of a byte offset, so bad bytes are reported with their position.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/source_location.h"

namespace recallguard {

// The length in bytes of the well-formed UTF-8 sequence that starts at byte `offset` of `text`,
// or 0 when none does there (a stray continuation byte, a truncated sequence, an overlong form,
// a UTF-16 surrogate, a code point past U+10FFFF).
size_t utf8_sequence_length(std::string_view text, size_t offset);

// Decodes the code point at `offset`, advancing it past the sequence; a malformed sequence gives
// U+FFFD and advances one byte, so decoding always makes progress.
char32_t next_code_point(std::string_view text, size_t& offset);

// Appends `code_point` encoded as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

// The offset of the first byte of `text` that is not part of well-formed UTF-8, or npos.
size_t first_invalid_utf8(std::string_view text);

// True when `text` is valid UTF-8; otherwise `bad_offset` is the first byte that is not.
bool valid_utf8(std::string_view text, size_t& bad_offset);

// The line and column (1-based, the column in code points) of byte `offset` of `text`; an offset
// past the end means the end.
SourceLocation location_of_offset(const std::string& path, std::string_view text, size_t offset);

// Code points in (valid UTF-8) `text`: what a column counts.
int code_point_count(std::string_view text, size_t begin = 0, size_t end = std::string::npos);

// `text` safe to show on a terminal: malformed UTF-8 and control characters (a tab, a line feed
// and the CR of a CRLF aside) become U+FFFD, so no binary byte or escape sequence from a file
// reaches the screen.
std::string printable_text(std::string_view text);

// "the file is not valid UTF-8: byte 0xE9 here ..." for the byte at `offset`.
std::string invalid_utf8_message(std::string_view text, size_t offset);

}  // namespace recallguard
