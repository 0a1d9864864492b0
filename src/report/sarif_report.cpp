// The SARIF 2.1.0 report, in the subset GitHub code scanning accepts: one run, one reportingDescriptor
// per rule, one result per finding located at the filing (when known) and at the rule's source.
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>

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
constexpr const char* kInformationUri = "https://example.invalid/recallguard";
constexpr const char* kSourceRoot = "%SRCROOT%";
constexpr const char* kFingerprintName = "recallguardFindingKey/v1";

const char* sarif_level(Severity severity) {
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

std::string file_uri(const fs::path& absolute) {
    return "file://" + percent_encode_path(absolute.generic_string());
}

struct Artifact {
    std::string uri;
    bool under_source_root = false;  // relative to %SRCROOT%
};

// A rule or filing path as GitHub wants it: relative to the repository root when it lies inside it,
// else an absolute file URI.
Artifact artifact_for(const std::string& file, const std::string& uri_base) {
    fs::path path(file);
    if (!uri_base.empty()) {
        const fs::path base = fs::absolute(fs::path(uri_base)).lexically_normal();
        const fs::path absolute = fs::absolute(path).lexically_normal();
        const fs::path relative = absolute.lexically_relative(base);
        if (relative.empty() || *relative.begin() == "..") return {file_uri(absolute), false};
        return {percent_encode_path(relative.generic_string()), true};
    }
    if (path.is_absolute()) return {file_uri(path.lexically_normal()), false};
    return {percent_encode_path(path.lexically_normal().generic_string()), true};
}

Json location_json(const SourceLocation& location, const std::string& uri_base) {
    const Artifact artifact = artifact_for(location.file, uri_base);
    Json artifact_location = {{"uri", artifact.uri}};
    if (artifact.under_source_root) artifact_location["uriBaseId"] = kSourceRoot;
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

Json rule_descriptor(const RuleRow& row) {
    findings::RuleInfo fallback;
    fallback.id = row.id;
    const auto& info = row.info ? *row.info : fallback;
    const std::string title = info.title.empty() ? row.id : info.title;
    std::string help_text, help_markdown;
    if (!info.citation.empty()) {
        help_text = info.citation;
        help_markdown = "**" + markdown_escape(info.citation) + "**";
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
    rule["help"] = {{"text", help_text}, {"markdown", help_markdown}};
    rule["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
    rule["properties"] = {{"tags", tags}, {"precision", "high"}};
    return rule;
}

bool is_baseline_state(const std::string& state) {
    return state == "new" || state == "unchanged" || state == "updated" || state == "absent";
}

// `rule_location` stands in for the finding's own when the engine left that unset: GitHub rejects a
// result with no location.
Json result_json(const Finding& f, size_t rule_index, const SourceLocation& rule_location,
                 const std::string& uri_base) {
    std::string message = f.message;
    if (message.empty())
        message = f.rule_id + ": " + findings::status_name(f.status) + " for " + f.subject_table + " " + f.subject_key;

    Json locations = Json::array();
    if (f.filing_location && !f.filing_location->file.empty())
        locations.push_back(location_json(*f.filing_location, uri_base));
    const SourceLocation& written_at = f.rule_location.file.empty() ? rule_location : f.rule_location;
    if (!written_at.file.empty()) locations.push_back(location_json(written_at, uri_base));

    Json result = {{"ruleId", findings::rule_key(f.rule_id, f.rule_version)},
                   {"ruleIndex", rule_index},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", message}}}};
    if (!locations.empty()) result["locations"] = locations;
    result["partialFingerprints"] = {{kFingerprintName, findings::finding_key(f)}};
    if (is_baseline_state(f.baseline_state)) result["baselineState"] = f.baseline_state;
    result["properties"] = {
        {"subject", {{"table", f.subject_table}, {"key", f.subject_key}}},
        {"company_id", f.company_id},
        {"status", findings::status_name(f.status)},
        {"trigger_date", optional_json(f.trigger_date)},
        {"due", optional_json(f.due)},
        {"done", optional_json(f.done)},
        {"days_late", optional_json(f.days_late)},
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

Json invocation_json(const AuditReport& report, const std::vector<RuleRow>& rows) {
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
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    return invocation;
}

}  // namespace

void write_sarif(const AuditReport& report, std::ostream& out, const ReportOptions& options) {
    const auto rows = rule_rows(report);
    std::map<std::string, size_t> rule_index;
    Json rules = Json::array();
    for (size_t i = 0; i < rows.size(); ++i) {
        rule_index[rows[i].key] = i;
        rules.push_back(rule_descriptor(rows[i]));
    }

    Json driver = {{"name", report.run.tool_name.empty() ? "recallguard" : report.run.tool_name}};
    if (!report.run.tool_version.empty()) driver["version"] = report.run.tool_version;
    driver["informationUri"] = kInformationUri;
    driver["rules"] = rules;

    Json run = {{"tool", {{"driver", driver}}}, {"invocations", Json::array({invocation_json(report, rows)})}};
    if (!options.sarif_uri_base.empty()) {
        const fs::path base = fs::absolute(fs::path(options.sarif_uri_base)).lexically_normal();
        std::string uri = file_uri(base);
        if (uri.back() != '/') uri += '/';
        run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", uri}}}};
    }
    Json results = Json::array();
    for (const auto* f : sorted_findings(report)) {
        const size_t index = rule_index.at(findings::rule_key(f->rule_id, f->rule_version));
        const SourceLocation none;
        const SourceLocation& rule_location = rows[index].info ? rows[index].info->location : none;
        results.push_back(result_json(*f, index, rule_location, options.sarif_uri_base));
    }
    run["results"] = results;
    run["columnKind"] = "unicodeCodePoints";
    run["properties"] = {
        {"as_of", report.run.as_of},
        {"database", report.run.database},
        {"database_fingerprint", report.run.database_fingerprint},
        {"rules_fingerprint", report.run.rules_fingerprint},
        {"rule_files", report.run.rule_files},
    };

    const Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out << dump_json(log, 2) << '\n';
}

}  // namespace recallguard::report
