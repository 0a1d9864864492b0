// Helpers shared by the robustness CLI tests: file hashes, a small case database built through
// the real `init` and `ingest` commands, and a child's peak memory.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdint>
#include <string>

#include "../unit/temp_dir.h"
#include "run_cli.h"

namespace recallguard::test {

// FNV-1a 64 over a file's bytes, as hex: equal hashes before and after = the file was not written.
inline std::string file_hash(const std::string& path) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : read_bytes(path)) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return std::to_string(hash);
}

// A rule pack with one signal rule that reports every product with its brand, model and a
// text parameter in the message: whatever is in the data or the parameter reaches every format.
inline const char* kEchoRules = R"(package test.echo {
  title "Echo test pack"
  authority "test"
  jurisdiction "any"
}

rule T-ECHO {
  title "Every product, with its values"
  cite "test"
  category signal
  severity high
  param label = "plain"

  for p in products
  where p.model != "'; DROP TABLE filings; --"
  signal when p.units_sold >= 0
  message "{p.brand}|{p.model}|{label}"
}
)";

// Peak resident set (KiB) of the children this process has waited for so far.
inline long children_max_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

}  // namespace recallguard::test
