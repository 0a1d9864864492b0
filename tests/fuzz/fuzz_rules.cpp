// libFuzzer target: rule-file text -> parser -> checker -> compiler. Any crash, sanitizer report
// or escaping exception is a bug: bad rule text must only ever produce diagnostics.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    recallguard::fuzz::run_rules_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
