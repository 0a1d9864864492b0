// Rule diagnostics (from lint and check) as JSON or SARIF, for pipelines and editors.
#pragma once

#include <ostream>
#include <vector>

#include "common/diagnostic.h"

namespace recallguard::report {

enum class DiagnosticsFormat { Json, Sarif };

void write_diagnostics(const std::vector<Diagnostic>& diagnostics, DiagnosticsFormat format, std::ostream& out);

}  // namespace recallguard::report
