// UTF-8 validation of input text, so bad bytes are reported with their position.
#pragma once

#include <cstddef>
#include <string>

#include "common/source_location.h"

namespace recallguard {

// True when `text` is valid UTF-8; otherwise `bad_offset` is the first byte that is not.
bool valid_utf8(const std::string& text, size_t& bad_offset);

// The line and column (in code points) of byte `offset` of `text`.
SourceLocation location_of_offset(const std::string& path, const std::string& text, size_t offset);

// Code points in (valid UTF-8) `text`: what a column counts.
int code_point_count(const std::string& text, size_t begin = 0, size_t end = std::string::npos);

// "the file is not valid UTF-8: byte 0xE9 here ..." for the byte at `offset`.
std::string invalid_utf8_message(const std::string& text, size_t offset);

}  // namespace recallguard
