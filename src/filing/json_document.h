// Filing JSON read with positions: the parsed value plus the line and column of every value
// and key, so a problem found by JSON pointer can be shown at file:line:col.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/diagnostic_codes.h"
#include "common/source_location.h"
#include "common/text.h"  // pointer_token, used with every location

namespace recallguard::filing {

// Filings larger than this are refused before they are read (a filing is a few KiB; a huge
// file is a mistake or an attack, and reading it whole would cost memory for nothing).
inline constexpr std::uintmax_t kMaxFilingBytes = 1024 * 1024;

struct JsonError {
    DiagnosticCode code;  // F-SIZE, F-IO, F-UTF8, F-JSON, F-DUPLICATE-KEY
    SourceLocation location;
    std::string message;
};

struct JsonDocument {
    std::string path;
    std::string text;
    nlohmann::json value;
    // JSON pointer ("" = the root, "/content/scope") -> where the value starts.
    std::map<std::string, SourceLocation> value_locations;
    // JSON pointer of a member -> where its key starts (for "unexpected property" problems).
    std::map<std::string, SourceLocation> key_locations;

    // Where the value at `pointer` starts; falls back to its nearest ancestor that exists
    // (a missing member is reported at the object that lacks it).
    SourceLocation locate(const std::string& pointer) const;
    // Where the key of the member at `pointer` starts (falls back to locate()).
    SourceLocation locate_key(const std::string& pointer) const;
};

// Parses `text` (already read from `path`). Returns the error when it is not UTF-8, not
// JSON, truncated, or repeats a key within one object.
std::optional<JsonError> parse_json_document(const std::string& path, std::string text, JsonDocument& document);

// Reads and parses the file at `path`, refusing files above `max_bytes` before reading them.
std::optional<JsonError> read_json_document(const std::string& path, JsonDocument& document,
                                            std::uintmax_t max_bytes = kMaxFilingBytes);

}  // namespace recallguard::filing
