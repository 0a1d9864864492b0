#include "lsp/positions.h"

#include <algorithm>

#include "common/utf8.h"

namespace recallguard::lsp {
namespace {

// The length in bytes of the UTF-8 character at `at`; 1 for a byte that does not start a
// well-formed one (each such byte then counts as one character, as an editor shows U+FFFD).
size_t sequence_length(const std::string& text, size_t at) {
    return std::max<size_t>(1, utf8_sequence_length(text, at));
}

int units_of(size_t bytes, PositionEncoding encoding) {
    switch (encoding) {
        case PositionEncoding::Utf8:
            return static_cast<int>(bytes);
        case PositionEncoding::Utf16:
            return bytes == 4 ? 2 : 1;  // a code point past U+FFFF is a surrogate pair
        case PositionEncoding::Utf32:
            return 1;
    }
    return 1;
}

}  // namespace

const char* encoding_name(PositionEncoding encoding) {
    switch (encoding) {
        case PositionEncoding::Utf8:
            return "utf-8";
        case PositionEncoding::Utf16:
            return "utf-16";
        case PositionEncoding::Utf32:
            return "utf-32";
    }
    return "utf-16";
}

std::optional<PositionEncoding> parse_encoding(const std::string& name) {
    if (name == "utf-8") return PositionEncoding::Utf8;
    if (name == "utf-16") return PositionEncoding::Utf16;
    if (name == "utf-32") return PositionEncoding::Utf32;
    return std::nullopt;
}

LineIndex::LineIndex(const std::string& text, PositionEncoding encoding) : text_(text), encoding_(encoding) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
    }
}

size_t LineIndex::line_end(size_t line) const {
    if (line + 1 >= starts_.size()) return text_.size();
    size_t end = starts_[line + 1] - 1;  // the '\n' or lone '\r'
    if (end > starts_[line] && text_[end] == '\n' && text_[end - 1] == '\r') --end;
    return end;
}

int LineIndex::units(size_t from, size_t to) const {
    int count = 0;
    for (size_t i = from; i < to;) {
        const size_t length = sequence_length(text_, i);
        count += units_of(length, encoding_);
        i += length;
    }
    return count;
}

size_t LineIndex::offset_of(Position position) const {
    if (position.line < 0) return 0;
    if (static_cast<size_t>(position.line) >= starts_.size()) return text_.size();
    const size_t line = static_cast<size_t>(position.line);
    const size_t end = line_end(line);
    size_t offset = starts_[line];
    int remaining = std::max(0, position.character);
    while (offset < end) {
        const size_t length = sequence_length(text_, offset);
        const int width = units_of(length, encoding_);
        if (remaining < width) break;
        remaining -= width;
        offset += length;
    }
    return offset;
}

Position LineIndex::position_of(size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const size_t line = static_cast<size_t>(after - starts_.begin()) - 1;
    return {static_cast<int>(line), units(starts_[line], std::min(offset, line_end(line)))};
}

size_t LineIndex::offset_of_location(int line, int column) const {
    // recallguard counts lines by "\n" only, so find that line by scanning.
    size_t start = 0;
    for (int current = 1; current < line; ++current) {
        const size_t newline = text_.find('\n', start);
        if (newline == std::string::npos) return text_.size();
        start = newline + 1;
    }
    size_t end = text_.find('\n', start);
    if (end == std::string::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    size_t offset = start;
    for (int c = 1; c < column && offset < end; ++c) offset += sequence_length(text_, offset);
    return std::min(offset, end);
}

std::pair<int, int> LineIndex::location_of_offset(size_t offset) const {
    offset = std::min(offset, text_.size());
    int line = 1;
    size_t start = 0;
    for (size_t newline; (newline = text_.find('\n', start)) != std::string::npos && newline < offset;) {
        ++line;
        start = newline + 1;
    }
    int column = 1;
    for (size_t i = start; i < offset; i += sequence_length(text_, i)) ++column;
    return {line, column};
}

Range LineIndex::range_of(int line, int column, int length) const {
    if (line <= 0) return {};
    const size_t start = offset_of_location(line, std::max(1, column));
    size_t end = start;
    for (int c = 0; c < std::max(1, length) && end < text_.size() && text_[end] != '\n' && text_[end] != '\r'; ++c)
        end += sequence_length(text_, end);
    return {position_of(start), position_of(end)};
}

}  // namespace recallguard::lsp
