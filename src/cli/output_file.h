// Writes command output to stdout or to a file that appears whole or not at all, and refuses an
// output that would overwrite one of the command's inputs.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace recallguard::cli {

// Calls `write` with stdout when `path` is empty or "-", else with a temporary file next to
// `path` that is renamed over it once complete (common/files.h: AtomicFile).
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

// An output of a command: the option that names it ("-o", "--store") and its path ("" or "-" =
// stdout, not a file).
struct OutputFile {
    std::string option;
    std::string path;
};

// Before anything is written: throws InputError (exit 2) when an output names a folder or a path
// in a missing folder, names one of `inputs` (compared as files: a link or a "../" alias of an
// input is that input), or names the same file as another output. A database input also stands
// for its -wal, -shm and -journal files.
void refuse_outputs_over_inputs(const std::vector<OutputFile>& outputs, const std::vector<std::string>& inputs,
                                const std::vector<std::string>& databases = {});

// The *.calendar files of a --calendars folder ("" = the bundled calendars): inputs of a command.
std::vector<std::string> calendar_files(const std::string& directory);

}  // namespace recallguard::cli
