#include "common/temp_directory.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "common/errors.h"
#include "common/interrupt.h"

namespace recallguard {
namespace fs = std::filesystem;

namespace {

constexpr const char* kLockFile = "owner.lock";

// The process id in "recallguard-<purpose>-<pid>-XXXXXX", or 0 when the name is not of that form.
pid_t owner_of(const std::string& name) {
    const std::string prefix = "recallguard-";
    if (name.compare(0, prefix.size(), prefix) != 0 || name.size() < prefix.size() + 10) return 0;
    const std::string rest = name.substr(prefix.size(), name.size() - prefix.size() - 7);  // drop "-XXXXXX"
    if (name[name.size() - 7] != '-') return 0;
    for (size_t i = name.size() - 6; i < name.size(); ++i)
        if (!std::isalnum(static_cast<unsigned char>(name[i]))) return 0;
    const size_t dash = rest.rfind('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == rest.size()) return 0;
    for (size_t i = 0; i < dash; ++i)
        if (rest[i] < 'a' || rest[i] > 'z') return 0;
    long pid = 0;
    for (size_t i = dash + 1; i < rest.size(); ++i) {
        if (rest[i] < '0' || rest[i] > '9' || pid > 100000000) return 0;
        pid = pid * 10 + (rest[i] - '0');
    }
    return static_cast<pid_t>(pid);
}

bool process_exists(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

std::string without_temporary_paths(std::string text) {
    std::error_code error;
    const std::string base = fs::temp_directory_path(error).string();
    if (error || base.empty()) return text;
    const std::string marker = (fs::path(base) / "recallguard-").string();
    const std::string shown = "the working copy";
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
        const size_t folder_begin = at + base.size() + (base.back() == '/' ? 0 : 1);
        size_t end = folder_begin;
        while (end < text.size() && std::strchr(" \t\n:)'\"/", text[end]) == nullptr) ++end;
        if (owner_of(text.substr(folder_begin, end - folder_begin)) <= 0) {
            at = end;  // a folder of that prefix that is not a TempDirectory (a user's own)
            continue;
        }
        while (end < text.size() && std::strchr(" \t\n:)'\"", text[end]) == nullptr) ++end;
        text.replace(at, end - at, shown);
        at += shown.size();
    }
    return text;
}

size_t remove_stale_temp_directories() {
    size_t removed = 0;
    std::error_code error;
    for (fs::directory_iterator
             it(fs::temp_directory_path(error), fs::directory_options::skip_permission_denied, error),
         end;
         !error && it != end; it.increment(error)) {
        const std::string folder = it->path().string();
        const pid_t pid = owner_of(it->path().filename().string());
        if (pid <= 0 || pid == ::getpid() || process_exists(pid)) continue;
        struct stat info {};
        if (::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::getuid()) continue;
        // The lock is free only when no process holds the folder, even one in another pid namespace.
        const int fd = ::open((folder + "/" + kLockFile).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            std::error_code ignored;
            if (fs::remove_all(folder, ignored) > 0) ++removed;
        }
        ::close(fd);
    }
    return removed;
}

TempDirectory::TempDirectory(const std::string& purpose) {
    static std::once_flag swept;
    std::call_once(swept, [] { remove_stale_temp_directories(); });
    std::error_code error;
    const fs::path base = fs::temp_directory_path(error);
    if (error) throw InputError("cannot find the temporary folder (TMPDIR): " + error.message());
    std::string pattern = (base / ("recallguard-" + purpose + "-" + std::to_string(::getpid()) + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data()))
        throw InputError("cannot create a temporary folder for " + purpose + " in " + base.string() + ": " +
                         std::strerror(errno));
    path_ = pattern;
    remove_on_interruption(path_);
    lock_fd_ = ::open(file(kLockFile).c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (lock_fd_ >= 0) ::flock(lock_fd_, LOCK_EX);
}

TempDirectory::~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    keep_on_interruption(path_);
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string TempDirectory::file(const std::string& name) const {
    return (fs::path(path_) / name).string();
}

}  // namespace recallguard
