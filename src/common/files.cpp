#include "common/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "common/errors.h"
#include "common/interrupt.h"

namespace recallguard {
namespace fs = std::filesystem;

namespace {

FileText failed(ReadFailure failure, std::string reason, std::uintmax_t size = 0) {
    FileText result;
    result.failure = failure;
    result.reason = std::move(reason);
    result.size = size;
    return result;
}

std::string size_text(std::uintmax_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

}  // namespace

FileText read_file(const std::string& path, std::uintmax_t max_bytes) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) return failed(ReadFailure::Missing, "no such file");
    if (error) return failed(ReadFailure::Unreadable, "cannot read the file: " + error.message());
    if (status.type() == fs::file_type::directory) return failed(ReadFailure::NotRegular, "a folder, not a file");
    if (status.type() != fs::file_type::regular) return failed(ReadFailure::NotRegular, "not a regular file");
    const std::uintmax_t size = fs::file_size(path, error);
    if (error) return failed(ReadFailure::Unreadable, "cannot read the file: " + error.message());
    if (size > max_bytes)
        return failed(ReadFailure::TooLarge,
                      "the file is " + std::to_string(size) + " bytes, more than the limit of " + size_text(max_bytes),
                      size);
    std::ifstream in(path, std::ios::binary);
    if (!in) return failed(ReadFailure::Unreadable, std::string("cannot open the file: ") + std::strerror(errno), size);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad() || buffer.bad())
        return failed(ReadFailure::Unreadable, std::string("cannot read the file: ") + std::strerror(errno), size);
    FileText result;
    result.text = std::move(buffer).str();
    result.size = result.text.size();
    // A file that grew between the size check and the read is held to the same limit.
    if (result.size > max_bytes)
        return failed(ReadFailure::TooLarge, "the file is more than the limit of " + size_text(max_bytes) + " bytes",
                      result.size);
    return result;
}

std::string read_file_or_throw(const std::string& path, std::uintmax_t max_bytes) {
    FileText file = read_file(path, max_bytes);
    if (!file.ok()) throw InputError(file.error(path));
    return std::move(file.text);
}

void read_file_chunks(const std::string& path, const std::function<void(std::string_view)>& chunk) {
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        throw InputError(path + (fs::exists(path, error) ? ": not a regular file" : ": no such file"));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the file: " + std::strerror(errno));
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        chunk(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
    }
    if (in.bad()) throw InputError(path + ": cannot read the file: " + std::strerror(errno));
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat first {
    }, second{};
    const bool a_exists = ::stat(a.c_str(), &first) == 0, b_exists = ::stat(b.c_str(), &second) == 0;
    if (a_exists && b_exists) return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
    if (a_exists != b_exists) return false;
    std::error_code error_a, error_b;
    const fs::path canonical_a = fs::weakly_canonical(a, error_a), canonical_b = fs::weakly_canonical(b, error_b);
    return !error_a && !error_b && canonical_a == canonical_b;
}

namespace {

struct Target {
    std::string path;      // the path with its symbolic links followed (not normalised)
    bool special = false;  // the path or a link on the way lies in /dev or /proc
};

// /proc (/dev/stdout leads to /proc/self/fd/1, a link to whatever stdout is, even a deleted
// file) and /dev hold no file a rename could replace; /dev/shm is an ordinary folder.
bool in_special_folder(const fs::path& path) {
    const std::string text = path.lexically_normal().string();
    return text.rfind("/proc/", 0) == 0 || (text.rfind("/dev/", 0) == 0 && text.rfind("/dev/shm/", 0) != 0);
}

Target resolve_target(const std::string& path) {
    std::error_code error;
    fs::path current = fs::absolute(path, error);
    if (error) current = path;
    Target target;
    for (int hop = 0; hop < 40; ++hop) {
        target.special = target.special || in_special_folder(current);
        if (!fs::is_symlink(fs::symlink_status(current, error))) break;
        const fs::path link = fs::read_symlink(current, error);
        if (error) break;
        current = link.is_absolute() ? link : current.parent_path() / link;
    }
    target.path = current.string();
    return target;
}

std::string creation_failure(const std::string& path, const fs::path& folder, int error_number) {
    switch (error_number) {
        case ENOENT:
            return path + ": cannot create the file: no such folder " + folder.string();
        case ENOTDIR:
            return path + ": cannot create the file: " + folder.string() + " is not a folder";
        case EACCES:
        case EPERM:
            return path + ": cannot create the file: permission denied in the folder " + folder.string();
        case EROFS:
            return path + ": cannot create the file: the folder " + folder.string() + " is read-only";
        default:
            return path + ": cannot create the file: " + std::strerror(error_number);
    }
}

const char* kFolderNotFile = ": is a folder; name a file to write";

}  // namespace

void check_writable_target(const std::string& path) {
    if (path.empty()) throw InputError("an empty path cannot be written");
    const Target target = resolve_target(path);
    std::error_code error;
    const fs::file_status status = fs::status(target.path, error);
    if (fs::is_directory(status)) throw InputError(path + kFolderNotFile);
    if (fs::exists(status) || target.special) return;
    const fs::path folder = fs::path(target.path).parent_path();
    const fs::path given = fs::path(path).parent_path();
    const fs::path shown = target.path != fs::absolute(path, error).string() ? folder
                           : given.empty()                                   ? fs::path(".")
                                                                             : given;
    const fs::file_status folder_status = fs::status(folder, error);
    if (!fs::exists(folder_status)) throw InputError(creation_failure(path, shown, ENOENT));
    if (!fs::is_directory(folder_status)) throw InputError(creation_failure(path, shown, ENOTDIR));
}

AtomicFile::AtomicFile(std::string path, Existing existing) : path_(std::move(path)), existing_(existing) {
    std::error_code error;
    if (existing_ == Existing::Refuse && fs::exists(fs::symlink_status(path_, error)))
        throw InputError(path_ + ": already exists; it is never overwritten");
    const Target target = resolve_target(path_);
    target_ = target.path;
    const fs::file_status status = fs::status(target_, error);
    if (fs::is_directory(status)) throw InputError(path_ + kFolderNotFile);
    if (target.special || (fs::exists(status) && !fs::is_regular_file(status))) {
        // A device, a FIFO, a terminal, /dev/stdout: there is nothing to rename over.
        in_place_ = true;
        temporary_ = path_;
        return;
    }
    // Unique in the folder (process id and a counter), created exclusively so that no other
    // file, or a link planted there, is ever written through.
    static std::atomic<unsigned> counter{0};
    const fs::path target_path(target_);
    const fs::path folder = target_path.parent_path();
    int failure = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string name = "." + target_path.filename().string() + "." + std::to_string(getpid()) + "." +
                                 std::to_string(counter++) + ".partial";
        const fs::path candidate = folder / name;
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            temporary_ = candidate.string();
            // SQLite's journal beside a database built under the temporary name goes too.
            for (const char* suffix : {"", "-journal", "-wal"}) remove_on_interruption(temporary_ + suffix);
            return;
        }
        failure = errno;
        if (failure != EEXIST) break;
    }
    // The folder as the user wrote it, unless a link led elsewhere.
    const fs::path given = fs::path(path_).parent_path();
    const bool linked = target_ != fs::absolute(path_, error).string();
    throw InputError(creation_failure(path_, linked ? folder : given.empty() ? fs::path(".") : given, failure));
}

AtomicFile::~AtomicFile() {
    if (in_place_) return;
    if (!committed_) {
        std::error_code ignored;
        for (const char* suffix : {"", "-journal", "-wal"}) fs::remove(temporary_ + suffix, ignored);
    }
    for (const char* suffix : {"", "-journal", "-wal"}) keep_on_interruption(temporary_ + suffix);
}

void AtomicFile::commit() {
    if (in_place_) {
        committed_ = true;
        return;
    }
    std::error_code error;
    if (existing_ == Existing::Refuse && fs::exists(fs::symlink_status(path_, error)))
        throw InputError(path_ + ": already exists; it is never overwritten");
    const fs::file_status previous = fs::status(target_, error);
    if (!error && fs::is_regular_file(previous)) fs::permissions(temporary_, previous.permissions(), error);
    fs::rename(temporary_, target_, error);
    if (error) throw InputError(path_ + ": cannot write the file: " + error.message());
    committed_ = true;
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           AtomicFile::Existing existing) {
    AtomicFile file(path, existing);
    {
        errno = 0;
        std::ofstream out(file.temporary_path(), std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path + ": cannot open the file for writing: " + std::strerror(errno));
        try {
            write(out);
        } catch (const InputError&) {
            if (out) throw;  // not a write failure
            throw InputError(path +
                             ": cannot write the file: " + (errno != 0 ? std::strerror(errno) : "the write failed"));
        }
        out.flush();
        if (!out)
            throw InputError(path +
                             ": cannot write the file: " + (errno != 0 ? std::strerror(errno) : "the write failed"));
        out.close();
        if (!out)
            throw InputError(path +
                             ": cannot write the file: " + (errno != 0 ? std::strerror(errno) : "the write failed"));
    }
    file.commit();
}

void write_file_atomically(const std::string& path, std::string_view text, AtomicFile::Existing existing) {
    write_file_atomically(
        path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); }, existing);
}

}  // namespace recallguard
