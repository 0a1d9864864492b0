#include "common/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <string_view>
#include <tuple>

#include "common/utf8.h"

namespace recallguard {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::Error:
            return "error";
        case Severity::Warning:
            return "warning";
        case Severity::Note:
            return "note";
    }
    return "error";
}

Diagnostic& DiagnosticBag::error(DiagnosticCode code, SourceLocation location, std::string message, int length) {
    return items_.emplace_back(
        Diagnostic{Severity::Error, std::string(code_text(code)), std::move(location), std::move(message), length, {}});
}

Diagnostic& DiagnosticBag::warning(DiagnosticCode code, SourceLocation location, std::string message, int length) {
    return items_.emplace_back(Diagnostic{
        Severity::Warning, std::string(code_text(code)), std::move(location), std::move(message), length, {}});
}

void DiagnosticBag::add(Diagnostic diagnostic) {
    items_.push_back(std::move(diagnostic));
}

void DiagnosticBag::append(const DiagnosticBag& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool DiagnosticBag::has_errors() const {
    return error_count() > 0;
}

size_t DiagnosticBag::error_count() const {
    return static_cast<size_t>(
        std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

size_t DiagnosticBag::warning_count() const {
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                             [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

std::vector<Diagnostic> DiagnosticBag::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.file, a.location.line, a.location.column, a.code, a.message) <
               std::tie(b.location.file, b.location.line, b.location.column, b.code, b.message);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                              return a.location == b.location && a.code == b.code && a.message == b.message;
                          }),
              out.end());
    return out;
}

namespace {

std::string line_of(const std::string& text, int line) {
    std::istringstream stream(text);
    std::string current;
    for (int i = 1; std::getline(stream, current); ++i) {
        if (i == line) {
            if (!current.empty() && current.back() == '\r') current.pop_back();
            return current;
        }
    }
    return {};
}

// Columns count code points, so carets line up under UTF-8 text.
size_t byte_offset_of_column(const std::string& line, int column) {
    size_t offset = 0;
    for (int c = 1; c < column && offset < line.size(); ++c) {
        ++offset;
        while (offset < line.size() && (static_cast<unsigned char>(line[offset]) & 0xC0) == 0x80) ++offset;
    }
    return offset;
}

// A longer line is shown as a window of this many bytes around the column (a minified or
// generated file can hold one line of megabytes).
constexpr size_t kShownLineBytes = 160;

}  // namespace

std::string render_diagnostic(const Diagnostic& diagnostic, const std::string& source_text) {
    std::string out = diagnostic.location.to_string() + ": " + severity_name(diagnostic.severity) + "[" +
                      diagnostic.code + "]: " + diagnostic.message + "\n";
    if (!diagnostic.location.known() || source_text.empty()) return out;
    const std::string line = line_of(source_text, diagnostic.location.line);
    if (line.empty()) return out;
    const size_t column_byte = std::min(byte_offset_of_column(line, diagnostic.location.column), line.size());
    size_t begin = 0, end = line.size();
    if (line.size() > kShownLineBytes) {
        begin = column_byte > kShownLineBytes / 2 ? column_byte - kShownLineBytes / 2 : 0;
        end = std::min(line.size(), begin + kShownLineBytes);
        begin = end - std::min(end, kShownLineBytes);
        // Whole characters only.
        while (begin > 0 && (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80) --begin;
        while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    }
    const std::string lead = begin > 0 ? "... " : "", trail = end < line.size() ? " ..." : "";
    const std::string before = printable_text(std::string_view(line).substr(begin, column_byte - begin));
    const std::string after = printable_text(std::string_view(line).substr(column_byte, end - column_byte));
    out += "  " + lead + before + after + trail + "\n  " + std::string(lead.size(), ' ');
    // One space per character before the caret (a tab stays a tab, so the caret lines up).
    for (const char c : before)
        if (c == '\t')
            out += '\t';
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            out += ' ';
    size_t tildes = static_cast<size_t>(std::max(0, diagnostic.length - 1));
    if (!trail.empty()) tildes = std::min(tildes, static_cast<size_t>(std::max(1, code_point_count(after)) - 1));
    out += "^" + std::string(tildes, '~') + "\n";
    return out;
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    auto distance = [](const std::string& a, const std::string& b) {
        std::vector<size_t> row(b.size() + 1);
        for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            size_t previous = row[0];
            row[0] = i;
            for (size_t j = 1; j <= b.size(); ++j) {
                const size_t saved = row[j];
                const size_t cost = std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1;
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, previous + cost});
                previous = saved;
            }
        }
        return row[b.size()];
    };
    std::string best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const size_t d = distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

}  // namespace recallguard
