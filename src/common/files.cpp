#include "common/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "common/errors.h"

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

AtomicFile::AtomicFile(std::string path, Existing existing) : path_(std::move(path)), existing_(existing) {
    if (existing_ == Existing::Refuse && fs::exists(fs::symlink_status(path_)))
        throw InputError(path_ + ": already exists; it is never overwritten");
    // Unique in the folder (process id and a counter), created exclusively so that no other
    // file, or a link planted there, is ever written through.
    static std::atomic<unsigned> counter{0};
    const fs::path target(path_);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string name = "." + target.filename().string() + "." + std::to_string(getpid()) + "." +
                                 std::to_string(counter++) + ".partial";
        const fs::path candidate = target.parent_path() / name;
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            temporary_ = candidate.string();
            return;
        }
        if (errno != EEXIST) break;
    }
    throw InputError(path_ + ": cannot create the file: " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    std::error_code ignored;
    fs::remove(temporary_, ignored);
}

void AtomicFile::commit() {
    std::error_code error;
    if (existing_ == Existing::Refuse && fs::exists(fs::symlink_status(path_, error)))
        throw InputError(path_ + ": already exists; it is never overwritten");
    const fs::file_status previous = fs::status(path_, error);
    if (!error && fs::is_regular_file(previous)) fs::permissions(temporary_, previous.permissions(), error);
    fs::rename(temporary_, path_, error);
    if (error) throw InputError(path_ + ": cannot write the file: " + error.message());
    committed_ = true;
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           AtomicFile::Existing existing) {
    AtomicFile file(path, existing);
    {
        std::ofstream out(file.temporary_path(), std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path + ": cannot write the file: " + std::strerror(errno));
        write(out);
        out.flush();
        if (!out) throw InputError(path + ": cannot write the file: " + std::strerror(errno));
    }
    file.commit();
}

void write_file_atomically(const std::string& path, std::string_view text, AtomicFile::Existing existing) {
    write_file_atomically(
        path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); }, existing);
}

}  // namespace recallguard
