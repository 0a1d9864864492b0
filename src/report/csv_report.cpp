// The CSV report: RFC 4180, one row per finding, guarded against spreadsheet formula injection.
#include <string_view>
#include <vector>

#include "report/escaping.h"
#include "report/formats.h"
#include "report/summary.h"

namespace recallguard::report {

namespace {

constexpr std::string_view kHeader =
    "rule_id,package,severity,category,company_id,company_name,subject_table,subject_key,period,status,"
    "trigger_date,due,done,days_late,days_overdue,instrument,instrument_source,citation,evidence,message";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Spreadsheets run a cell that starts with = + @ (or - before anything but a number, or tab / CR)
// as a formula; a leading apostrophe makes them show it as text. Dates and negative numbers stay.
bool looks_like_formula(std::string_view cell) {
    if (cell.empty()) return false;
    switch (cell[0]) {
        case '=':
        case '+':
        case '@':
        case '\t':
        case '\r':
            return true;
        case '-':
            return cell.size() == 1 || !is_digit(cell[1]);
        default:
            return false;
    }
}

// A cell is valid UTF-8 without NUL (which ends a string in many readers): a malformed sequence
// or a NUL becomes U+FFFD.
std::string csv_cell(std::string_view value) {
    std::string clean;
    for (char c : sanitize_utf8(value)) {
        if (c == '\0')
            clean += "\xEF\xBF\xBD";
        else
            clean += c;
    }
    std::string cell = looks_like_formula(clean) ? "'" + clean : clean;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

template <typename T>
std::string text_of(const std::optional<T>& value) {
    if (!value) return "";
    if constexpr (std::is_same_v<T, std::string>)
        return *value;
    else
        return std::to_string(*value);
}

}  // namespace

void write_csv(const findings::AuditReport& report, std::ostream& out) {
    // RFC 4180 ends records with CRLF; every field keeps its bytes (apart from the guard;
    // malformed UTF-8 and NUL become U+FFFD).
    out << kHeader << "\r\n";
    for (const auto* f : sorted_findings(report)) {
        const std::vector<std::string> row{
            f->rule_id,
            f->package,
            findings::severity_name(f->severity),
            f->category,
            f->company_id,
            f->company_name,
            f->subject_table,
            f->subject_key,
            text_of(f->period),
            findings::status_name(f->status),
            text_of(f->trigger_date),
            text_of(f->due),
            text_of(f->done),
            text_of(f->days_late),
            text_of(f->days_overdue),
            f->instrument,
            f->instrument_source,
            f->citation,
            // The rows and values that decided it (a finding per group: its `members`), as compact JSON.
            f->evidence.empty() ? std::string() : dump_json(f->evidence, -1),
            f->message,
        };
        for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_cell(row[i]);
        out << "\r\n";
    }
}

}  // namespace recallguard::report
