#include "filing/json_document.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "common/files.h"
#include "common/text.h"
#include "common/utf8.h"

namespace recallguard::filing {
namespace {

// Deeper nesting than this is no filing; refusing it keeps every recursive pass bounded.
constexpr int kMaxDepth = 64;

// Offset where nesting first exceeds kMaxDepth (outside strings), or npos.
size_t too_deep_at(const std::string& text) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::string::npos;
}

// Walks text nlohmann has already accepted, recording where each value and key starts.
class PositionScanner {
public:
    PositionScanner(const std::string& text, JsonDocument& document) : text_(text), document_(document) {}

    std::optional<JsonError> run() {
        size_t pos = 0;
        value(pos, "");
        return duplicate_;
    }

private:
    void skip_space(size_t& pos) {
        while (pos < text_.size() &&
               (text_[pos] == ' ' || text_[pos] == '\t' || text_[pos] == '\n' || text_[pos] == '\r'))
            ++pos;
    }
    SourceLocation at(size_t offset) { return location_of_offset(document_.path, text_, offset); }

    // The decoded string starting at the quote at `pos`; leaves `pos` after the closing quote.
    std::string string(size_t& pos) {
        const size_t start = pos++;
        while (pos < text_.size() && text_[pos] != '"') pos += text_[pos] == '\\' ? 2 : 1;
        ++pos;
        return nlohmann::json::parse(text_.substr(start, pos - start)).get<std::string>();
    }

    void value(size_t& pos, const std::string& pointer) {
        skip_space(pos);
        document_.value_locations[pointer] = at(pos);
        if (pos >= text_.size()) return;
        const char c = text_[pos];
        if (c == '{') {
            ++pos;
            std::set<std::string> keys;
            for (;;) {
                skip_space(pos);
                if (text_[pos] == '}') {
                    ++pos;
                    return;
                }
                if (text_[pos] == ',') {
                    ++pos;
                    continue;
                }
                const size_t key_start = pos;
                const std::string key = string(pos);
                const std::string member = pointer + "/" + pointer_token(key);
                if (!keys.insert(key).second && !duplicate_)
                    duplicate_ = JsonError{DiagnosticCode::FilingDuplicateKey, at(key_start),
                                           "the key '" + key + "' appears twice in one object (JSON pointer " +
                                               (pointer.empty() ? "/" : pointer) +
                                               "); a reader would silently keep one of them"};
                document_.key_locations[member] = at(key_start);
                skip_space(pos);
                ++pos;  // ':'
                value(pos, member);
            }
        }
        if (c == '[') {
            ++pos;
            for (size_t index = 0;;) {
                skip_space(pos);
                if (text_[pos] == ']') {
                    ++pos;
                    return;
                }
                if (text_[pos] == ',') {
                    ++pos;
                    continue;
                }
                value(pos, pointer + "/" + std::to_string(index++));
            }
        }
        if (c == '"') {
            string(pos);
            return;
        }
        while (pos < text_.size() && text_[pos] != ',' && text_[pos] != ']' && text_[pos] != '}' && text_[pos] != ' ' &&
               text_[pos] != '\n' && text_[pos] != '\r' && text_[pos] != '\t')
            ++pos;
    }

    const std::string& text_;
    JsonDocument& document_;
    std::optional<JsonError> duplicate_;
};

}  // namespace

SourceLocation JsonDocument::locate(const std::string& pointer) const {
    std::string p = pointer;
    for (;;) {
        const auto it = value_locations.find(p);
        if (it != value_locations.end()) return it->second;
        if (p.empty()) return SourceLocation{path, 1, 1};
        p = p.substr(0, p.rfind('/'));
    }
}

SourceLocation JsonDocument::locate_key(const std::string& pointer) const {
    const auto it = key_locations.find(pointer);
    return it != key_locations.end() ? it->second : locate(pointer);
}

std::optional<JsonError> parse_json_document(const std::string& path, std::string text, JsonDocument& document) {
    document.path = path;
    // A byte-order mark is allowed; blanking it keeps every byte offset valid.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.replace(0, 3, "   ");
    document.text = std::move(text);
    const std::string& t = document.text;
    if (const size_t bad = first_invalid_utf8(t); bad != std::string::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(t[bad]));
        return JsonError{
            DiagnosticCode::FilingUtf8, location_of_offset(path, t, bad),
            std::string("the file is not valid UTF-8: byte ") + hex + " cannot start or continue a character here"};
    }
    if (const size_t deep = too_deep_at(t); deep != std::string::npos)
        return JsonError{
            DiagnosticCode::FilingJson, location_of_offset(path, t, deep),
            "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels; a filing is never that deep"};
    try {
        document.value = nlohmann::json::parse(t);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte counts the bytes read, the offending one included.
        const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string message = json_error_explanation(e.what());
        if (offset >= t.size() || message.find("end of input") != std::string::npos)
            message = "the JSON is truncated or empty: " + message;
        return JsonError{DiagnosticCode::FilingJson, location_of_offset(path, t, offset), "not valid JSON: " + message};
    } catch (const nlohmann::json::out_of_range& e) {
        // A number too large for a double (1E999999): the library names the number but not where
        // it is, so it is located by its text.
        const std::string what = e.what();
        const size_t open = what.find('\''), close = what.rfind('\'');
        size_t offset = 0;
        if (open != std::string::npos && close > open) {
            const size_t found = t.find(what.substr(open + 1, close - open - 1));
            if (found != std::string::npos) offset = found;
        }
        return JsonError{DiagnosticCode::FilingJson, location_of_offset(path, t, offset),
                         "not valid JSON: a number too large to represent (" + json_error_explanation(what) + ")"};
    }
    return PositionScanner(t, document).run();
}

std::optional<JsonError> read_json_document(const std::string& path, JsonDocument& document, std::uintmax_t max_bytes) {
    const SourceLocation whole{path, 0, 0};
    FileText file = read_file(path, max_bytes);
    if (file.failure == ReadFailure::TooLarge)
        return JsonError{DiagnosticCode::FilingSize, whole,
                         "the file is " + std::to_string(file.size) + " bytes; filings are limited to " +
                             std::to_string(max_bytes) + " bytes (1 MiB), so it was not read"};
    if (!file.ok()) return JsonError{DiagnosticCode::FilingIo, whole, file.reason};
    return parse_json_document(path, std::move(file.text), document);
}

}  // namespace recallguard::filing
