// The audit pipeline: checked rules -> compiled SQL -> working database -> parallel execution -> report.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "engine/rule_loader.h"
#include "findings/finding.h"

namespace recallguard::engine {

struct AuditOptions {
    std::string database;
    std::string as_of;  // YYYY-MM-DD
    bool include_pending = false;
    int jobs = 1;
    std::vector<std::string> rule_ids;  // empty = all
    std::vector<std::string> packages;  // empty = all
    int64_t max_findings = 0;
    double rule_timeout_seconds = 0;
    // Called (from worker threads, one call at a time) after each rule finishes.
    std::function<void(size_t finished, size_t total, const std::string& rule_id)> on_rule_finished;
};

// Rules chosen by id and package. Throws InputError naming what does not exist: an audit
// never reports "clean" for a rule it did not run.
std::vector<const checker::BoundRule*> select_rules(const checker::BoundProgram& program,
                                                    const std::vector<std::string>& rule_ids,
                                                    const std::vector<std::string>& packages);

findings::AuditReport run_audit(const LoadedRules& rules, const AuditOptions& options);

// 16 hex digits identifying a file's bytes.
std::string file_fingerprint(const std::string& path);

struct FileDigests {
    std::string fingerprint;  // XXH3, 16 hex digits
    std::string sha256;       // 64 hex digits
};
// Both digests of a file's bytes, from one read of the file.
FileDigests file_digests(const std::string& path);

// Today's date (UTC) as YYYY-MM-DD, the default audit date.
std::string today();

}  // namespace recallguard::engine
