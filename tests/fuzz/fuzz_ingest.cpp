// libFuzzer target: CSV/JSON ingest files -> the CSV reader and the row readers of every table.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    recallguard::fuzz::run_ingest_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
