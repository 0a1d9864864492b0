// Small text helpers shared by the stages (one definition each, so that no stage grows its own).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace recallguard {

inline std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out;
}

// ASCII lower case: identifiers and SQL names, never user prose.
inline std::string to_lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// One reference token of a JSON pointer, RFC 6901: "a/b" -> "a~1b", "~" -> "~0".
inline std::string pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

inline std::string spaces(int count) {
    return std::string(static_cast<size_t>(std::max(0, count)), ' ');
}

// What a JSON library parse error says, without its internal prefix ("[json.exception.parse_
// error.101] parse error at line 1, column 5: ") and its "; last read: '...'" echo of the input:
// the caller gives the location itself (file:line:col, in characters).
inline std::string json_error_explanation(const std::string& what) {
    std::string message = what;
    const size_t column = what.rfind("column ");
    const size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
    if (colon != std::string::npos) {
        message = what.substr(colon + 2);
    } else {
        const size_t bracket = what.find("] ");
        if (bracket != std::string::npos) message = what.substr(bracket + 2);
    }
    const size_t echo = message.find("; last read: '");
    if (echo == std::string::npos) return message;
    const size_t end = message.rfind('\'');
    return message.substr(0, echo) + (end > echo + 13 ? message.substr(end + 1) : "");
}

}  // namespace recallguard
