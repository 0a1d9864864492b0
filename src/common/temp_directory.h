// A private temporary folder (mkdtemp) removed with everything in it when it goes out of scope.
#pragma once

#include <string>

namespace recallguard {

class TempDirectory {
public:
    // `purpose` names the folder (recallguard-<purpose>-XXXXXX) and the error if it cannot be made.
    explicit TempDirectory(const std::string& purpose);
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;
    ~TempDirectory();

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const;  // path/name

private:
    std::string path_;
};

}  // namespace recallguard
