// libFuzzer target: a filing file's bytes -> load_filing (JSON with positions, schema checks).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    recallguard::fuzz::run_filing_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
