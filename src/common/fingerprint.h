// Stable 64-bit fingerprints (FNV-1a) of inputs, for run metadata: same bytes, same hex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace recallguard {

inline constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ull;

// Continues `hash` over `bytes` (start with kFnvOffsetBasis).
inline uint64_t fnv1a(std::string_view bytes, uint64_t hash = kFnvOffsetBasis) {
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

// 16 lower-case hex digits.
std::string fingerprint_hex(uint64_t hash);

}  // namespace recallguard
