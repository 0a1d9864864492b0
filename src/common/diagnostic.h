// User-facing diagnostics: severity, stable code, location, message; collected, sorted, rendered.
#pragma once

#include <string>
#include <vector>

#include "common/diagnostic_codes.h"
#include "common/source_location.h"

namespace recallguard {

enum class Severity { Error, Warning, Note };

const char* severity_name(Severity severity);

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;  // stable, from the registry (common/diagnostic_codes.h): "E-UNKNOWN-COLUMN"
    SourceLocation location;
    std::string message;
    int length = 1;  // characters the caret underlines
    // What the message suggests writing instead of the underlined text ("did you mean"), or "":
    // editors offer it as a quick fix.
    std::string replacement;
};

// Collects every diagnostic of a run so all are reported at once, in source order.
class DiagnosticBag {
public:
    // Both return the diagnostic added, so a caller can attach a suggested replacement.
    Diagnostic& error(DiagnosticCode code, SourceLocation location, std::string message, int length = 1);
    Diagnostic& warning(DiagnosticCode code, SourceLocation location, std::string message, int length = 1);
    void add(Diagnostic diagnostic);
    void append(const DiagnosticBag& other);

    bool has_errors() const;
    size_t error_count() const;
    size_t warning_count() const;
    bool empty() const { return items_.empty(); }
    // Sorted by file, line, column, then code, so output is deterministic.
    std::vector<Diagnostic> sorted() const;
    const std::vector<Diagnostic>& items() const { return items_; }

private:
    std::vector<Diagnostic> items_;
};

// `file:line:col: error[CODE]: message`, then the source line and a caret under the column.
std::string render_diagnostic(const Diagnostic& diagnostic, const std::string& source_text);

// Returns the closest candidate by edit distance, or "" when none is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace recallguard
