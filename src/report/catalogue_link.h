// Links to the published rule catalogue (`recallguard doc --format html`): the one place that
// decides a rule's anchor, so the catalogue's ids and the reports' links always agree.
#pragma once

#include <string>

namespace recallguard::report {

// A link target made only of [A-Za-z0-9-] ("rule-CN-CP-PLAN"), safe in HTML and Markdown alike.
std::string anchor_id(const std::string& prefix, const std::string& name);

// The catalogue entry of a rule version (its key, see findings::rule_key) under `catalogue_url`,
// the address the catalogue is published at: "https://x.example/catalogue.html#rule-CN-CP-PLAN".
// A fragment already in `catalogue_url` is replaced.
std::string catalogue_entry_url(const std::string& catalogue_url, const std::string& rule_key);

// True for an absolute http or https URL with a host and no spaces or control characters.
bool is_web_url(const std::string& url);

}  // namespace recallguard::report
