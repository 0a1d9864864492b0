#include "cli/sarif_options.h"

#include <cstdlib>

#include "common/errors.h"
#include "report/catalogue_link.h"

namespace recallguard::cli {

void add_sarif_options(CLI::App& command, std::string& uri_base, std::string& catalogue_url, size_t* max_results) {
    command.add_option("--uri-base,--sarif-uri-base", uri_base,
                       "SARIF: file URIs are relative to this folder, the repository root (default: the current "
                       "folder)");
    command.add_option("--catalogue-url", catalogue_url,
                       "SARIF: where the rule catalogue (recallguard doc --format html) is published; each rule "
                       "links to its entry (default: $RECALLGUARD_CATALOGUE_URL)");
    if (max_results)
        command.add_option("--sarif-max-results", *max_results,
                           "SARIF: keep at most this many results, the most severe (default 25000, GitHub's limit; "
                           "0 = all)");
}

void set_sarif_options(report::ReportOptions& options, const std::string& uri_base, const std::string& catalogue_url,
                       size_t max_results) {
    options.sarif_uri_base = uri_base;
    std::string url = catalogue_url;
    const char* from_environment = std::getenv("RECALLGUARD_CATALOGUE_URL");
    if (url.empty() && from_environment) url = from_environment;
    if (!url.empty() && !report::is_web_url(url))
        throw InputError("--catalogue-url '" + url + "' is not an absolute http or https URL" +
                         (catalogue_url.empty() ? " (from RECALLGUARD_CATALOGUE_URL)" : ""));
    options.catalogue_url = url;
    options.sarif_max_results = max_results;
}

}  // namespace recallguard::cli
