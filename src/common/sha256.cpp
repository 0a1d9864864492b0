#include "common/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace recallguard {

struct Sha256::State {
    EVP_MD_CTX* context = nullptr;
    bool finished = false;
};

namespace {

void require(int ok, const char* what) {
    if (ok != 1) throw std::runtime_error(std::string("SHA-256: ") + what + " failed (libcrypto)");
}

}  // namespace

Sha256::Sha256() : state_(std::make_unique<State>()) {
    state_->context = EVP_MD_CTX_new();
    if (!state_->context) throw std::runtime_error("SHA-256: out of memory (libcrypto)");
    require(EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr), "initialisation");
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(state_->context);
}

Sha256& Sha256::add(std::string_view bytes) {
    if (state_->finished) throw std::logic_error("Sha256::add after hex()");
    require(EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()), "update");
    return *this;
}

std::string Sha256::hex() {
    if (state_->finished) throw std::logic_error("Sha256::hex called twice");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    require(EVP_DigestFinal_ex(state_->context, digest, &length), "finalisation");
    state_->finished = true;
    static const char* const kHex = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0xF];
    }
    return text;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.add(bytes);
    return hash.hex();
}

}  // namespace recallguard
