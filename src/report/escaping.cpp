#include "report/escaping.h"

#include <fmt/format.h>

#include "common/utf8.h"

namespace recallguard::report {

namespace {

bool allowed_in_xml(char32_t cp) {
    if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

std::string escape_markup(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (size_t pos = 0; pos < text.size();) {
        const char32_t cp = next_code_point(text, pos);
        if (!allowed_in_xml(cp)) continue;
        switch (cp) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += "&#13;";
                break;  // a raw CR is normalised away even in element content
            default:
                append_utf8(out, cp);
        }
    }
    return out;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) append_utf8(out, next_code_point(text, pos));
    return out;
}

std::string markup_escape(std::string_view text) {
    return escape_markup(text, false);
}

std::string xml_attribute_escape(std::string_view text) {
    return escape_markup(text, true);
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const char32_t cp = next_code_point(text, pos);
        if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            out += fmt::format("\\u{{{:02x}}}", static_cast<unsigned>(cp));
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

}  // namespace recallguard::report
