#include "cli/output_file.h"

#include <iostream>

#include "common/files.h"

namespace recallguard::cli {

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
    if (path.empty() || path == "-") {
        write(std::cout);
        std::cout.flush();
        return;
    }
    write_file_atomically(path, write);
}

}  // namespace recallguard::cli
