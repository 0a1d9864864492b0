// The HTML report: one self-contained page (no network) with run facts, summary charts as inline
// SVG, and a sortable, filterable table of every finding. Every value is escaped.
#include <fmt/format.h>

#include <array>
#include <map>

#include "report/escaping.h"
#include "report/formats.h"
#include "report/html_assets.h"
#include "report/summary.h"

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using findings::RuleRunStatus;
using findings::Status;

namespace {

constexpr std::array kStatuses{Status::Late, Status::Missing, Status::Violation, Status::Signal, Status::Pending};

std::string esc(std::string_view text) {
    return markup_escape(text);
}

std::string or_dash(const std::optional<std::string>& text) {
    return text ? esc(*text) : "—";
}

// The first `limit` code points of valid UTF-8 text, with an ellipsis when cut.
std::string shorten(const std::string& text, size_t limit) {
    size_t points = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (++points > limit) return text.substr(0, i) + "…";
    }
    return text;
}

struct ChartRow {
    std::string label;
    std::array<size_t, kStatuses.size()> counts{};
    size_t total() const {
        size_t sum = 0;
        for (auto c : counts) sum += c;
        return sum;
    }
};

std::vector<ChartRow> chart_rows(const std::vector<const Finding*>& all, std::string Finding::*key) {
    std::map<std::string, ChartRow> rows;
    for (const auto* f : all) {
        auto& row = rows[f->*key];
        row.label = f->*key;
        ++row.counts[static_cast<size_t>(f->status)];
    }
    std::vector<ChartRow> result;
    for (auto& [label, row] : rows) result.push_back(row);
    return result;
}

// A horizontal bar chart, one bar per row stacked by status; sizes are fixed-point text so the
// page is the same bytes every time.
std::string bar_chart(const std::string& title, const std::vector<ChartRow>& rows) {
    std::string html = "<figure class=\"chart\"><figcaption>" + esc(title) + "</figcaption>";
    if (rows.empty()) return html + "<p class=\"empty\">No findings.</p></figure>";
    // Drawn at its natural size in a third of a 1280-pixel page; it shrinks on narrower screens.
    constexpr int kRowHeight = 24, kLabelRight = 150, kBarLeft = 158, kBarMax = 180, kWidth = 370;
    size_t max = 1;
    for (const auto& row : rows) max = std::max(max, row.total());
    const int height = static_cast<int>(rows.size()) * kRowHeight + 8;
    html += fmt::format("<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">", kWidth,
                        height, kWidth, height, esc(title));
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const int y = 4 + static_cast<int>(i) * kRowHeight;
        std::vector<std::string> parts;
        for (size_t s = 0; s < kStatuses.size(); ++s)
            if (row.counts[s])
                parts.push_back(fmt::format("{} {}", row.counts[s], findings::status_name(kStatuses[s])));
        const std::string label = row.label.empty() ? "(none)" : row.label;
        html += fmt::format("<g><title>{}: {}</title>", esc(label), fmt::join(parts, ", "));
        html += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
                            kLabelRight, y + 10, esc(shorten(sanitize_utf8(label), 22)));
        double x = kBarLeft;
        for (size_t s = 0; s < kStatuses.size(); ++s) {
            if (!row.counts[s]) continue;
            const double width = static_cast<double>(row.counts[s]) * kBarMax / static_cast<double>(max);
            html += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" rx=\"2\"/>",
                                findings::status_name(kStatuses[s]), x, y + 2, width);
            x += width;
        }
        html += fmt::format("<text class=\"count\" x=\"{:.1f}\" y=\"{}\" dominant-baseline=\"middle\">{}</text></g>",
                            x + 6, y + 10, row.total());
    }
    return html + "</svg></figure>";
}

void write_facts(const AuditReport& report, std::ostream& out) {
    const auto& run = report.run;
    std::string files;
    for (const auto& file : run.rule_files) files += (files.empty() ? "" : "\n") + file;
    std::string digests;
    for (const auto& [file, digest] : run.rule_file_sha256)
        digests += (digests.empty() ? "" : "\n") + digest + "  " + file;
    std::string parameters;
    for (const auto& [name, value] : run.parameters)
        parameters += (parameters.empty() ? "" : "\n") + name + " = " + value;
    const std::vector<std::pair<std::string, std::string>> facts{
        {"As of", run.as_of},
        {"Database", run.database},
        {"Database SHA-256", run.database_sha256},
        {"Database fingerprint", run.database_fingerprint},
        {"Rules fingerprint", run.rules_fingerprint},
        {"Started", run.started_at},
        {"Finished", run.finished_at},
        {"Tool", run.tool_name + (run.tool_version.empty() ? "" : " " + run.tool_version)},
        {"Rule files", files.empty() ? "—" : files},
        {"Rule files SHA-256", digests},
        {"Parameters set for this run", parameters.empty() ? "none: every rule as published" : parameters},
    };
    out << "<dl class=\"facts\">";
    for (const auto& [name, value] : facts)
        out << "<dt>" << esc(name) << "</dt><dd>" << (value.empty() ? "—" : esc(value)) << "</dd>";
    out << "</dl>";
}

void write_cards(const Summary& summary, std::ostream& out) {
    out << "<section class=\"cards\" aria-label=\"Summary\">"
        << "<div class=\"card\"><span class=\"num\" id=\"finding-count\">" << summary.findings
        << "</span><span class=\"label\">findings</span></div>";
    for (const auto& [name, count] : summary.by_status) {
        if (name == "pending" && count == 0) continue;  // pending is reported only on request
        out << "<div class=\"card " << name << "\"><span class=\"num\">" << count << "</span><span class=\"label\">"
            << name << "</span></div>";
    }
    out << "<div class=\"card\"><span class=\"num\">" << summary.by_company.size()
        << "</span><span class=\"label\">companies</span></div>"
        << "<div class=\"card" << (summary.rules_error ? " failed" : "") << "\"><span class=\"num\">"
        << summary.rules_ok + summary.rules_error << "</span><span class=\"label\">rules ran</span><span class=\"sub\">"
        << summary.rules_error << " failed"
        << (summary.rules_skipped ? fmt::format(", {} skipped", summary.rules_skipped) : "")
        << "</span></div></section>\n";
}

std::string evidence_html(const nlohmann::ordered_json& evidence) {
    if (evidence.is_null() || evidence.empty()) return "<span class=\"muted\">—</span>";
    if (!evidence.is_object()) return "<code>" + esc(dump_json(evidence, -1)) + "</code>";
    std::string html = "<dl class=\"evidence\">";
    for (const auto& [key, value] : evidence.items())
        html += "<dt>" + esc(key) + "</dt><dd>" +
                esc(value.is_string() ? value.get<std::string>() : dump_json(value, -1)) + "</dd>";
    return html + "</dl>";
}

void write_findings_table(const std::vector<const Finding*>& all, std::ostream& out) {
    out << "<section class=\"panel\"><h2>Findings</h2>\n<div class=\"filters\">"
        << "<input type=\"search\" id=\"filter-text\" placeholder=\"Filter by any text…\" aria-label=\"Filter text\">"
        << "<select id=\"filter-status\" aria-label=\"Status\"><option value=\"\">All statuses</option>";
    for (auto status : kStatuses)
        out << "<option value=\"" << findings::status_name(status) << "\">" << findings::status_name(status)
            << "</option>";
    out << "</select><select id=\"filter-severity\" aria-label=\"Severity\"><option value=\"\">All severities</option>";
    for (auto severity : {findings::Severity::Critical, findings::Severity::High, findings::Severity::Medium,
                          findings::Severity::Low, findings::Severity::Info})
        out << "<option value=\"" << findings::severity_name(severity) << "\">" << findings::severity_name(severity)
            << "</option>";
    out << "</select><span class=\"shown\" id=\"shown-count\">Showing " << all.size() << " of " << all.size()
        << "</span></div>\n";
    out << "<div class=\"table-wrap\"><table "
           "id=\"findings\"><thead><tr><th>Rule</th><th>Citation</th><th>Company</th><th>Subject</th>"
           "<th>Status</th><th>Due</th><th>Done</th><th data-type=\"number\">Days late</th>"
           "<th data-type=\"number\">Days overdue</th><th>Message</th>"
           "<th>Evidence</th></tr></thead>\n<tbody>\n";
    for (const auto* f : all) {
        const std::string status = findings::status_name(f->status);
        const std::string severity = findings::severity_name(f->severity);
        std::string subject = f->subject_table + ":" + f->subject_key;
        if (f->period) subject += "#" + std::to_string(*f->period);
        out << "<tr class=\"finding\" data-status=\"" << status << "\" data-severity=\"" << severity << "\">"
            << "<td class=\"rule\"><code>" << esc(findings::rule_key(f->rule_id, f->rule_version))
            << "</code><br><span class=\"sev " << severity << "\">" << severity << "</span></td>"
            << "<td class=\"citation\">" << esc(f->citation)
            << (f->instrument.empty() && f->instrument_source.empty()
                    ? ""
                    : "<br><span class=\"instrument\">" + esc(instrument_text(f->instrument, f->instrument_source)) +
                          "</span>")
            << "</td><td class=\"company\">" << esc(f->company_id)
            << (f->company_name.empty() ? "" : "<br><span class=\"legal-name\">" + esc(f->company_name) + "</span>")
            << "</td>"
            << "<td class=\"subject\"><code>" << esc(subject) << "</code></td>"
            << "<td><span class=\"badge " << status << "\">" << status << "</span></td>"
            << "<td class=\"date\">" << or_dash(f->due) << "</td>"
            << "<td class=\"date\">" << or_dash(f->done) << "</td>"
            << "<td class=\"num\">" << (f->days_late ? std::to_string(*f->days_late) : "") << "</td>"
            << "<td class=\"num\">" << (f->days_overdue ? std::to_string(*f->days_overdue) : "") << "</td>"
            << "<td class=\"message\">" << esc(f->message) << "</td>"
            << "<td class=\"evidence\">" << evidence_html(f->evidence) << "</td></tr>\n";
    }
    out << "</tbody></table></div>\n<p id=\"no-match\" class=\"muted\" hidden>No findings match the filter.</p>"
        << (all.empty() ? "<p class=\"muted\">No findings: every rule that ran found nothing to report.</p>" : "")
        << "</section>\n";
}

void write_rules_table(const std::vector<RuleRow>& rows, bool timings, std::ostream& out) {
    out << "<section class=\"panel\"><h2>Rules</h2>\n<div class=\"table-wrap\"><table "
           "id=\"rules\"><thead><tr><th>Rule</th><th>Title</th>"
           "<th>Citation</th><th>Category</th><th>Severity</th><th>State</th><th>Subjects</th><th>Findings</th>"
        << (timings ? "<th>Time (ms)</th>" : "") << "<th>Detail</th></tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        const auto* info = row.info;
        const auto* status = row.status;
        const std::string state = status ? findings::rule_state_name(status->state) : "";
        out << "<tr><td class=\"rule\"><code>" << esc(row.key) << "</code></td><td>" << (info ? esc(info->title) : "")
            << "</td><td>" << (info ? esc(info->citation) : "") << "</td><td>" << (info ? esc(info->category) : "")
            << "</td><td>" << (info ? findings::severity_name(info->severity) : "") << "</td><td class=\"state-"
            << state << "\">" << state << "</td><td class=\"num\">"
            << (status ? std::to_string(status->subjects_evaluated) : "") << "</td><td class=\"num\">"
            << (status ? std::to_string(status->findings) : "") << "</td>";
        if (timings)
            out << "<td class=\"num\">" << (status ? fmt::format("{:.1f}", status->elapsed_ms) : "") << "</td>";
        out << "<td>" << (status ? esc(status->detail) : "") << "</td></tr>\n";
    }
    out << "</tbody></table></div></section>\n";
}

}  // namespace

void write_html(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const auto all = sorted_findings(report);
    const auto rows = rule_rows(report);
    const Summary summary = summarize(report);
    const auto& run = report.run;

    std::string subtitle = run.database.empty() ? "Audit" : "Audit of " + run.database;
    if (!run.as_of.empty()) subtitle += " as of " + run.as_of;

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing may be fetched: the report must open the same offline, and hostile data cannot
        // make the page load anything.
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        << "<title>" << esc("Recall compliance audit — " + subtitle) << "</title>\n"
        << "<style>" << kHtmlStyle << "</style>\n</head>\n<body>\n"
        << "<header class=\"top\"><h1>Recall compliance audit</h1><p class=\"subtitle\">" << esc(subtitle) << "</p>";
    write_facts(report, out);
    out << "</header>\n<main>\n";
    write_cards(summary, out);

    out << "<section><div class=\"charts\">" << bar_chart("Findings by company", chart_rows(all, &Finding::company_id))
        << bar_chart("Findings by rule", chart_rows(all, &Finding::rule_id))
        << bar_chart("Findings by category", chart_rows(all, &Finding::category)) << "</div>\n<p class=\"legend\">";
    for (auto status : kStatuses) {
        if (status == Status::Pending && count_of(summary.by_status, "pending") == 0) continue;
        out << "<span class=\"" << findings::status_name(status) << "\">" << findings::status_name(status) << "</span>";
    }
    out << "</p></section>\n";

    write_findings_table(all, out);
    write_rules_table(rows, options.include_timings, out);
    out << "</main>\n<footer>Generated by " << esc(run.tool_name)
        << (run.tool_version.empty() ? "" : " " + esc(run.tool_version))
        << (run.finished_at.empty() ? "" : " at " + esc(run.finished_at)) << ".</footer>\n"
        << "<script>" << kHtmlScript << "</script>\n</body>\n</html>\n";
}

}  // namespace recallguard::report
