// The HTML report: one self-contained page (no network) with run facts, summary charts as inline
// SVG, and a sortable, filterable table of every finding. Every value is escaped.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <limits>
#include <map>

#include "common/date.h"
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

// Valid UTF-8 text cut to at most `limit` columns, with an ellipsis when cut. A CJK ideograph,
// kana, hangul or full-width form takes two columns (it is drawn about twice as wide as a Latin
// letter), so a chart label in Chinese fits its place as one in English does.
std::string shorten(const std::string& text, size_t limit) {
    const auto lead_width = [&](size_t i) -> size_t {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0xE0 || i + 2 >= text.size()) return 1;
        uint32_t point = (byte & 0x0F) << 12 | (static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6 |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3F);
        if (byte >= 0xF0) return 2;  // supplementary planes: CJK extensions, emoji
        return (point >= 0x1100 && point <= 0x115F) || (point >= 0x2E80 && point <= 0xA4CF) ||
                       (point >= 0xAC00 && point <= 0xD7A3) || (point >= 0xF900 && point <= 0xFAFF) ||
                       (point >= 0xFE30 && point <= 0xFE4F) || (point >= 0xFF00 && point <= 0xFF60) ||
                       (point >= 0xFFE0 && point <= 0xFFE6)
                   ? 2
                   : 1;
    };
    size_t columns = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        columns += lead_width(i);
        if (columns > limit) return text.substr(0, i) + "…";
    }
    return text;
}

struct ChartRow {
    std::string label;
    std::string link;  // "#company-…" for a company, "" otherwise
    std::array<size_t, kStatuses.size()> counts{};
    size_t total() const {
        size_t sum = 0;
        for (auto c : counts) sum += c;
        return sum;
    }
};

// How many bars a chart draws: the rest is summed into one bar, so a chart stays a glance long
// at national scale (a thousand companies).
constexpr size_t kChartBars = 10;

// A company's section id: its id with every byte outside [A-Za-z0-9-] written as _XX, so two ids
// never share one.
std::string company_anchor(const std::string& company_id) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out = "company-";
    for (unsigned char c : company_id) {
        if (std::isalnum(c) && c < 0x80) {
            out += static_cast<char>(c);
        } else if (c == '-') {
            out += '-';
        } else {
            out += '_';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

// The findings counted by `key` (the most first, then by key), at most `limit` rows and a last
// row "N other …" summing the rest.
std::vector<ChartRow> chart_rows(const std::vector<const Finding*>& all,
                                 const std::function<std::string(const Finding&)>& key,
                                 const std::function<std::string(const Finding&)>& label, bool company_links,
                                 size_t limit, const std::string& others) {
    std::map<std::string, ChartRow> rows;
    for (const auto* f : all) {
        auto& row = rows[key(*f)];
        if (row.label.empty()) {
            row.label = label(*f);
            if (company_links) row.link = "#" + company_anchor(f->company_id);
        }
        ++row.counts[static_cast<size_t>(f->status)];
    }
    std::vector<ChartRow> result;
    for (auto& [name, row] : rows) result.push_back(row);
    std::stable_sort(result.begin(), result.end(),
                     [](const ChartRow& a, const ChartRow& b) { return a.total() > b.total(); });
    if (result.size() > limit) {
        ChartRow rest;
        rest.label = fmt::format("{} other {}", result.size() - limit, others);
        for (size_t i = limit; i < result.size(); ++i)
            for (size_t s = 0; s < rest.counts.size(); ++s) rest.counts[s] += result[i].counts[s];
        result.resize(limit);
        result.push_back(rest);
    }
    return result;
}

// A horizontal bar chart, one bar per row stacked by status; sizes are fixed-point text so the
// page is the same bytes every time.
std::string bar_chart(const std::string& title, const std::vector<ChartRow>& rows) {
    std::string html = "<figure class=\"chart\"><figcaption>" + esc(title) + "</figcaption>";
    if (rows.empty()) return html + "<p class=\"empty\">No findings.</p></figure>";
    // Drawn at its natural size in a third of a 1280-pixel page; it shrinks on narrower screens.
    // Labels of kLabelColumns columns end at kLabelRight; the longest bar ends at 318, leaving room
    // for its count ("12,345") inside the 370 wide box.
    constexpr int kRowHeight = 24, kLabelRight = 154, kBarLeft = 162, kBarMax = 156, kWidth = 370;
    constexpr size_t kLabelColumns = 20;
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
        html += row.link.empty() ? "<g>" : "<a href=\"" + esc(row.link) + "\"><g>";
        html += fmt::format("<title>{}: {}</title>", esc(label), fmt::join(parts, ", "));
        html += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
                            kLabelRight, y + 10, esc(shorten(sanitize_utf8(label), kLabelColumns)));
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
        if (!row.link.empty()) html += "</a>";
    }
    return html + "</svg></figure>";
}

// The run at a glance, in the page's header: a few lines whatever the number or length of the rule
// files' paths (they and every digest are in the audit record at the end), so the findings stay
// near the top.
void write_facts(const AuditReport& report, std::ostream& out) {
    const auto& run = report.run;
    std::string parameters;
    for (const auto& [name, value] : run.parameters)
        parameters += (parameters.empty() ? "" : "\n") + name + " = " + value;
    const size_t files = run.rule_files.size();
    const std::vector<std::pair<std::string, std::string>> facts{
        {"As of", run.as_of},
        {"Database", run.database},
        {"Database SHA-256", run.database_sha256},
        {"Rule files", files == 0 ? "" : fmt::format("{} (paths and SHA-256 in the audit record)", files)},
        {"Started", run.started_at},
        {"Finished", run.finished_at},
        {"Tool", run.tool_name + (run.tool_version.empty() ? "" : " " + run.tool_version)},
        {"Parameters set for this run", parameters.empty() ? "none: every rule as published" : parameters},
    };
    out << "<dl class=\"facts\">";
    for (const auto& [name, value] : facts) {
        out << "<dt>" << esc(name) << "</dt><dd>";
        if (value.empty())
            out << "—";
        else if (name == "Rule files")
            out << "<a href=\"#audit-record\">" << esc(value) << "</a>";
        else
            out << esc(value);
        out << "</dd>";
    }
    out << "</dl>";
}

// The audit record: what exactly was audited, by SHA-256 in sha256sum's layout (a regulator may
// present the report in proceedings), and the fast fingerprints.
void write_audit_record(const AuditReport& report, std::ostream& out) {
    const auto& run = report.run;
    out << "<section class=\"panel\" id=\"audit-record\"><h2>Audit record</h2>\n"
        << "<p class=\"muted\">SHA-256 of the database file as audited and of each rule file as it was checked "
           "(<code>sha256sum -c</code> reads these lines).</p>\n<pre class=\"digests\">";
    if (!run.database_sha256.empty()) out << esc(run.database_sha256) << "  " << esc(run.database) << "\n";
    for (const auto& [file, digest] : run.rule_file_sha256) out << esc(digest) << "  " << esc(file) << "\n";
    out << "</pre>\n<dl class=\"record\"><dt>Database fingerprint (XXH3)</dt><dd>"
        << (run.database_fingerprint.empty() ? "—" : esc(run.database_fingerprint))
        << "</dd><dt>Rules fingerprint (XXH3)</dt><dd>"
        << (run.rules_fingerprint.empty() ? "—" : esc(run.rules_fingerprint)) << "</dd></dl></section>\n";
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

// The instrument under a citation: two lines at most in a table (a long title would make every row
// tall), the whole text on hover and for the filter.
std::string instrument_html(const std::string& title, const std::string& source) {
    const std::string text = esc(instrument_text(title, source));
    return "<span class=\"instrument\" title=\"" + text + "\">" + text + "</span>";
}

void write_findings_table(const std::vector<const Finding*>& all, std::ostream& out) {
    out << "<section class=\"panel\"><h2>Findings</h2>\n"
        << "<noscript><p class=\"muted\">Filtering, sorting and pages need JavaScript; every finding is listed "
           "below.</p></noscript>\n<div class=\"filters js-only\">"
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
    out << "</select><select id=\"page-size\" aria-label=\"Rows per page\"><option value=\"50\">50 per page</option>"
           "<option value=\"100\" selected>100 per page</option><option value=\"500\">500 per page</option>"
           "<option value=\"0\">All rows</option></select><span class=\"shown\" id=\"shown-count\">Showing "
        << all.size() << " of " << all.size() << "</span></div>\n"
        << "<div class=\"pager js-only\"><button type=\"button\" id=\"page-prev\">‹ Previous</button>"
           "<span id=\"page-info\"></span><button type=\"button\" id=\"page-next\">Next ›</button></div>\n";
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
                    : "<br>" + instrument_html(f->instrument, f->instrument_source))
            << "</td><td class=\"company\">"
            << (f->company_id.empty()
                    ? std::string("<span class=\"muted\">(no company)</span>")
                    : "<a href=\"#" + esc(company_anchor(f->company_id)) + "\">" + esc(f->company_id) + "</a>")
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

size_t count_rules_with_findings(const Summary& summary) {
    size_t n = 0;
    for (const auto& [key, count] : summary.by_rule) n += count ? 1 : 0;
    return n;
}

std::optional<int64_t> day_of(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    const auto date = Date::parse(*text);
    return date ? std::optional<int64_t>(date->days()) : std::nullopt;
}

// One company's cases on a timeline a person reads at a glance: a row per finding, from the
// trigger (○) to the due date (|), then the days late to the filing (◆) or the days overdue up to
// the audit date (the dashed line), in the status's colour. Acts without a deadline are a dot.
std::string company_timeline(const std::vector<const Finding*>& list, const std::string& as_of) {
    const auto audit_day = day_of(as_of);
    int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
    const auto widen = [&](std::optional<int64_t> day) {
        if (!day) return;
        first = std::min(first, *day);
        last = std::max(last, *day);
    };
    widen(audit_day);
    for (const auto* f : list) widen(day_of(f->trigger_date)), widen(day_of(f->due)), widen(day_of(f->done));
    if (first > last) return "";
    if (first == last) last = first + 1;
    constexpr int kLabel = 190, kPlot = 520, kRow = 20, kRight = 130;
    const int width = kLabel + kPlot + kRight;
    const int height = static_cast<int>(list.size()) * kRow + 26;
    const auto x_of = [&](int64_t day) {
        return kLabel + static_cast<double>(day - first) * kPlot / static_cast<double>(last - first);
    };
    std::string svg = fmt::format(
        "<svg class=\"timeline\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
        "aria-label=\"Timeline of the company's cases\">",
        width, height, width, height);
    svg += fmt::format("<text class=\"axis\" x=\"{}\" y=\"12\">{}</text>", kLabel, Date::from_days(first).to_string());
    svg += fmt::format("<text class=\"axis\" x=\"{}\" y=\"12\" text-anchor=\"end\">{}</text>", kLabel + kPlot,
                       Date::from_days(last).to_string());
    if (audit_day)
        svg += fmt::format("<line class=\"as-of\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"16\" y2=\"{1}\"/>",
                           x_of(*audit_day), height);
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& f = *list[i];
        const std::string status = findings::status_name(f.status);
        const int y = 22 + static_cast<int>(i) * kRow + kRow / 2;
        std::string subject = f.subject_key + (f.period ? "#" + std::to_string(*f.period) : "");
        std::string tip =
            findings::rule_key(f.rule_id, f.rule_version) + " " + f.subject_table + ":" + subject + " — " + status;
        if (f.trigger_date) tip += "; trigger " + *f.trigger_date;
        if (f.due) tip += "; due " + *f.due;
        if (f.done) tip += "; done " + *f.done;
        std::string note = status;
        if (f.days_late)
            note = fmt::format("{} d late", *f.days_late), tip += fmt::format("; {} days late", *f.days_late);
        if (f.days_overdue)
            note = fmt::format("{} d overdue", *f.days_overdue),
            tip += fmt::format("; {} days overdue", *f.days_overdue);
        svg += "<g class=\"case " + status + "\"><title>" + esc(sanitize_utf8(tip)) + "</title>";
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
                           kLabel - 8, y, esc(shorten(sanitize_utf8(f.rule_id + " " + subject), 28)));
        const auto trigger = day_of(f.trigger_date), due = day_of(f.due), done = day_of(f.done);
        if (trigger && due)
            svg += fmt::format("<line class=\"span\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\"/>", x_of(*trigger),
                               x_of(*due), y, y);
        const auto end = done ? done : (f.status == Status::Missing ? audit_day : std::nullopt);
        if (due && end && *end > *due)
            svg += fmt::format("<line class=\"overrun{}\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\"/>",
                               done ? "" : " open", x_of(*due), x_of(*end), y, y);
        if (trigger)
            svg += fmt::format("<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{}\" r=\"4\"/>", due ? "trigger" : "act",
                               x_of(*trigger), y);
        if (due)
            svg += fmt::format("<line class=\"due\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\"/>", x_of(*due),
                               y - 6, y + 6);
        if (done)
            svg += fmt::format(
                "<rect class=\"done\" x=\"{:.1f}\" y=\"{}\" width=\"7\" height=\"7\" "
                "transform=\"rotate(45 {:.1f} {})\"/>",
                x_of(*done) - 3.5, y - 3.5, x_of(*done), y);
        svg += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text></g>",
                           kLabel + kPlot + 8, y, esc(note));
    }
    return svg + "</svg>";
}

// A section per company (in id order), each a closed <details> a reader opens: its legal name,
// its counts, and its cases on a timeline. Tables and charts link here.
void write_companies(const std::vector<const Finding*>& all, const std::string& as_of, std::ostream& out) {
    std::map<std::string, std::vector<const Finding*>> by_company;
    for (const auto* f : all) by_company[f->company_id].push_back(f);
    out << "<section class=\"panel\" id=\"companies\"><h2>Companies (" << by_company.size() << ")</h2>\n"
        << "<p class=\"muted\">Each company's cases on a timeline: ○ trigger, | due date, ◆ record filed; the "
           "coloured line is the time late (to the filing) or overdue (dashed, to the audit date "
        << esc(as_of) << ", the vertical line).</p>\n";
    for (const auto& [id, list] : by_company) {
        std::array<size_t, kStatuses.size()> counts{};
        for (const auto* f : list) ++counts[static_cast<size_t>(f->status)];
        std::vector<std::string> parts;
        for (size_t s = 0; s < kStatuses.size(); ++s)
            if (counts[s])
                parts.push_back(fmt::format("<span class=\"badge {0}\">{1} {0}</span>",
                                            findings::status_name(kStatuses[s]), counts[s]));
        out << "<details class=\"company\" id=\"" << esc(company_anchor(id)) << "\"><summary><b>"
            << esc(id.empty() ? "(no company)" : id) << "</b>"
            << (list.front()->company_name.empty() ? "" : " " + esc(list.front()->company_name)) << " "
            << fmt::format("{}", fmt::join(parts, " ")) << "</summary>" << company_timeline(list, as_of)
            << "</details>\n";
    }
    out << "</section>\n";
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
            << "</td><td class=\"citation\">" << (info ? esc(info->citation) : "")
            << (info && !(info->instrument.empty() && info->instrument_source.empty())
                    ? "<br>" + instrument_html(info->instrument, info->instrument_source)
                    : "")
            << "</td><td>" << (info ? esc(info->category) : "") << "</td><td>"
            << (info ? findings::severity_name(info->severity) : "") << "</td><td class=\"state-" << state << "\">"
            << state << "</td><td class=\"num\">" << (status ? std::to_string(status->subjects_evaluated) : "")
            << "</td><td class=\"num\">" << (status ? std::to_string(status->findings) : "") << "</td>";
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

    const auto company_id = [](const Finding& f) { return f.company_id; };
    const auto company_label = [](const Finding& f) { return company_text(f.company_id, f.company_name); };
    const auto rule_id = [](const Finding& f) { return f.rule_id; };
    const auto category = [](const Finding& f) { return f.category; };
    const auto title = [&](const char* what, size_t count, const char* noun) {
        return count > kChartBars
                   ? fmt::format("Findings by {}: the {} with the most, of {} {}", what, kChartBars, count, noun)
                   : fmt::format("Findings by {}", what);
    };
    out << "<section><div class=\"charts\">"
        << bar_chart(title("company", summary.by_company.size(), "companies"),
                     chart_rows(all, company_id, company_label, true, kChartBars, "companies"))
        << bar_chart(title("rule", count_rules_with_findings(summary), "rules"),
                     chart_rows(all, rule_id, rule_id, false, kChartBars, "rules"))
        << bar_chart(title("category", summary.by_category.size(), "categories"),
                     chart_rows(all, category, category, false, kChartBars, "categories"))
        << "</div>\n<p class=\"legend\">";
    for (auto status : kStatuses) {
        if (status == Status::Pending && count_of(summary.by_status, "pending") == 0) continue;
        out << "<span class=\"" << findings::status_name(status) << "\">" << findings::status_name(status) << "</span>";
    }
    out << "</p></section>\n";

    write_findings_table(all, out);
    write_companies(all, run.as_of, out);
    write_rules_table(rows, options.include_timings, out);
    write_audit_record(report, out);
    out << "</main>\n<footer>Generated by " << esc(run.tool_name)
        << (run.tool_version.empty() ? "" : " " + esc(run.tool_version))
        << (run.finished_at.empty() ? "" : " at " + esc(run.finished_at)) << ".</footer>\n"
        << "<script>" << kHtmlScript << "</script>\n</body>\n</html>\n";
}

}  // namespace recallguard::report
