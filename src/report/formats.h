// The writer behind each report format; write_report (report.cpp) picks one. One file per format.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "findings/finding.h"
#include "report/report.h"

namespace recallguard::report {

void write_text(const findings::AuditReport& report, std::ostream& out, const ReportOptions& options);
void write_json(const findings::AuditReport& report, std::ostream& out, const ReportOptions& options);
void write_jsonl(const findings::AuditReport& report, std::ostream& out);
void write_csv(const findings::AuditReport& report, std::ostream& out);
void write_sarif(const findings::AuditReport& report, std::ostream& out, const ReportOptions& options);
void write_junit(const findings::AuditReport& report, std::ostream& out, const ReportOptions& options);
void write_html(const findings::AuditReport& report, std::ostream& out, const ReportOptions& options);

// A finding as the JSON and JSONL formats give it (also embedded by others).
nlohmann::ordered_json finding_json(const findings::Finding& finding);

// JSON text that is valid UTF-8 whatever bytes the values hold (malformed ones become U+FFFD).
// indent < 0 gives one line.
std::string dump_json(const nlohmann::ordered_json& value, int indent);

}  // namespace recallguard::report
