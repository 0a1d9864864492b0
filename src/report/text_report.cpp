// The text report for people at a terminal: findings grouped by company then rule, then a summary.
#include <fmt/format.h>

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

std::string plural(int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string finding_line(const Finding& f, const Palette& palette) {
    const std::string status = findings::status_name(f.status);
    std::string line =
        "    " + palette.status(f.status, fmt::format("{:<9}", status)) + "  " + terminal_safe(subject_of(f));
    if (f.due) line += "  due " + terminal_safe(*f.due);
    if (f.done) line += "  done " + terminal_safe(*f.done);
    if (f.days_late) line += fmt::format("  ({})", plural(*f.days_late, "day late", "days late"));
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
            parts.push_back(fmt::format("{} {}", count, name));
    }
    if (parts.empty()) return "";
    return " (" + fmt::format("{}", fmt::join(parts, ", ")) + ")";
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
    if (findings_in_order.empty()) out << "No findings.\n";
    const std::string* company = nullptr;
    std::optional<std::string> rule;  // key of the rule version whose findings are being listed
    std::map<std::string, size_t> per_company;
    for (const auto* f : findings_in_order) ++per_company[f->company_id];
    for (const auto* f : findings_in_order) {
        if (!company || *company != f->company_id) {
            if (company) out << '\n';
            const std::string name = f->company_id.empty() ? "(no company)" : terminal_safe(f->company_id);
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

    const Summary summary = summarize(report);
    const size_t ran = summary.rules_ok + summary.rules_error;
    std::string line = plural(summary.findings, "finding", "findings") + status_breakdown(summary) + " in " +
                       plural(summary.by_company.size(), "company", "companies") + "; " +
                       plural(ran, "rule ran", "rules ran") + fmt::format(", {} failed", summary.rules_error);
    if (summary.rules_skipped) line += fmt::format(", {} skipped", summary.rules_skipped);
    out << '\n' << palette.bold(line) << '\n';
}

}  // namespace recallguard::report
