// libFuzzer target: calendar-file text -> parse_calendar (and the calendar's queries when it loads).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    recallguard::fuzz::run_calendar_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
