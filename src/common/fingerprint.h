// Stable 64-bit fingerprints of inputs, for run metadata: same bytes, same hex. XXH3 (libxxhash)
// reads a database file at memory speed, so fingerprinting never costs an audit much.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace recallguard {

class Fingerprint {
public:
    Fingerprint();
    ~Fingerprint();
    Fingerprint(const Fingerprint&) = delete;
    Fingerprint& operator=(const Fingerprint&) = delete;

    // Adds raw bytes (a file read in pieces gives the same result as read whole).
    Fingerprint& add(std::string_view bytes);
    // Adds one field of a list, length first, so that "A" + "B" never equals "AB".
    Fingerprint& add_field(std::string_view bytes);
    // 16 lower-case hex digits.
    std::string hex() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace recallguard
