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

// A file built under a temporary name in the folder of `path` (so the rename is atomic) and
// renamed over `path` by commit(); destroyed uncommitted, the temporary file is removed. A file
// it replaces keeps its permissions.
class AtomicFile {
public:
    enum class Existing { Replace, Refuse };

    // Creates the (empty) temporary file; throws InputError naming `path` when it cannot.
    explicit AtomicFile(std::string path, Existing existing = Existing::Replace);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    const std::string& path() const { return path_; }
    const std::string& temporary_path() const { return temporary_; }
    // Renames the temporary file over `path`. With Existing::Refuse, a file that appeared at
    // `path` in the meantime is left alone and InputError("<path>: already exists ...") thrown.
    void commit();

private:
    std::string path_;
    std::string temporary_;
    Existing existing_;
    bool committed_ = false;
};

// Writes what `write` produces to `path` atomically; throws InputError naming `path` when the
// file cannot be written (the previous content, if any, is then unchanged).
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           AtomicFile::Existing existing = AtomicFile::Existing::Replace);
void write_file_atomically(const std::string& path, std::string_view text,
                           AtomicFile::Existing existing = AtomicFile::Existing::Replace);

}  // namespace recallguard
