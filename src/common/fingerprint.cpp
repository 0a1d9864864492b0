#include "common/fingerprint.h"

#include <cstdio>

namespace recallguard {

std::string fingerprint_hex(uint64_t hash) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

}  // namespace recallguard
