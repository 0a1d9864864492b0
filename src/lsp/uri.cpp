#include "lsp/uri.h"

#include <cctype>
#include <filesystem>

namespace recallguard::lsp {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> path_of_uri(const std::string& uri) {
    const std::string scheme = "file://";
    if (uri.size() < scheme.size() || uri.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
    std::string rest = uri.substr(scheme.size());
    if (rest.compare(0, 9, "localhost") == 0) rest = rest.substr(9);
    if (rest.empty() || rest[0] != '/') return std::nullopt;  // another host's file
    if (const size_t cut = rest.find_first_of("?#"); cut != std::string::npos) rest.resize(cut);
    std::string path;
    for (size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != '%') {
            path += rest[i];
            continue;
        }
        const int high = i + 1 < rest.size() ? hex_value(rest[i + 1]) : -1;
        const int low = i + 2 < rest.size() ? hex_value(rest[i + 2]) : -1;
        if (high < 0 || low < 0) return std::nullopt;
        const char byte = static_cast<char>(high * 16 + low);
        if (byte == '\0') return std::nullopt;
        path += byte;
        i += 2;
    }
    return std::filesystem::path(path).lexically_normal().string();
}

std::string uri_of_path(const std::string& path) {
    static const char* kHex = "0123456789ABCDEF";
    std::error_code error;
    std::filesystem::path absolute_path = std::filesystem::absolute(path, error);
    if (error) absolute_path = path;
    const std::string absolute = absolute_path.lexically_normal().string();
    std::string uri = "file://";
    for (const char c : absolute) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[byte >> 4];
            uri += kHex[byte & 0xF];
        }
    }
    return uri;
}

}  // namespace recallguard::lsp
