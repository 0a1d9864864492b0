// Reporters: turn an audit's findings into bytes in one of several formats; they never touch a database.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "findings/finding.h"

namespace recallguard::report {

enum class Format { Text, Json, Jsonl, Csv, Sarif, Junit, Html };

// Accepts the names `format_name` returns, in any letter case; nullopt for anything else.
std::optional<Format> parse_format(const std::string& name);
const char* format_name(Format format);
// Every format's name, in enum order (for --help texts and did-you-mean).
std::vector<std::string> format_names();

struct ReportOptions {
    bool color = false;            // ANSI colours in the text format (the CLI sets it when stdout is a TTY)
    std::string sarif_uri_base;    // repo root that SARIF URIs are made relative to; "" = paths as given
    bool include_timings = false;  // rule timings make output differ run to run, so they are opt-in
};

// Writes `report` to `out`. The same report and options always give the same bytes.
void write_report(const findings::AuditReport& report, Format format, std::ostream& out, const ReportOptions& options);

}  // namespace recallguard::report
