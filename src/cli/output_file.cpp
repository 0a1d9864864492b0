#include "cli/output_file.h"

#include <filesystem>
#include <iostream>

#include "calendar/calendar.h"
#include "common/errors.h"
#include "common/files.h"

namespace recallguard::cli {
namespace fs = std::filesystem;

namespace {

bool is_stdout(const std::string& path) {
    return path.empty() || path == "-";
}

}  // namespace

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    if (is_stdout(path)) {
        try {
            write(std::cout);
        } catch (const InputError&) {
            // Standard output failed: main() reports it with its reason, as for every command.
            if (std::cout) throw;
        }
        std::cout.flush();
        return;
    }
    write_file_atomically(path, write);
}

void refuse_outputs_over_inputs(const std::vector<OutputFile>& outputs, const std::vector<std::string>& inputs,
                                const std::vector<std::string>& databases) {
    std::vector<std::string> all_inputs = inputs;
    for (const auto& database : databases) {
        all_inputs.push_back(database);
        for (const char* suffix : {"-wal", "-shm", "-journal"}) all_inputs.push_back(database + suffix);
    }
    for (size_t i = 0; i < outputs.size(); ++i) {
        const auto& output = outputs[i];
        if (is_stdout(output.path)) continue;
        check_writable_target(output.path);
        for (const auto& input : all_inputs)
            if (same_file(output.path, input))
                throw InputError(output.option + " " + output.path + " is " +
                                 (output.path == input ? "an input" : "the same file as the input " + input) +
                                 " of this command; it is never overwritten (nothing was written)");
        for (size_t j = 0; j < i; ++j)
            if (!is_stdout(outputs[j].path) && same_file(output.path, outputs[j].path))
                throw InputError(outputs[j].option + " and " + output.option + " name the same file (" + output.path +
                                 "); nothing was written");
    }
}

std::vector<std::string> calendar_files(const std::string& directory) {
    std::vector<std::string> files;
    const std::string folder = directory.empty() ? calendar::bundled_calendar_directory() : directory;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->path().extension() == ".calendar") files.push_back(it->path().string());
    return files;
}

}  // namespace recallguard::cli
