// Formatting files on disk: read and parse, write back atomically.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/errors.h"
#include "format/format.h"
#include "parser/parse.h"

namespace recallguard::format {
namespace fs = std::filesystem;

FileFormat format_file(const std::string& path, DiagnosticBag& diagnostics, const FormatOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.error(DiagnosticCode::Io, {path, 0, 0}, "cannot open the file");
        FileFormat result;
        result.path = path;
        return result;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return format_text(path, buffer.str(), diagnostics, options);
}

FileFormat format_text(const std::string& path, const std::string& text, DiagnosticBag& diagnostics,
                       const FormatOptions& options) {
    FileFormat result;
    result.path = path;
    result.original = text;
    DiagnosticBag parse_diagnostics;
    const ast::RuleFile file = parser::parse_rule_file(path, result.original, parse_diagnostics);
    diagnostics.append(parse_diagnostics);
    // A file that does not parse is left alone: formatting it would drop what could not be read.
    if (parse_diagnostics.has_errors()) return result;
    result.formatted = format_rule_file(file, options);
    result.ok = true;
    return result;
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const fs::path target(path);
    const fs::path temporary =
        target.parent_path() / ("." + target.filename().string() + ".fmt-" + std::to_string(getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw InputError("cannot write " + temporary.string() + ": " + std::strerror(errno));
        }
    }
    std::error_code error;
    // Keep the original's permissions on the replacement.
    const auto permissions = fs::status(target, error).permissions();
    if (!error) fs::permissions(temporary, permissions, error);
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw InputError("cannot replace " + path + ": " + error.message());
    }
}

}  // namespace recallguard::format
