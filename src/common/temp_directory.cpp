#include "common/temp_directory.h"

#include <stdlib.h>

#include <filesystem>

#include "common/errors.h"

namespace recallguard {
namespace fs = std::filesystem;

TempDirectory::TempDirectory(const std::string& purpose) {
    std::string pattern = (fs::temp_directory_path() / ("recallguard-" + purpose + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw InternalError("cannot create a temporary folder for " + purpose);
    path_ = pattern;
}

TempDirectory::~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string TempDirectory::file(const std::string& name) const {
    return (fs::path(path_) / name).string();
}

}  // namespace recallguard
