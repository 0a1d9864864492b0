#include "report/diagnostics_report.h"

#include <map>
#include <nlohmann/json.hpp>

namespace recallguard::report {
namespace {

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
    auto items = nlohmann::ordered_json::array();
    size_t errors = 0, warnings = 0;
    for (const auto& d : diagnostics) {
        items.push_back({{"severity", severity_name(d.severity)},
                         {"code", d.code},
                         {"file", d.location.file},
                         {"line", d.location.line},
                         {"column", d.location.column},
                         {"message", d.message}});
        if (d.severity == Severity::Error) ++errors;
        if (d.severity == Severity::Warning) ++warnings;
    }
    return {{"diagnostics", items}, {"summary", {{"errors", errors}, {"warnings", warnings}}}};
}

nlohmann::ordered_json diagnostics_sarif(const std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, size_t> rule_index;
    auto rules = nlohmann::ordered_json::array();
    auto results = nlohmann::ordered_json::array();
    for (const auto& d : diagnostics) {
        if (!rule_index.count(d.code)) {
            rule_index[d.code] = rules.size();
            rules.push_back(
                {{"id", d.code}, {"shortDescription", {{"text", "recallguard rule-language check " + d.code}}}});
        }
    }
    for (const auto& d : diagnostics) {
        nlohmann::ordered_json region = {{"startLine", std::max(1, d.location.line)}};
        if (d.location.column > 0) region["startColumn"] = d.location.column;
        results.push_back(
            {{"ruleId", d.code},
             {"ruleIndex", rule_index[d.code]},
             {"level", d.severity == Severity::Error     ? "error"
                       : d.severity == Severity::Warning ? "warning"
                                                         : "note"},
             {"message", {{"text", d.message}}},
             {"locations",
              {{{"physicalLocation", {{"artifactLocation", {{"uri", d.location.file}}}, {"region", region}}}}}}});
    }
    return {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         {{{"tool", {{"driver", {{"name", "recallguard-lint"}, {"version", RECALLGUARD_VERSION}, {"rules", rules}}}}},
           {"results", results}}}}};
}

}  // namespace

void write_diagnostics(const std::vector<Diagnostic>& diagnostics, DiagnosticsFormat format, std::ostream& out) {
    const auto document =
        format == DiagnosticsFormat::Json ? diagnostics_json(diagnostics) : diagnostics_sarif(diagnostics);
    out << document.dump(2) << "\n";
}

}  // namespace recallguard::report
