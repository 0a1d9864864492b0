// A private temporary folder (mkdtemp) removed with everything in it when it goes out of scope,
// or when the process is interrupted (common/interrupt.h). Its name records the process id
// (recallguard-<purpose>-<pid>-XXXXXX) and the process holds a lock on its `owner.lock` file, so
// that a folder left by a process that died without cleaning up (SIGKILL, a crash) is recognised
// and removed by the next one.
#pragma once

#include <string>

namespace recallguard {

class TempDirectory {
public:
    // `purpose` (lowercase letters) names the folder and the error if it cannot be made. The
    // first folder a process makes first removes the stale folders of dead processes.
    explicit TempDirectory(const std::string& purpose);
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;
    ~TempDirectory();

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const;  // path/name

private:
    std::string path_;
    int lock_fd_ = -1;
};

// `text` with every path inside a TempDirectory folder (the working copy of the case data, a
// filing overlay) replaced by "the working copy": a user-facing message never shows an internal
// temporary path, which would mean nothing to its reader and is gone when it is read.
std::string without_temporary_paths(std::string text);

// Removes, in the temporary folder, the folders of TempDirectory whose process is gone: the
// process id in the name does not exist and nobody holds the folder's lock. Only folders of the
// current user; returns how many were removed.
size_t remove_stale_temp_directories();

}  // namespace recallguard
