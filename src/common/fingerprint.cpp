#include "common/fingerprint.h"

#include <xxhash.h>

#include <cstdio>
#include <new>

namespace recallguard {

struct Fingerprint::State {
    XXH3_state_t* xxh = nullptr;
};

Fingerprint::Fingerprint() : state_(std::make_unique<State>()) {
    state_->xxh = XXH3_createState();
    if (!state_->xxh) throw std::bad_alloc();
    XXH3_64bits_reset(state_->xxh);
}

Fingerprint::~Fingerprint() {
    XXH3_freeState(state_->xxh);
}

Fingerprint& Fingerprint::add(std::string_view bytes) {
    XXH3_64bits_update(state_->xxh, bytes.data(), bytes.size());
    return *this;
}

Fingerprint& Fingerprint::add_field(std::string_view bytes) {
    const auto length = std::to_string(bytes.size()) + ":";
    return add(length).add(bytes);
}

std::string Fingerprint::hex() const {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH3_64bits_digest(state_->xxh)));
    return hex;
}

}  // namespace recallguard
