// The stylesheet and script inlined into every HTML report, so the page needs no network.
#pragma once

namespace recallguard::report {

extern const char* const kHtmlStyle;
// Sorts the findings table on header clicks, filters it by text, status and severity, and shows it
// a page at a time; what it reads from the DOM it reads once, so each of these is immediate at
// thousands of rows. Controls that need it are hidden until it runs.
// It logs nothing: the browser test treats any console output as a failure.
extern const char* const kHtmlScript;

}  // namespace recallguard::report
