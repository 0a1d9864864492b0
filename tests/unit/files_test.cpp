// The one file reader and the one atomic writer (common/files.h).
#include "common/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "common/errors.h"
#include "common/temp_directory.h"
#include "temp_dir.h"

namespace recallguard {
namespace {

namespace fs = std::filesystem;
using test::read_bytes;
using test::TempDir;

size_t entries(const TempDir& dir) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir.file("")), fs::directory_iterator()));
}

TEST(ReadFile, ReadsBytesAsTheyAre) {
    TempDir dir;
    const std::string text("a\r\nb\0c\xFF", 7);
    const FileText file = read_file(dir.write("x", text));
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(file.text, text);
    EXPECT_EQ(file.size, 7u);
}

TEST(ReadFile, SaysWhyAFileCannotBeRead) {
    TempDir dir;
    EXPECT_EQ(read_file(dir.file("missing")).failure, ReadFailure::Missing);
    EXPECT_EQ(read_file(dir.file("missing")).reason, "no such file");
    fs::create_directory(dir.file("folder"));
    EXPECT_EQ(read_file(dir.file("folder")).failure, ReadFailure::NotRegular);

    const FileText large = read_file(dir.write("large", std::string(11, 'x')), 10);
    EXPECT_EQ(large.failure, ReadFailure::TooLarge);
    EXPECT_EQ(large.size, 11u);
    EXPECT_TRUE(large.text.empty());
    EXPECT_TRUE(read_file(dir.file("large"), 11).ok());

    if (geteuid() != 0) {  // root reads anything
        const std::string locked = dir.write("locked", "x");
        fs::permissions(locked, fs::perms::none);
        EXPECT_EQ(read_file(locked).failure, ReadFailure::Unreadable);
    }
}

TEST(ReadFile, TheThrowingFormNamesTheFile) {
    TempDir dir;
    try {
        read_file_or_throw(dir.file("missing"));
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), dir.file("missing") + ": no such file");
    }
    std::string chunks;
    read_file_chunks(dir.write("c", "chunked"), [&](std::string_view chunk) { chunks += chunk; });
    EXPECT_EQ(chunks, "chunked");
    EXPECT_THROW(read_file_chunks(dir.file("missing"), [](std::string_view) {}), InputError);
}

TEST(AtomicWrite, ReplacesTheFileWholeAndKeepsItsPermissions) {
    TempDir dir;
    const std::string path = dir.write("out.txt", "old");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    write_file_atomically(path, std::string_view("new"));
    EXPECT_EQ(read_bytes(path), "new");
    EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    EXPECT_EQ(entries(dir), 1u);
}

TEST(AtomicWrite, AFailedWriteLeavesTheOldContentAndNoTemporaryFile) {
    TempDir dir;
    const std::string path = dir.write("out.txt", "old");
    EXPECT_THROW(write_file_atomically(path,
                                       [](std::ostream& out) {
                                           out << "half";
                                           throw InputError("stopped");
                                       }),
                 InputError);
    EXPECT_EQ(read_bytes(path), "old");
    EXPECT_EQ(entries(dir), 1u);
}

TEST(AtomicWrite, AFolderThatDoesNotExistIsAnErrorNamingTheFile) {
    TempDir dir;
    const std::string path = dir.file("no/such/folder/out.txt");
    try {
        write_file_atomically(path, std::string_view("x"));
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path + ": cannot create the file", 0), 0u) << e.what();
    }
}

TEST(TemporaryPaths, AMessageNeverShowsAWorkingFolderButKeepsAUsersOwnPaths) {
    // A path inside a working folder means nothing to the reader and is gone when it is read.
    const TempDirectory working("working");
    const std::string message =
        "cannot read " + working.file("working.sqlite") + ": disk I/O error (in '" + working.path() + "')";
    const std::string shown = without_temporary_paths(message);
    EXPECT_EQ(shown, "cannot read the working copy: disk I/O error (in 'the working copy')");
    EXPECT_EQ(shown.find(working.path()), std::string::npos) << shown;
    // A folder of the same prefix that is not one of ours (no owner's lock) is the user's.
    const std::string own = (fs::temp_directory_path() / "recallguard-notes").string() + "/cases.sqlite";
    EXPECT_EQ(without_temporary_paths("cannot open " + own), "cannot open " + own);
}

TEST(AtomicFile, RefusesAnExistingTargetAndCleansUpWhenNotCommitted) {
    TempDir dir;
    const std::string existing = dir.write("db", "data");
    EXPECT_THROW(AtomicFile(existing, AtomicFile::Existing::Refuse), InputError);
    EXPECT_EQ(read_bytes(existing), "data");

    const std::string target = dir.file("new.db");
    {
        AtomicFile file(target, AtomicFile::Existing::Refuse);
        EXPECT_TRUE(fs::exists(file.temporary_path()));
        EXPECT_EQ(fs::path(file.temporary_path()).parent_path(), fs::path(target).parent_path());
    }
    EXPECT_FALSE(fs::exists(target));
    EXPECT_EQ(entries(dir), 1u);

    // The target appears while the file is being built: it is still never overwritten.
    AtomicFile file(target, AtomicFile::Existing::Refuse);
    dir.write("new.db", "someone else's");
    EXPECT_THROW(file.commit(), InputError);
    EXPECT_EQ(read_bytes(target), "someone else's");
}

}  // namespace
}  // namespace recallguard
