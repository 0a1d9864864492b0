// `file:` URIs (RFC 8089, as editors write them) to paths and back.
#pragma once

#include <optional>
#include <string>

namespace recallguard::lsp {

// The local path of a `file://` URI (percent-escapes decoded, `localhost` authority allowed);
// nullopt for any other URI (an editor's `untitled:` buffer, a remote file) or a malformed one.
std::optional<std::string> path_of_uri(const std::string& uri);

// `file://` and the absolute path with every byte but unreserved characters and '/' escaped.
std::string uri_of_path(const std::string& path);

}  // namespace recallguard::lsp
