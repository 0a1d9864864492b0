// The stylesheet and script inlined into every HTML report, so the page needs no network.
#pragma once

namespace recallguard::report {

extern const char* const kHtmlStyle;
// Sorts the findings table on header clicks and filters it by text, status and severity.
// It logs nothing: the browser test treats any console output as a failure.
extern const char* const kHtmlScript;

}  // namespace recallguard::report
