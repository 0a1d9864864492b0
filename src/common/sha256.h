// SHA-256 digests of inputs, for the audit record: a regulator may present a report in enforcement
// proceedings, and a digest that identifies the audited bytes must be a cryptographic one.
// OpenSSL's libcrypto (EVP interface) computes it; see docs/building.md for why that library.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace recallguard {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    // Adds raw bytes (a file read in pieces gives the same result as read whole).
    Sha256& add(std::string_view bytes);
    // 64 lower-case hex digits. Ends the computation: add() after it is an error.
    std::string hex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace recallguard
