#include "common/utf8.h"

#include <cstdio>

namespace recallguard {

bool valid_utf8(const std::string& text, size_t& bad_offset) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 99;
        if (extra == 99 || i + extra >= text.size() + (extra == 0 ? 1 : 0)) {
            bad_offset = i;
            return false;
        }
        for (size_t k = 1; k <= extra; ++k) {
            if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
                bad_offset = i;
                return false;
            }
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
        const auto next = extra ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c == 0xC0 || c == 0xC1 || c > 0xF4 || (c == 0xE0 && next < 0xA0) || (c == 0xED && next >= 0xA0) ||
            (c == 0xF0 && next < 0x90) || (c == 0xF4 && next >= 0x90)) {
            bad_offset = i;
            return false;
        }
        i += extra + 1;
    }
    return true;
}

SourceLocation location_of_offset(const std::string& path, const std::string& text, size_t offset) {
    int line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {path, line, column};
}

int code_point_count(const std::string& text, size_t begin, size_t end) {
    int count = 0;
    for (size_t i = begin; i < end && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    return count;
}

std::string invalid_utf8_message(const std::string& text, size_t offset) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[offset])));
    return std::string("the file is not valid UTF-8: byte ") + byte +
           " here does not start a UTF-8 character; save the file as UTF-8";
}

}  // namespace recallguard
