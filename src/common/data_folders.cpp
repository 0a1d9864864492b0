#include "common/data_folders.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "common/errors.h"

// The configured install prefix's data root (generated from cmake/install_config.cpp.in).
extern const char* const kRecallguardInstalledDataRoot;

namespace recallguard {
namespace fs = std::filesystem;

std::string data_folder_subpath(DataFolder folder) {
    switch (folder) {
        case DataFolder::Rules:
            return "rules";
        case DataFolder::Calendars:
            return "calendars";
        case DataFolder::Schemas:
            return "schemas/filings";
    }
    return "";
}

std::string data_folder_variable(DataFolder folder) {
    switch (folder) {
        case DataFolder::Rules:
            return "RECALLGUARD_RULES";
        case DataFolder::Calendars:
            return "RECALLGUARD_CALENDARS";
        case DataFolder::Schemas:
            return "RECALLGUARD_SCHEMAS";
    }
    return "";
}

std::string data_folder_description(DataFolder folder) {
    switch (folder) {
        case DataFolder::Rules:
            return "the standard rule packs";
        case DataFolder::Calendars:
            return "the working-day calendars";
        case DataFolder::Schemas:
            return "the filing schemas";
    }
    return "";
}

std::string executable_folder() {
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (error || exe.empty()) return "";
    return exe.parent_path().string();
}

std::string installed_data_root() {
    return kRecallguardInstalledDataRoot;
}

std::vector<DataFolderCandidate> data_folder_candidates(DataFolder folder) {
    const std::string variable = data_folder_variable(folder);
    const char* value = std::getenv(variable.c_str());
    if (value != nullptr && *value != '\0') return {{value, variable}};
    const fs::path sub = data_folder_subpath(folder);
    std::vector<DataFolderCandidate> candidates;
    const std::string exe_folder = executable_folder();
    if (!exe_folder.empty()) {
        const fs::path here(exe_folder);
        candidates.push_back({(here.parent_path() / "share/recallguard" / sub).string(), "next to the binary"});
        candidates.push_back({(here / "share/recallguard" / sub).string(), "next to the binary"});
    }
    candidates.push_back({(fs::path(installed_data_root()) / sub).string(), "the install prefix"});
    return candidates;
}

std::string find_data_folder(DataFolder folder) {
    const auto candidates = data_folder_candidates(folder);
    std::string looked;
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (fs::is_directory(candidate.path, error)) return candidate.path;
        looked += "\n  " + candidate.path + " (" + candidate.origin + ")";
    }
    const std::string variable = data_folder_variable(folder);
    if (candidates.size() == 1 && candidates.front().origin == variable)
        throw InputError(variable + " names " + candidates.front().path + ", which is not a folder (" +
                         data_folder_description(folder) + ")");
    throw InputError("no folder of " + data_folder_description(folder) + " found; looked at:" + looked +
                     "\nname one with " + variable + " or the command's option, or reinstall recallguard");
}

}  // namespace recallguard
