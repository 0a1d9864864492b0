// Positions in a text as LSP counts them (line, and character in the negotiated encoding: UTF-16
// code units by default, UTF-8 bytes or code points when agreed) and as recallguard's diagnostics
// do (1-based line and code-point column), and the conversions between them and byte offsets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace recallguard::lsp {

enum class PositionEncoding { Utf8, Utf16, Utf32 };

const char* encoding_name(PositionEncoding encoding);  // "utf-8", "utf-16", "utf-32"
std::optional<PositionEncoding> parse_encoding(const std::string& name);

struct Position {
    int line = 0;       // 0-based
    int character = 0;  // 0-based, in the encoding's units
    auto operator<=>(const Position&) const = default;
};

struct Range {
    Position start, end;
};

// The lines of one text. LSP ends a line at "\n", "\r\n" or a lone "\r".
class LineIndex {
public:
    LineIndex(const std::string& text, PositionEncoding encoding);

    // The byte offset of an LSP position. A character past the end of its line means the line's
    // end, a line past the last means the end of the text (as the protocol asks); a position
    // inside a character (half a surrogate pair, a byte inside a UTF-8 sequence) means its start.
    size_t offset_of(Position position) const;
    Position position_of(size_t offset) const;

    // A recallguard location (1-based line counted by "\n", 1-based code-point column; 0 =
    // unknown) and a length in code points, as an LSP range clamped to the location's line.
    Range range_of(int line, int column, int length) const;
    // The byte offset of a recallguard location (clamped to its line).
    size_t offset_of_location(int line, int column) const;
    // The recallguard location (line, column) of a byte offset.
    std::pair<int, int> location_of_offset(size_t offset) const;

    const std::string& text() const { return text_; }

private:
    size_t line_end(size_t line) const;  // offset of the line's terminator (or the text's end)
    int units(size_t from, size_t to) const;

    const std::string& text_;
    PositionEncoding encoding_;
    std::vector<size_t> starts_;  // byte offset where each LSP line starts
};

}  // namespace recallguard::lsp
