#include "cli/output_file.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "common/errors.h"

namespace recallguard::cli {

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    if (path.empty() || path == "-") {
        write(std::cout);
        std::cout.flush();
        return;
    }
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path + ": cannot write the output file");
        try {
            write(out);
        } catch (...) {
            out.close();
            std::filesystem::remove(partial);
            throw;
        }
        out.flush();
        if (!out) {
            std::filesystem::remove(partial);
            throw InputError(path + ": writing the output failed");
        }
    }
    std::filesystem::rename(partial, path);
}

}  // namespace recallguard::cli
