// Formatting files on disk: read and parse, write back atomically.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/errors.h"
#include "common/files.h"
#include "format/format.h"
#include "parser/parse.h"

namespace recallguard::format {
namespace fs = std::filesystem;

FileFormat format_file(const std::string& path, DiagnosticBag& diagnostics, const FormatOptions& options) {
    FileText file = read_file(path);
    if (!file.ok()) {
        diagnostics.error(DiagnosticCode::Io, {path, 0, 0}, file.reason);
        FileFormat result;
        result.path = path;
        return result;
    }
    return format_text(path, file.text, diagnostics, options);
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

}  // namespace recallguard::format
