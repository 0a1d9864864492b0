// A small line diff (longest common subsequence) printed in unified style, for `fmt --check`.
#include <algorithm>

#include "format/format.h"

namespace recallguard::format {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return lines;
}

struct Edit {
    char kind;             // ' ' same, '-' removed, '+' added
    size_t before, after;  // line indexes (0-based) in each text
};

std::vector<Edit> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    // Rule files are small, so the quadratic table is fine.
    std::vector<std::vector<unsigned>> common(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
    for (size_t i = a.size(); i-- > 0;)
        for (size_t j = b.size(); j-- > 0;)
            common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    std::vector<Edit> edits;
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            edits.push_back({' ', i++, j++});
        } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
            edits.push_back({'-', i++, j});  // removals before additions, as diff(1) prints them
        } else {
            edits.push_back({'+', i, j++});
        }
    }
    return edits;
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
    if (before == after) return {};
    const auto a = split_lines(before), b = split_lines(after);
    const auto edits = diff_lines(a, b);
    constexpr size_t kContext = 3;
    std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
    size_t k = 0;
    while (k < edits.size()) {
        if (edits[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: from kContext lines before this change to kContext lines after the last
        // change that is at most 2*kContext unchanged lines further on.
        size_t start = k >= kContext ? k - kContext : 0;
        size_t end = k;
        size_t same_run = 0;
        for (size_t m = k; m < edits.size(); ++m) {
            if (edits[m].kind == ' ') {
                if (++same_run > 2 * kContext) break;
            } else {
                same_run = 0;
                end = m;
            }
        }
        end = std::min(edits.size() - 1, end + kContext);
        size_t before_count = 0, after_count = 0;
        for (size_t m = start; m <= end; ++m) {
            if (edits[m].kind != '+') ++before_count;
            if (edits[m].kind != '-') ++after_count;
        }
        out += "@@ -" + std::to_string(edits[start].before + (before_count ? 1 : 0)) + "," +
               std::to_string(before_count) + " +" + std::to_string(edits[start].after + (after_count ? 1 : 0)) + "," +
               std::to_string(after_count) + " @@\n";
        for (size_t m = start; m <= end; ++m) {
            const auto& line = edits[m].kind == '+' ? b[edits[m].after] : a[edits[m].before];
            out += std::string(1, edits[m].kind) + line + "\n";
        }
        k = end + 1;
    }
    return out;
}

}  // namespace recallguard::format
