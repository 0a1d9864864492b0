// A findings database that keeps every stored audit run, so audits can be compared over time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "findings/finding.h"

namespace recallguard::engine {

// Appends the run and its findings in one transaction (all or nothing); returns the run id.
int64_t store_run(const std::string& path, const findings::AuditReport& report);

// The findings of a stored run; InputError when the run does not exist.
std::vector<findings::Finding> load_stored_run(const std::string& path, int64_t run_id);

}  // namespace recallguard::engine
