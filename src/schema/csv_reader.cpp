#include "schema/csv_reader.h"

#include "common/utf8.h"

namespace recallguard::schema {

namespace {

class CsvParser {
public:
    explicit CsvParser(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
    }

    CsvDocument parse() {
        while (!at_end()) {
            if (at_newline()) {  // a blank line between records
                consume_newline();
                continue;
            }
            parse_record();
        }
        return std::move(document_);
    }

private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    bool at_newline() const { return !at_end() && (peek() == '\n' || peek() == '\r'); }

    void consume_newline() {
        if (peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    // Characters, not bytes, so the column matches what an editor shows.
    int column() const { return code_point_count(text_, line_start_, pos_) + 1; }

    void parse_record() {
        CsvRecord record;
        record.line = line_;
        bool ok = true;
        while (true) {
            std::optional<std::string> field;
            ok = (!at_end() && peek() == '"') ? parse_quoted(field) : parse_unquoted(field);
            if (!ok) break;
            record.fields.push_back(std::move(field));
            if (at_end()) break;
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            consume_newline();
            break;
        }
        if (ok)
            document_.records.push_back(std::move(record));
        else
            skip_rest_of_line();
    }

    bool parse_unquoted(std::optional<std::string>& field) {
        const size_t start = pos_;
        while (!at_end() && peek() != ',' && !at_newline()) {
            if (peek() == '"') {
                error("a quote inside an unquoted field; quote the whole field and double the quotes in it");
                return false;
            }
            ++pos_;
        }
        if (pos_ > start) field = std::string(text_.substr(start, pos_ - start));
        return true;
    }

    bool parse_quoted(std::optional<std::string>& field) {
        const int open_line = line_, open_column = column();
        ++pos_;
        std::string value;
        while (true) {
            if (at_end()) {
                document_.errors.push_back({open_line, open_column, "the quoted field opened here is never closed"});
                return false;
            }
            const char c = peek();
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    value += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\n' || c == '\r') {
                const size_t before = pos_;
                consume_newline();
                value += text_.substr(before, pos_ - before);
                continue;
            }
            value += c;
            ++pos_;
        }
        if (!at_end() && peek() != ',' && !at_newline()) {
            error("unexpected text after a closing quote; a quote inside a quoted field is written twice (\"\")");
            return false;
        }
        field = std::move(value);
        return true;
    }

    void error(std::string message) { document_.errors.push_back({line_, column(), std::move(message)}); }

    void skip_rest_of_line() {
        while (!at_end() && !at_newline()) ++pos_;
        if (!at_end()) consume_newline();
    }

    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
    size_t line_start_ = 0;
    CsvDocument document_;
};

}  // namespace

CsvDocument parse_csv(std::string_view text) {
    // Text that is not UTF-8 (a Latin-1 export, say) would be stored as garbled values: refused
    // as a whole, at its first bad byte, as rule, calendar and filing files are.
    if (const size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        const SourceLocation at = location_of_offset("", text, bad);
        CsvDocument document;
        document.errors.push_back({at.line, at.column, invalid_utf8_message(text, bad)});
        return document;
    }
    return CsvParser(text).parse();
}

}  // namespace recallguard::schema
