// A request the server refuses, with its JSON-RPC error code.
#pragma once

#include <stdexcept>
#include <string>

namespace recallguard::lsp {

class RequestError : public std::runtime_error {
public:
    RequestError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

}  // namespace recallguard::lsp
