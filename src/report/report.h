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

// --color: `auto` colours the text report only on a terminal, and then not when the NO_COLOR
// environment variable is set to anything but "" (no-color.org) or TERM is `dumb`; `always` and
// `never` are as said, whatever the environment.
enum class ColorMode { Auto, Always, Never };
std::optional<ColorMode> parse_color_mode(const std::string& name);
// The one place that decides: `no_color` and `term` are the variables' values (nullptr when unset).
bool use_color(ColorMode mode, bool to_terminal, const char* no_color, const char* term);

// GitHub code scanning's limit on the results of one SARIF run.
constexpr size_t kSarifMaxResults = 25000;

// What the SARIF log (and the CLI, on stderr) says when it leaves results out.
std::string sarif_truncation_message(size_t total, size_t kept);

struct ReportOptions {
    bool color = false;          // ANSI colours in the text format (the CLI sets it with use_color)
    std::string sarif_uri_base;  // the folder SARIF URIs are relative to (uriBaseId %SRCROOT%); "" = the current one
    // Where the rule catalogue is published (an http(s) URL): SARIF's informationUri, and each rule's
    // helpUri points at its entry there. "" = neither is given (there is no address to give).
    std::string catalogue_url;
    // At most this many SARIF results (0 = all): GitHub code scanning refuses a run of more.
    size_t sarif_max_results = kSarifMaxResults;
    bool include_timings = false;  // rule timings make output differ run to run, so they are opt-in
};

// Writes `report` to `out`. The same report and options always give the same bytes.
void write_report(const findings::AuditReport& report, Format format, std::ostream& out, const ReportOptions& options);

}  // namespace recallguard::report
