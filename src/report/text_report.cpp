// The text report for people at a terminal: the summary line and tables (per company, per rule) first,
// then the findings grouped by company then rule, the rules that failed, the audit record, the summary.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "report/escaping.h"
#include "report/formats.h"
#include "report/summary.h"

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using findings::RuleRunStatus;
using findings::Status;

namespace {

// ANSI SGR sequences; empty strings when colour is off, so layout code never branches on it.
struct Palette {
    explicit Palette(bool on) : enabled(on) {}
    bool enabled;
    std::string paint(std::string_view text, std::string_view code) const {
        if (!enabled) return std::string(text);
        return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
    }
    std::string bold(std::string_view text) const { return paint(text, "1"); }
    std::string dim(std::string_view text) const { return paint(text, "2"); }
    std::string status(Status status, std::string_view text) const {
        switch (status) {
            case Status::Late:
                return paint(text, "33");  // yellow
            case Status::Missing:
                return paint(text, "31");  // red
            case Status::Violation:
                return paint(text, "1;31");  // bold red
            case Status::Signal:
                return paint(text, "36");  // cyan
            case Status::Pending:
                return paint(text, "2");  // dim
        }
        return std::string(text);
    }
};

std::string subject_of(const Finding& f) {
    std::string subject = f.subject_table + ":" + f.subject_key;
    if (f.period) subject += "#" + std::to_string(*f.period);
    return subject;
}

// Thousands separated by commas: counts at national scale stay readable.
std::string grouped(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string plural(int64_t n, std::string_view one, std::string_view many) {
    const std::string count = n < 0 ? "-" + grouped(static_cast<size_t>(-n)) : grouped(static_cast<size_t>(n));
    return fmt::format("{} {}", count, n == 1 ? one : many);
}

std::string finding_line(const Finding& f, const Palette& palette) {
    const std::string status = findings::status_name(f.status);
    std::string line =
        "    " + palette.status(f.status, fmt::format("{:<9}", status)) + "  " + terminal_safe(subject_of(f));
    if (f.due) line += "  due " + terminal_safe(*f.due);
    if (f.done) line += "  done " + terminal_safe(*f.done);
    if (f.days_late) line += fmt::format("  ({})", plural(*f.days_late, "day late", "days late"));
    if (f.days_overdue) line += fmt::format("  ({})", plural(*f.days_overdue, "day overdue", "days overdue"));
    if (!f.message.empty()) line += "  " + terminal_safe(f.message);
    return line;
}

// "ID" or, for one version of a rule with several, "ID (version 2024-12-13..)".
std::string rule_name(const std::string& rule_id, const std::string& version) {
    return terminal_safe(rule_id) + (version.empty() ? "" : " (version " + terminal_safe(version) + ")");
}

std::string rule_header(const std::string& rule_id, const std::string& version, const findings::RuleInfo* info,
                        const Palette& palette) {
    std::string line = "  " + palette.bold(rule_name(rule_id, version));
    if (info) {
        if (!info->citation.empty()) line += "  " + terminal_safe(info->citation);
        if (!info->title.empty()) line += (info->citation.empty() ? "  " : " — ") + terminal_safe(info->title);
        const std::string instrument = instrument_text(info->instrument, info->instrument_source);
        if (!instrument.empty()) line += "\n    " + palette.dim("under " + terminal_safe(instrument));
    }
    return line;
}

std::string status_breakdown(const Summary& summary) {
    std::vector<std::string> parts;
    for (const auto& [name, count] : summary.by_status) {
        if (count == 0) continue;
        if (name == "violation")
            parts.push_back(plural(count, "violation", "violations"));
        else if (name == "signal")
            parts.push_back(plural(count, "signal", "signals"));
        else
            parts.push_back(fmt::format("{} {}", grouped(count), name));
    }
    if (parts.empty()) return "";
    return " (" + fmt::format("{}", fmt::join(parts, ", ")) + ")";
}

std::string summary_line(const Summary& summary) {
    const size_t ran = summary.rules_ok + summary.rules_error;
    std::string line = plural(summary.findings, "finding", "findings") + status_breakdown(summary) + " in " +
                       plural(summary.by_company.size(), "company", "companies") + "; " +
                       plural(ran, "rule ran", "rules ran") + fmt::format(", {} failed", summary.rules_error);
    if (summary.rules_skipped) line += fmt::format(", {} skipped", summary.rules_skipped);
    return line;
}

void write_rule_states(const std::vector<RuleRow>& rows, RuleRunStatus::State state, std::string_view heading,
                       std::ostream& out, const Palette& palette) {
    bool any = false;
    for (const auto& row : rows) {
        if (!row.status || row.status->state != state) continue;
        if (!any) out << '\n' << palette.bold(heading) << '\n';
        any = true;
        out << "  " << palette.bold(rule_name(row.id, row.version));
        if (!row.status->detail.empty()) out << "  " << terminal_safe(row.status->detail);
        out << '\n';
    }
}

// One row of a summary table: counts by status, then a label (last, so that names in any script,
// of any width, never push the columns out of line).
struct TableRow {
    std::string label;
    std::array<size_t, 5> counts{};  // late, missing, violation, signal, pending
    size_t total() const {
        size_t sum = 0;
        for (auto c : counts) sum += c;
        return sum;
    }
};

constexpr std::array<Status, 5> kStatusColumns{Status::Late, Status::Missing, Status::Violation, Status::Signal,
                                               Status::Pending};

void write_table(std::string_view title, std::string_view label_heading, const std::vector<TableRow>& rows,
                 bool with_pending, std::ostream& out, const Palette& palette) {
    out << palette.bold(title) << '\n';
    const size_t columns = with_pending ? 5 : 4;
    std::string header;
    for (size_t s = 0; s < columns; ++s) header += fmt::format("{:>10}", findings::status_name(kStatusColumns[s]));
    header += fmt::format("{:>8}  {}", "total", label_heading);
    out << palette.dim(header) << '\n';
    for (const auto& row : rows) {
        std::string line;
        for (size_t s = 0; s < columns; ++s) {
            const std::string cell = fmt::format("{:>10}", grouped(row.counts[s]));
            line += row.counts[s] ? palette.status(kStatusColumns[s], cell) : palette.dim(cell);
        }
        line += fmt::format("{:>8}  ", grouped(row.total())) + row.label;
        out << line << '\n';
    }
}

// The tables a reader sees first: findings per company (the most first, at most kTopCompanies of
// them, the rest summed in one row) and per rule (every rule that ran or found something).
constexpr size_t kTopCompanies = 20;

void write_summary_tables(const std::vector<const Finding*>& all, const std::vector<RuleRow>& rows, std::ostream& out,
                          const Palette& palette) {
    std::map<std::string, TableRow> companies;
    std::map<std::string, TableRow> rules;
    // A rule that failed or was skipped found nothing it could report: its zeros say so, or they
    // would read as compliance.
    for (const auto& row : rows) {
        std::string label = rule_name(row.id, row.version);
        if (row.status && row.status->state == RuleRunStatus::State::Error) label += "  " + palette.bold("(failed)");
        if (row.status && row.status->state == RuleRunStatus::State::Skipped) label += "  " + palette.dim("(skipped)");
        rules[row.key].label = label;
    }
    bool with_pending = false;
    for (const auto* f : all) {
        const size_t s = static_cast<size_t>(f->status);
        with_pending = with_pending || f->status == Status::Pending;
        auto& company = companies[f->company_id];
        if (company.label.empty())
            company.label =
                f->company_id.empty() ? "(no company)" : terminal_safe(company_text(f->company_id, f->company_name));
        ++company.counts[s];
        auto& rule = rules[findings::rule_key(f->rule_id, f->rule_version)];
        if (rule.label.empty()) rule.label = rule_name(f->rule_id, f->rule_version);
        ++rule.counts[s];
    }
    std::vector<TableRow> by_company;
    for (auto& [id, row] : companies) by_company.push_back(row);
    // Most findings first; equal counts in company id order (the map's order, kept by a stable sort).
    std::stable_sort(by_company.begin(), by_company.end(),
                     [](const TableRow& a, const TableRow& b) { return a.total() > b.total(); });
    if (by_company.size() > kTopCompanies) {
        TableRow rest;
        const size_t others = by_company.size() - kTopCompanies;
        for (size_t i = kTopCompanies; i < by_company.size(); ++i)
            for (size_t s = 0; s < rest.counts.size(); ++s) rest.counts[s] += by_company[i].counts[s];
        rest.label = palette.dim(fmt::format("{} other companies (each listed in the detail below)", grouped(others)));
        by_company.resize(kTopCompanies);
        by_company.push_back(rest);
    }
    const std::string company_title =
        companies.size() > kTopCompanies
            ? fmt::format("Findings by company: the {} with the most, of {}", kTopCompanies, grouped(companies.size()))
            : std::string("Findings by company");
    write_table(company_title, "company", by_company, with_pending, out, palette);
    out << '\n';
    std::vector<TableRow> by_rule;
    for (auto& [key, row] : rules) by_rule.push_back(row);
    write_table("Findings by rule", "rule", by_rule, with_pending, out, palette);
}

}  // namespace

void write_text(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const Palette palette(options.color);
    const auto rows = rule_rows(report);
    std::map<std::string, const findings::RuleInfo*> infos;
    for (const auto& row : rows) infos[row.key] = row.info;

    std::string heading = "recallguard audit";
    if (!report.run.database.empty()) heading += " of " + terminal_safe(report.run.database);
    if (!report.run.as_of.empty()) heading += " as of " + terminal_safe(report.run.as_of);
    out << palette.bold(heading) << "\n";
    // Rule parameters set for this run: the findings are those of the rules as changed.
    for (const auto& [name, value] : report.run.parameters)
        out << "parameter set for this run: " << terminal_safe(name) << " = " << terminal_safe(value) << "\n";
    out << "\n";

    const auto findings_in_order = sorted_findings(report);
    const Summary summary = summarize(report);
    out << palette.bold(summary_line(summary)) << "\n\n";
    if (findings_in_order.empty()) {
        out << "No findings.\n";
    } else {
        write_summary_tables(findings_in_order, rows, out, palette);
        out << '\n' << palette.bold("Findings by company, then rule") << "\n\n";
    }
    const std::string* company = nullptr;
    std::optional<std::string> rule;  // key of the rule version whose findings are being listed
    std::map<std::string, size_t> per_company;
    for (const auto* f : findings_in_order) ++per_company[f->company_id];
    for (const auto* f : findings_in_order) {
        if (!company || *company != f->company_id) {
            if (company) out << '\n';
            const std::string name =
                f->company_id.empty() ? "(no company)" : terminal_safe(company_text(f->company_id, f->company_name));
            out << palette.bold(name)
                << palette.dim(fmt::format("  {}", plural(per_company[f->company_id], "finding", "findings"))) << '\n';
            company = &f->company_id;
            rule.reset();
        }
        if (const auto key = findings::rule_key(f->rule_id, f->rule_version); rule != key) {
            out << rule_header(f->rule_id, f->rule_version, infos[key], palette) << '\n';
            rule = key;
        }
        out << finding_line(*f, palette) << '\n';
        // A finding per group (`group by`) names the rows it judged: without them it is not checkable.
        if (f->evidence.is_object() && f->evidence.contains("members")) {
            const auto& members = f->evidence["members"];
            out << "               " << palette.dim("members:") << ' '
                << terminal_safe(members.is_string() ? members.get<std::string>() : dump_json(members, -1)) << '\n';
        }
    }

    write_rule_states(rows, RuleRunStatus::State::Error, "Rules that failed:", out, palette);
    write_rule_states(rows, RuleRunStatus::State::Skipped, "Rules skipped:", out, palette);

    if (options.include_timings) {
        out << '\n' << palette.bold("Rule timings:") << '\n';
        double total = 0;
        for (const auto& row : rows) {
            if (!row.status) continue;
            total += row.status->elapsed_ms;
            out << fmt::format("  {:>10.1f} ms  {}\n", row.status->elapsed_ms, rule_name(row.id, row.version));
        }
        out << fmt::format("  {:>10.1f} ms  total\n", total);
    }

    // The audit record: what exactly was audited, by SHA-256 (sha256sum's layout).
    if (!report.run.database_sha256.empty() || !report.run.rule_file_sha256.empty()) {
        out << '\n' << palette.bold("Audit record (SHA-256):") << '\n';
        if (!report.run.database_sha256.empty())
            out << "  " << terminal_safe(report.run.database_sha256) << "  " << terminal_safe(report.run.database)
                << '\n';
        for (const auto& [file, digest] : report.run.rule_file_sha256)
            out << "  " << terminal_safe(digest) << "  " << terminal_safe(file) << '\n';
    }

    out << '\n' << palette.bold(summary_line(summary)) << '\n';
}

}  // namespace recallguard::report
