#include "report/report.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/errors.h"
#include "report/formats.h"

namespace recallguard::report {

namespace {

constexpr Format kFormats[] = {Format::Text,  Format::Json,  Format::Jsonl, Format::Csv,
                               Format::Sarif, Format::Junit, Format::Html};

}  // namespace

const char* format_name(Format format) {
    switch (format) {
        case Format::Text:
            return "text";
        case Format::Json:
            return "json";
        case Format::Jsonl:
            return "jsonl";
        case Format::Csv:
            return "csv";
        case Format::Sarif:
            return "sarif";
        case Format::Junit:
            return "junit";
        case Format::Html:
            return "html";
    }
    return "text";
}

std::optional<Format> parse_format(const std::string& name) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (auto format : kFormats)
        if (lower == format_name(format)) return format;
    return std::nullopt;
}

std::vector<std::string> format_names() {
    std::vector<std::string> names;
    for (auto format : kFormats) names.emplace_back(format_name(format));
    return names;
}

std::optional<ColorMode> parse_color_mode(const std::string& name) {
    if (name == "auto") return ColorMode::Auto;
    if (name == "always") return ColorMode::Always;
    if (name == "never") return ColorMode::Never;
    return std::nullopt;
}

bool use_color(ColorMode mode, bool to_terminal, const char* no_color, const char* term) {
    switch (mode) {
        case ColorMode::Always:
            return true;
        case ColorMode::Never:
            return false;
        case ColorMode::Auto:
            break;
    }
    if (!to_terminal) return false;
    if (no_color && *no_color) return false;
    if (term && std::string_view(term) == "dumb") return false;
    return true;
}

void write_report(const findings::AuditReport& report, Format format, std::ostream& out, const ReportOptions& options) {
    switch (format) {
        case Format::Text:
            write_text(report, out, options);
            break;
        case Format::Json:
            write_json(report, out, options);
            break;
        case Format::Jsonl:
            write_jsonl(report, out);
            break;
        case Format::Csv:
            write_csv(report, out);
            break;
        case Format::Sarif:
            write_sarif(report, out, options);
            break;
        case Format::Junit:
            write_junit(report, out, options);
            break;
        case Format::Html:
            write_html(report, out, options);
            break;
    }
    out.flush();
    // A full disk or closed pipe must not pass for a complete report; it is the environment's
    // failure, not recallguard's (exit 2, not 3).
    if (!out) throw InputError(std::string("could not write the ") + format_name(format) + " report: output failed");
}

}  // namespace recallguard::report
