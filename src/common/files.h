// Whole files in and out: the one reader (its errors name the file) and the one atomic writer
// (a file appears whole or not at all).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

namespace recallguard {

enum class ReadFailure { None, Missing, NotRegular, TooLarge, Unreadable };

struct FileText {
    std::string text;
    ReadFailure failure = ReadFailure::None;
    std::uintmax_t size = 0;  // the file's size in bytes, also when it is too large to read
    std::string reason;       // why it could not be read, a sentence without the path

    bool ok() const { return failure == ReadFailure::None; }
    // "<path>: <reason>"
    std::string error(const std::string& path) const { return path + ": " + reason; }
};

constexpr std::uintmax_t kNoSizeLimit = std::numeric_limits<std::uintmax_t>::max();

// Reads the whole regular file at `path` (a symbolic link is followed), refusing one larger than
// `max_bytes` before reading any of it. A failure is data: `failure` and `reason` say what.
FileText read_file(const std::string& path, std::uintmax_t max_bytes = kNoSizeLimit);

// The text of the file at `path`; throws InputError("<path>: <reason>") when it cannot be read.
std::string read_file_or_throw(const std::string& path, std::uintmax_t max_bytes = kNoSizeLimit);

// Calls `chunk` with the file's bytes a block at a time, for files too large to hold (databases);
// throws InputError naming the file when it cannot be read.
void read_file_chunks(const std::string& path, const std::function<void(std::string_view)>& chunk);

// True when `a` and `b` name the same file: the same device and inode when both exist (a symbolic
// link, a hard link or a "../" alias is the file it leads to), else the same canonical path.
bool same_file(const std::string& a, const std::string& b);

// A file built under a temporary name in the folder of `path` (so the rename is atomic) and
// renamed over `path` by commit(); destroyed uncommitted, or when the process is interrupted
// (common/interrupt.h), the temporary file is removed. The temporary file is unique and created
// exclusively, never through a link planted in its place. A file it replaces keeps its
// permissions; a symbolic link to a regular file keeps the link and replaces the file it leads
// to. A target that is not a regular file (a device, a FIFO, a link to /dev/stdout or into /dev
// or /proc) cannot be replaced atomically: it is written in place, no temporary, no rename. A
// folder is refused (InputError, exit 2).
class AtomicFile {
public:
    enum class Existing { Replace, Refuse };

    // Creates the (empty) temporary file; throws InputError naming `path` and the reason (no
    // such folder, permission denied, a folder) when it cannot.
    explicit AtomicFile(std::string path, Existing existing = Existing::Replace);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    const std::string& path() const { return path_; }
    // Where to write: the temporary file, or the target itself when it is written in place.
    const std::string& temporary_path() const { return temporary_; }
    bool in_place() const { return in_place_; }
    // Renames the temporary file over `path`. With Existing::Refuse, a file that appeared at
    // `path` in the meantime is left alone and InputError("<path>: already exists ...") thrown.
    void commit();

private:
    std::string path_;
    std::string target_;  // `path` with its symbolic links followed: what the rename replaces
    std::string temporary_;
    Existing existing_;
    bool in_place_ = false;
    bool committed_ = false;
};

// Refuses early what AtomicFile would refuse late: a folder, or a path whose folder does not
// exist. Throws InputError("<path>: ...").
void check_writable_target(const std::string& path);

// Writes what `write` produces to `path` atomically; throws InputError naming `path` when the
// file cannot be written (the previous content, if any, is then unchanged).
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           AtomicFile::Existing existing = AtomicFile::Existing::Replace);
void write_file_atomically(const std::string& path, std::string_view text,
                           AtomicFile::Existing existing = AtomicFile::Existing::Replace);

}  // namespace recallguard
