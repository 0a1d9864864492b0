// Where recallguard finds its own data when a command is not given a folder: the standard rule
// packs, the working-day calendars, the filing schemas. The one place that decides the order.
#pragma once

#include <string>
#include <vector>

namespace recallguard {

enum class DataFolder { Rules, Calendars, Schemas };

// "rules", "calendars", "schemas/filings": the folder's path under a data root (share/recallguard).
std::string data_folder_subpath(DataFolder folder);
// "RECALLGUARD_RULES", "RECALLGUARD_CALENDARS", "RECALLGUARD_SCHEMAS".
std::string data_folder_variable(DataFolder folder);
// "the standard rule packs", "the calendars", "the filing schemas".
std::string data_folder_description(DataFolder folder);

struct DataFolderCandidate {
    std::string path;
    std::string origin;  // "RECALLGUARD_CALENDARS", "next to the binary", "the install prefix"
};

// Every place looked at for `folder`, in order (a command-line option is its command's to apply
// before these):
//   1. the environment variable (data_folder_variable), when set and not empty: the only
//      candidate then, so a wrong value is an error rather than a silent fall back;
//   2. next to the executable (/proc/self/exe): <its folder>/../share/recallguard/<subpath> (an
//      installed or relocated tree), then <its folder>/share/recallguard/<subpath> (the build
//      tree, where CMake links them to the source folders);
//   3. the install prefix the build was configured with: <datadir>/recallguard/<subpath>.
std::vector<DataFolderCandidate> data_folder_candidates(DataFolder folder);

// The first candidate that is a folder; throws InputError naming every place looked at and how
// to give one when none is.
std::string find_data_folder(DataFolder folder);

// The folder holding the running executable ("" when /proc/self/exe cannot be read).
std::string executable_folder();

// The install prefix's data root, <datadir>/recallguard, as configured (CMAKE_INSTALL_FULL_DATADIR).
std::string installed_data_root();

}  // namespace recallguard
