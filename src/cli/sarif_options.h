// The options of the commands that write SARIF (check, check-filing): the base of relative URIs,
// the rule catalogue's address, and GitHub's limit on results.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

#include "report/report.h"

namespace recallguard::cli {

// --uri-base (also --sarif-uri-base), --catalogue-url and, when `max_results` is given,
// --sarif-max-results.
void add_sarif_options(CLI::App& command, std::string& uri_base, std::string& catalogue_url, size_t* max_results);

// Copies them into `options`. The catalogue URL defaults to $RECALLGUARD_CATALOGUE_URL; one that
// is not an absolute http(s) URL is bad input (InputError).
void set_sarif_options(report::ReportOptions& options, const std::string& uri_base, const std::string& catalogue_url,
                       size_t max_results);

}  // namespace recallguard::cli
