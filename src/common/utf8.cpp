#include "common/utf8.h"

#include <cstdio>

namespace recallguard {

size_t utf8_sequence_length(std::string_view text, size_t offset) {
    if (offset >= text.size()) return 0;
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(offset);
    if (lead < 0x80) return 1;
    // The ranges of RFC 3629's table: the second byte's range excludes overlong forms, surrogates
    // and code points past U+10FFFF.
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (offset + length > text.size()) return 0;
    if (byte(offset + 1) < low || byte(offset + 1) > high) return 0;
    for (size_t k = 2; k < length; ++k)
        if (byte(offset + k) < 0x80 || byte(offset + k) > 0xBF) return 0;
    return length;
}

char32_t next_code_point(std::string_view text, size_t& offset) {
    const size_t length = utf8_sequence_length(text, offset);
    if (length == 0) {
        ++offset;
        return 0xFFFD;
    }
    const auto lead = static_cast<unsigned char>(text[offset]);
    char32_t code_point = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    for (size_t k = 1; k < length; ++k) code_point = (code_point << 6) | (text[offset + k] & 0x3F);
    offset += length;
    return code_point;
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

size_t first_invalid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8_sequence_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

bool valid_utf8(std::string_view text, size_t& bad_offset) {
    bad_offset = first_invalid_utf8(text);
    return bad_offset == std::string_view::npos;
}

SourceLocation location_of_offset(const std::string& path, std::string_view text, size_t offset) {
    SourceLocation location{path, 1, 1};
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++location.line;
            location.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // continuation bytes count with their lead
            ++location.column;
        }
    }
    return location;
}

int code_point_count(std::string_view text, size_t begin, size_t end) {
    int count = 0;
    for (size_t i = begin; i < end && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    return count;
}

std::string invalid_utf8_message(std::string_view text, size_t offset) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[offset])));
    return std::string("the file is not valid UTF-8: byte ") + byte +
           " here does not start a UTF-8 character; save the file as UTF-8";
}

std::string printable_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const size_t length = utf8_sequence_length(text, pos);
        const auto c = static_cast<unsigned char>(text[pos]);
        const bool control =
            length == 1 &&
            ((c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) ||
             c == 0x7F);
        if (length == 0 || control) {
            out += "\xEF\xBF\xBD";
            ++pos;
            continue;
        }
        out.append(text.substr(pos, length));
        pos += length;
    }
    return out;
}

}  // namespace recallguard
