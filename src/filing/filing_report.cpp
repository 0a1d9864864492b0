// check-filing's outputs: the text and JSON reports per filing, and the audit report the
// SARIF and JUnit reporters read.
#include <algorithm>
#include <set>

#include "filing/check_filing.h"

namespace recallguard::filing {
namespace {

using Json = nlohmann::ordered_json;

findings::RuleInfo problem_rule(const std::string& code) {
    findings::RuleInfo info;
    info.id = code;
    info.package = "filings";
    // The registry's meaning of the code, as a title: "Filing id is not unique".
    const auto known = parse_diagnostic_code(code);
    std::string title = known ? std::string(code_info(*known).meaning) : "filing cannot be checked";
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    info.title = title;
    info.citation = "docs/filings.md";
    info.description = "A filing that cannot be checked: " + info.title + ".";
    info.category = "malformed_filing";
    info.severity = findings::Severity::High;
    // The documentation's own name, never a path of the machine that built or runs recallguard.
    info.location = SourceLocation{"docs/filings.md", 1, 1};
    return info;
}

Json location_json(const SourceLocation& location) {
    Json json = {{"file", location.file}};
    if (location.known()) {
        json["line"] = location.line;
        json["column"] = location.column;
    }
    return json;
}

Json finding_json(const findings::Finding& f) {
    Json json = {{"rule_id", f.rule_id},
                 {"status", findings::status_name(f.status)},
                 {"severity", findings::severity_name(f.severity)},
                 {"citation", f.citation},
                 {"subject", {{"table", f.subject_table}, {"key", f.subject_key}}}};
    if (f.period) json["period"] = *f.period;
    if (f.due) json["due"] = *f.due;
    if (f.done) json["done"] = *f.done;
    if (f.days_late) json["days_late"] = *f.days_late;
    json["message"] = f.message;
    if (f.filing_location) json["filing_location"] = location_json(*f.filing_location);
    json["evidence"] = f.evidence;
    return json;
}

std::string finding_line(const findings::Finding& f) {
    std::string line =
        std::string(findings::status_name(f.status)) + " " + f.rule_id + " " + f.subject_table + " " + f.subject_key;
    if (f.period) line += " period " + std::to_string(*f.period);
    if (f.due) line += ", due " + *f.due;
    if (f.done) line += ", done " + *f.done;
    if (f.days_late) line += ", " + std::to_string(*f.days_late) + " days late";
    return line;
}

}  // namespace

findings::AuditReport filing_audit_report(const FilingCheckResult& result) {
    findings::AuditReport report;
    report.run = result.after.run;
    report.run.as_of = result.as_of;
    report.run.database = result.database;
    if (report.run.tool_version.empty()) report.run.tool_version = RECALLGUARD_VERSION;
    report.rules = result.after.rules;
    report.statuses = result.after.statuses;
    std::set<std::string> codes;
    std::map<std::string, std::string> id_of_path;
    for (const auto& outcome : result.outcomes) id_of_path[outcome.path] = outcome.filing_id;
    for (const auto& d : result.problems.sorted()) {
        codes.insert(d.code);
        findings::Finding f;
        f.rule_id = d.code;
        f.package = "filings";
        f.citation = "docs/filings.md";
        f.category = "malformed_filing";
        f.severity = findings::Severity::High;
        f.subject_table = "filings";
        const std::string id = id_of_path[d.location.file];
        f.subject_key = id.empty() ? d.location.file : id;
        f.status = findings::Status::Violation;
        f.message = d.message;
        f.filing_location = d.location;
        f.evidence = Json{{"file", d.location.file}, {"line", d.location.line}, {"column", d.location.column}};
        report.findings.push_back(std::move(f));
    }
    for (const auto& code : codes) report.rules.push_back(problem_rule(code));
    std::sort(report.rules.begin(), report.rules.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const auto& outcome : result.outcomes)
        for (const auto& f : outcome.findings) report.findings.push_back(f);
    std::sort(report.findings.begin(), report.findings.end(), findings::finding_less);
    return report;
}

void write_filing_text(const FilingCheckResult& result, std::ostream& out) {
    for (const auto& d : result.problems.sorted()) {
        // The source line is shown under the message, except where it is not UTF-8 itself.
        const auto it = result.sources.find(d.location.file);
        const bool show = it != result.sources.end() && d.code != code_text(DiagnosticCode::FilingUtf8);
        out << render_diagnostic(d, show ? it->second : std::string());
    }
    size_t causing = 0, caused = 0, malformed = 0;
    for (const auto& outcome : result.outcomes) {
        if (outcome.malformed) {
            ++malformed;
            if (result.audited) out << outcome.path << ": malformed (see above); not audited\n";
            continue;
        }
        if (!result.audited) break;
        out << outcome.path << ": filing " << outcome.filing_id << " (" << outcome.kind << "), as of " << result.as_of
            << "\n";
        for (const auto& f : outcome.findings) {
            out << "  finding:    " << finding_line(f) << "\n";
            out << "              " << f.message << "\n";
            if (f.filing_location) out << "              at " << f.filing_location->to_string() << "\n";
        }
        for (const auto& f : outcome.resolves) out << "  resolves:   " << finding_line(f) << "\n";
        for (const auto& f : outcome.leaves_open) out << "  leaves open: " << finding_line(f) << "\n";
        if (outcome.findings.empty() && outcome.resolves.empty() && outcome.leaves_open.empty())
            out << "  passes; it changes no finding\n";
        causing += outcome.findings.empty() ? 0 : 1;
        caused += outcome.findings.size();
    }
    const size_t total = result.outcomes.size();
    if (!result.audited) {
        out << "check-filing: " << result.problems.error_count() << " problem(s) in " << total
            << " filing(s); no rule was run and nothing was written to " << result.database << "\n";
        return;
    }
    out << "check-filing: " << total - malformed << " of " << total << " filing(s) checked against " << result.database
        << " as of " << result.as_of << ": ";
    if (causing == 0)
        out << (malformed ? "the others pass" : "all pass");
    else
        out << causing << " with findings (" << caused << " finding(s))";
    if (malformed) out << "; " << malformed << " malformed, not audited";
    out << "\n";
}

void write_filing_json(const FilingCheckResult& result, std::ostream& out) {
    Json json = {{"tool", {{"name", "recallguard"}, {"version", RECALLGUARD_VERSION}}},
                 {"as_of", result.as_of},
                 {"database", result.database},
                 {"audited", result.audited},
                 {"exit_code", result.exit_code()}};
    Json filings = Json::array();
    for (const auto& outcome : result.outcomes) {
        Json entry = {{"file", outcome.path}, {"filing_id", outcome.filing_id}, {"kind", outcome.kind}};
        Json problems = Json::array();
        for (const auto& d : result.problems.sorted())
            if (d.location.file == outcome.path)
                problems.push_back({{"code", d.code}, {"location", location_json(d.location)}, {"message", d.message}});
        entry["problems"] = problems;
        for (const auto& [name, list] :
             {std::pair{"findings", &outcome.findings}, std::pair{"resolves", &outcome.resolves},
              std::pair{"leaves_open", &outcome.leaves_open}}) {
            Json items = Json::array();
            for (const auto& f : *list) items.push_back(finding_json(f));
            entry[name] = items;
        }
        entry["status"] = !problems.empty()           ? "malformed"
                          : !outcome.findings.empty() ? "findings"
                          : result.audited            ? "passes"
                                                      : "not_checked";
        filings.push_back(entry);
    }
    json["filings"] = filings;
    out << json.dump(2) << "\n";
}

}  // namespace recallguard::filing
