// The SARIF 2.1.0 report, in the subset GitHub code scanning accepts: one run, one reportingDescriptor
// per rule, one result per finding located at the filing (when known) and at the rule's source.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>

#include "report/catalogue_link.h"
#include "report/formats.h"
#include "report/json_values.h"
#include "report/summary.h"

namespace recallguard::report {

using findings::AuditReport;
using findings::Finding;
using findings::RuleRunStatus;
using findings::Severity;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSourceRoot = "%SRCROOT%";
constexpr const char* kFingerprintName = "recallguardFindingKey/v1";

// A signal warrants investigation, it proves nothing: always a warning. Other findings by severity.
const char* sarif_level(Severity severity, bool signal) {
    if (signal) return "warning";
    switch (severity) {
        case Severity::Critical:
        case Severity::High:
            return "error";
        case Severity::Medium:
            return "warning";
        case Severity::Low:
        case Severity::Info:
            return "note";
    }
    return "warning";
}

// Percent-encodes a path for a URI: unreserved characters, '/' and harmless sub-delimiters stay;
// everything else (space, '%', '#', '?', ':', non-ASCII bytes) is encoded, so a file name can never
// read as a scheme, query or fragment.
std::string percent_encode_path(const std::string& path) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) ||
            std::string_view("-._~/!$&'()*+,;=@").find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

// A rule or filing path as GitHub wants it: relative to the base (--uri-base, else the current
// folder), always with uriBaseId %SRCROOT% and never as a file:/// URI of the machine that ran the
// audit. A file outside the base is reached with "../" segments.
std::string relative_uri(const std::string& file, const std::string& uri_base) {
    const fs::path base = fs::absolute(fs::path(uri_base.empty() ? "." : uri_base)).lexically_normal();
    const fs::path absolute = fs::absolute(fs::path(file)).lexically_normal();
    fs::path relative = absolute.lexically_relative(base);
    if (relative.empty()) relative = absolute.filename();
    return percent_encode_path(relative.generic_string());
}

Json location_json(const SourceLocation& location, const std::string& uri_base) {
    Json artifact_location = {{"uri", relative_uri(location.file, uri_base)}, {"uriBaseId", kSourceRoot}};
    Json physical = {{"artifactLocation", artifact_location}};
    if (location.known()) {
        physical["region"] = {{"startLine", location.line}};
        if (location.column > 0) physical["region"]["startColumn"] = location.column;
    }
    return {{"physicalLocation", physical}};
}

// "Harm report within 2 working days" -> "HarmReportWithin2WorkingDays"; the id when the title
// has no ASCII words (a title in Chinese, say).
std::string camel_case(const std::string& title, const std::string& id) {
    for (const std::string* source : {&title, &id}) {
        std::string name;
        bool word_start = true;
        for (unsigned char c : *source) {
            if (std::isalnum(c)) {
                name += static_cast<char>(word_start ? std::toupper(c) : (source == &id ? std::tolower(c) : c));
                word_start = false;
            } else {
                word_start = true;
            }
        }
        if (!name.empty()) return name;
    }
    return "Rule";
}

// Backslash-escapes the characters that start Markdown emphasis, links, code, HTML, headings,
// tables or entities, so rule text shows literally in GitHub's rendering.
std::string markdown_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

Json rule_descriptor(const RuleRow& row, const std::string& catalogue_url) {
    findings::RuleInfo fallback;
    fallback.id = row.id;
    const auto& info = row.info ? *row.info : fallback;
    const std::string title = info.title.empty() ? row.id : info.title;
    std::string help_text, help_markdown;
    const std::string instrument = instrument_text(info.instrument, info.instrument_source);
    if (!info.citation.empty() || !instrument.empty()) {
        const std::string cited = info.citation.empty() ? instrument
                                  : instrument.empty()  ? info.citation
                                                        : info.citation + ", " + instrument;
        help_text = cited;
        help_markdown = "**" + markdown_escape(cited) + "**";
    }
    if (!info.description.empty()) {
        help_text += (help_text.empty() ? "" : "\n\n") + info.description;
        help_markdown += (help_markdown.empty() ? "" : "\n\n") + markdown_escape(info.description);
    }
    if (help_text.empty()) help_text = title, help_markdown = markdown_escape(title);

    Json tags = Json::array();
    for (const std::string* tag : {&info.category, &info.package})
        if (!tag->empty()) tags.push_back(*tag);

    // Each version of a rule with several is a descriptor of its own: "ID@2024-12-13..".
    Json rule = {{"id", row.key}, {"name", camel_case(info.title, row.id)}, {"shortDescription", {{"text", title}}}};
    if (!info.description.empty()) rule["fullDescription"] = {{"text", info.description}};
    if (!catalogue_url.empty()) rule["helpUri"] = catalogue_entry_url(catalogue_url, row.key);
    rule["help"] = {{"text", help_text}, {"markdown", help_markdown}};
    rule["defaultConfiguration"] = {{"level", sarif_level(info.severity, info.category == "signal")}};
    rule["properties"] = {{"tags", tags}, {"precision", "high"}};
    return rule;
}

bool is_baseline_state(const std::string& state) {
    return state == "new" || state == "unchanged" || state == "updated" || state == "absent";
}

// `rule_location` stands in for the finding's own when the engine left that unset: GitHub rejects a
// result with no location.
Json result_json(const Finding& f, size_t rule_index, const SourceLocation& rule_location, const std::string& uri_base,
                 const std::string& fingerprint) {
    std::string message = f.message;
    if (message.empty())
        message = f.rule_id + ": " + findings::status_name(f.status) + " for " + f.subject_table + " " + f.subject_key;
    // Whom and which law the finding concerns, in the text a reader of the alert sees.
    std::string about = "Company: " + company_text(f.company_id, f.company_name) + ".";
    const std::string instrument = instrument_text(f.instrument, f.instrument_source);
    if (!f.citation.empty() || !instrument.empty())
        about += " Basis: " + f.citation + (f.citation.empty() || instrument.empty() ? "" : ", ") + instrument + ".";
    if (f.days_overdue) about += " " + std::to_string(*f.days_overdue) + " days overdue.";
    message += "\n\n" + about;

    Json locations = Json::array();
    if (f.filing_location && !f.filing_location->file.empty())
        locations.push_back(location_json(*f.filing_location, uri_base));
    const SourceLocation& written_at = f.rule_location.file.empty() ? rule_location : f.rule_location;
    if (!written_at.file.empty()) locations.push_back(location_json(written_at, uri_base));

    Json result = {{"ruleId", findings::rule_key(f.rule_id, f.rule_version)},
                   {"ruleIndex", rule_index},
                   {"level", sarif_level(f.severity, f.status == findings::Status::Signal)},
                   {"message", {{"text", message}}}};
    if (!locations.empty()) result["locations"] = locations;
    result["partialFingerprints"] = {{kFingerprintName, fingerprint}};
    if (is_baseline_state(f.baseline_state)) result["baselineState"] = f.baseline_state;
    result["properties"] = {
        {"subject", {{"table", f.subject_table}, {"key", f.subject_key}}},
        {"company_id", f.company_id},
        {"company_name", f.company_name.empty() ? Json(nullptr) : Json(f.company_name)},
        {"instrument", {{"title", f.instrument}, {"source", f.instrument_source}}},
        {"citation", f.citation},
        {"status", findings::status_name(f.status)},
        {"trigger_date", optional_json(f.trigger_date)},
        {"due", optional_json(f.due)},
        {"done", optional_json(f.done)},
        {"days_late", optional_json(f.days_late)},
        {"days_overdue", optional_json(f.days_overdue)},
        {"period", optional_json(f.period)},
        {"evidence", f.evidence},
    };
    if (!f.baseline_state.empty() && !is_baseline_state(f.baseline_state))
        result["properties"]["baseline_state"] = f.baseline_state;
    return result;
}

// SARIF times are date-time strings; a RunInfo time that is not one is left out rather than
// making the whole log invalid.
bool is_utc_timestamp(const std::string& text) {
    static const std::regex kTimestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
    return std::regex_match(text, kTimestamp);
}

Json invocation_json(const AuditReport& report, const std::vector<RuleRow>& rows, size_t results_total,
                     size_t results_kept) {
    Json invocation = {{"executionSuccessful", true}};
    if (is_utc_timestamp(report.run.started_at)) invocation["startTimeUtc"] = report.run.started_at;
    if (is_utc_timestamp(report.run.finished_at)) invocation["endTimeUtc"] = report.run.finished_at;
    // Each rule parameter set for this run (--param): the rules that ran are not the published ones.
    if (!report.run.parameters.empty()) {
        Json parameters = Json::object();
        for (const auto& [name, value] : report.run.parameters) parameters[name] = value;
        invocation["properties"] = {{"parameters", parameters}};
    }
    // A rule that failed or was skipped found nothing it could report: say so, or its silence
    // would read as compliance.
    Json notifications = Json::array();
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto* status = rows[i].status;
        if (!status || status->state == RuleRunStatus::State::Ok) continue;
        const bool failed = status->state == RuleRunStatus::State::Error;
        std::string text = "Rule " + rows[i].key + (failed ? " failed" : " was skipped");
        if (!status->detail.empty()) text += ": " + status->detail;
        notifications.push_back({{"level", failed ? "error" : "note"},
                                 {"message", {{"text", text}}},
                                 {"associatedRule", {{"id", rows[i].key}, {"index", i}}}});
    }
    if (results_kept < results_total)
        notifications.push_back(
            {{"level", "warning"}, {"message", {{"text", sarif_truncation_message(results_total, results_kept)}}}});
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    return invocation;
}

int level_rank(const Finding& f) {
    const std::string level = sarif_level(f.severity, f.status == findings::Status::Signal);
    return level == "error" ? 0 : level == "warning" ? 1 : 2;
}

// Distinct problems get distinct fingerprints: the finding's key (rule, subject, period), the place
// in a filing when it has one (several problems of one filing differ there), and, should two
// findings still share all of that, their rank among themselves in reporting order.
std::vector<std::string> fingerprints(const std::vector<const Finding*>& all, const std::string& uri_base) {
    std::vector<std::string> result;
    std::map<std::string, size_t> seen;
    for (const auto* f : all) {
        std::string key = findings::finding_key(*f);
        if (f->filing_location && !f->filing_location->file.empty())
            key += "|" + relative_uri(f->filing_location->file, uri_base) + ":" +
                   std::to_string(f->filing_location->line) + ":" + std::to_string(f->filing_location->column);
        const size_t n = ++seen[key];
        result.push_back(n == 1 ? key : key + "|" + std::to_string(n));
    }
    return result;
}

}  // namespace

std::string sarif_truncation_message(size_t total, size_t kept) {
    return std::to_string(total - kept) + " of " + std::to_string(total) +
           " results were left out of this SARIF log: GitHub code scanning accepts at most " + std::to_string(kept) +
           " results in a run (--sarif-max-results). The results kept are the most severe (errors, then warnings, "
           "then notes), in reporting order; the JSON, JSONL and CSV reports list every finding.";
}

void write_sarif(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const auto rows = rule_rows(report);
    std::map<std::string, size_t> rule_index;
    Json rules = Json::array();
    for (size_t i = 0; i < rows.size(); ++i) {
        rule_index[rows[i].key] = i;
        rules.push_back(rule_descriptor(rows[i], options.catalogue_url));
    }

    // GitHub code scanning refuses a run of more than 25,000 results: keep the most severe.
    const auto all = sorted_findings(report);
    const auto prints = fingerprints(all, options.sarif_uri_base);
    std::vector<size_t> kept(all.size());
    for (size_t i = 0; i < kept.size(); ++i) kept[i] = i;
    if (options.sarif_max_results > 0 && kept.size() > options.sarif_max_results) {
        std::stable_sort(kept.begin(), kept.end(),
                         [&](size_t a, size_t b) { return level_rank(*all[a]) < level_rank(*all[b]); });
        kept.resize(options.sarif_max_results);
        std::sort(kept.begin(), kept.end());
    }

    Json driver = {{"name", report.run.tool_name.empty() ? "recallguard" : report.run.tool_name}};
    if (!report.run.tool_version.empty()) driver["version"] = report.run.tool_version;
    // The published rule catalogue is the information about what this tool checks.
    if (!options.catalogue_url.empty()) driver["informationUri"] = options.catalogue_url;
    driver["rules"] = rules;

    Json run = {{"tool", {{"driver", driver}}},
                {"invocations", Json::array({invocation_json(report, rows, all.size(), kept.size())})}};
    Json results = Json::array();
    for (const size_t i : kept) {
        const auto* f = all[i];
        const size_t index = rule_index.at(findings::rule_key(f->rule_id, f->rule_version));
        const SourceLocation none;
        const SourceLocation& rule_location = rows[index].info ? rows[index].info->location : none;
        results.push_back(result_json(*f, index, rule_location, options.sarif_uri_base, prints[i]));
    }
    run["results"] = results;
    run["columnKind"] = "unicodeCodePoints";
    run["properties"] = {
        {"as_of", report.run.as_of},
        {"database", report.run.database},
        {"database_fingerprint", report.run.database_fingerprint},
        {"rules_fingerprint", report.run.rules_fingerprint},
        {"rule_files", report.run.rule_files},
        {"results_total", all.size()},
        {"results_omitted", all.size() - kept.size()},
        {"database_sha256", report.run.database_sha256},
        {"rule_files_sha256", Json::object()},
    };
    for (const auto& [file, digest] : report.run.rule_file_sha256)
        run["properties"]["rule_files_sha256"][file] = digest;

    const Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out << dump_json(log, 2) << '\n';
}

}  // namespace recallguard::report
