#include "engine/rule_loader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ast/expr_text.h"
#include "checker/checker.h"
#include "common/files.h"
#include "common/fingerprint.h"
#include "common/utf8.h"
#include "parser/parse.h"
#include "schema/catalog.h"

namespace recallguard::engine {
namespace fs = std::filesystem;

namespace {

// Rule files above this size are refused rather than read.
constexpr uintmax_t kMaxRuleFileBytes = 4u << 20;

std::string canonical_path(const std::string& path) {
    std::error_code error;
    const std::string canonical = fs::weakly_canonical(path, error).string();
    return error ? fs::path(path).lexically_normal().string() : canonical;
}

// The unsaved texts by canonical path.
using Unsaved = std::map<std::string, std::string>;

const std::string* find_unsaved(const Unsaved& unsaved, const std::string& path) {
    if (unsaved.empty()) return nullptr;
    const auto it = unsaved.find(canonical_path(path));
    return it == unsaved.end() ? nullptr : &it->second;
}

bool read_file(const std::string& path, std::string& text, DiagnosticBag& diagnostics, const Unsaved& unsaved) {
    if (const std::string* buffer = find_unsaved(unsaved, path)) {
        if (buffer->size() > kMaxRuleFileBytes) {
            diagnostics.error(DiagnosticCode::Io, {path, 0, 0},
                              "the file is larger than the 4 MiB limit for rule files");
            return false;
        }
        text = *buffer;
        return true;
    }
    FileText file = recallguard::read_file(path, kMaxRuleFileBytes);
    if (!file.ok()) {
        diagnostics.error(DiagnosticCode::Io, {path, 0, 0},
                          file.failure == ReadFailure::TooLarge
                              ? "the file is larger than the 4 MiB limit for rule files"
                              : file.reason);
        return false;
    }
    text = std::move(file.text);
    return true;
}

}  // namespace

std::vector<std::string> expand_rule_paths(const std::vector<std::string>& paths, DiagnosticBag& diagnostics,
                                           bool& unreadable) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code error;
        if (fs::is_directory(path, error)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(path, error);
                 !error && it != fs::recursive_directory_iterator(); it.increment(error))
                if (it->is_regular_file() && it->path().extension() == ".rules") found.push_back(it->path().string());
            std::sort(found.begin(), found.end());
            if (found.empty())
                diagnostics.warning(DiagnosticCode::NoRules, {path, 0, 0}, "the folder holds no *.rules file");
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(path, error)) {
            files.push_back(path);
        } else {
            diagnostics.error(DiagnosticCode::Io, {path, 0, 0}, "no such rule file or folder");
            unreadable = true;
        }
    }
    return files;
}

LoadedRules load_rules(const LoadOptions& options) {
    LoadedRules loaded;
    const std::string calendar_dir =
        options.calendar_directory.empty() ? calendar::bundled_calendar_directory() : options.calendar_directory;
    loaded.calendars = calendar::CalendarSet::load_directory(calendar_dir, loaded.diagnostics);

    Unsaved unsaved;
    for (const auto& [path, text] : options.unsaved) unsaved[canonical_path(path)] = text;
    std::vector<std::string> queue, on_disk;
    for (const auto& path : options.paths) (find_unsaved(unsaved, path) ? queue : on_disk).push_back(path);
    const auto expanded = expand_rule_paths(on_disk, loaded.diagnostics, loaded.unreadable);
    queue.insert(queue.end(), expanded.begin(), expanded.end());
    std::set<std::string> seen;
    std::vector<std::unique_ptr<ast::RuleFile>> files;
    std::map<std::string, std::string> hashed;  // canonical path -> text, hashed in path order
    for (size_t i = 0; i < queue.size(); ++i) {
        const std::string canonical = canonical_path(queue[i]);
        if (!seen.insert(canonical).second) continue;
        std::string text;
        if (!read_file(queue[i], text, loaded.diagnostics, unsaved)) {
            loaded.unreadable = true;
            continue;
        }
        size_t bad = 0;
        if (!valid_utf8(text, bad)) {
            loaded.diagnostics.error(DiagnosticCode::Encoding, location_of_offset(queue[i], text, bad),
                                     invalid_utf8_message(text, bad));
            loaded.unreadable = true;
            continue;
        }
        hashed[canonical] = text;
        loaded.sources[queue[i]] = text;
        loaded.files.push_back(queue[i]);
        parser::ParseOptions parse_options;
        parse_options.keep_intact_items = options.keep_intact_items;
        auto file =
            std::make_unique<ast::RuleFile>(parser::parse_rule_file(queue[i], text, loaded.diagnostics, parse_options));
        file->key = canonical;
        for (const auto& [import, location] : file->imports) {
            const fs::path target = fs::path(queue[i]).parent_path() / import;
            std::error_code error;
            file->import_keys.push_back(canonical_path(target.string()));
            // Only rule files: an import never reads another kind of file (whose lines the
            // parser's messages would show) nor a device or FIFO (which could block).
            if (target.extension() != ".rules") {
                file->import_keys.back().clear();
                loaded.diagnostics.error(
                    DiagnosticCode::Import, location,
                    "imported file '" + import + "' is not a rule file; imports name *.rules files");
                continue;
            }
            if (!find_unsaved(unsaved, target.string())) {
                const fs::file_status status = fs::status(target, error);
                if (!fs::exists(status)) {
                    file->import_keys.back().clear();
                    loaded.diagnostics.error(
                        DiagnosticCode::Import, location,
                        "imported file '" + import + "' does not exist (looked at " + target.string() + ")");
                    continue;
                }
                if (!fs::is_regular_file(status)) {
                    file->import_keys.back().clear();
                    loaded.diagnostics.error(DiagnosticCode::Import, location,
                                             "imported file '" + import + "' is not a regular file (" +
                                                 target.string() + "); imports name *.rules files");
                    continue;
                }
            }
            queue.push_back(target.lexically_normal().string());
        }
        files.push_back(std::move(file));
    }
    // The order rule files are named in changes nothing a report says: the fingerprint and the
    // file list follow the paths' order, and the checked rules are sorted by id.
    Fingerprint hash;
    hash.add_field(loaded.calendars.fingerprint());
    for (const auto& [canonical, text] : hashed) hash.add_field(canonical).add_field(text);
    std::sort(loaded.files.begin(), loaded.files.end());

    checker::CheckOptions check_options;
    check_options.calendars = loaded.calendars.names();
    check_options.calendar_directory = options.calendar_directory;
    check_options.param_overrides = options.param_overrides;
    loaded.program =
        checker::check_program(std::move(files), schema::Catalog::case_data_v1(), check_options, loaded.diagnostics);
    // A parameter set for the run changes what the rules say: it is part of the fingerprint,
    // in the value's canonical form (`--param X.window=045 days` and `=45` are the same rules).
    for (const auto& rule : loaded.program.rules)
        for (const auto& param : rule->params)
            if (param.overridden)
                loaded.parameters.emplace_back(rule->rule->id + "." + param.name, param.is_list
                                                                                      ? ast::list_text(param.list)
                                                                                      : ast::literal_text(param.value));
    std::sort(loaded.parameters.begin(), loaded.parameters.end());
    loaded.parameters.erase(std::unique(loaded.parameters.begin(), loaded.parameters.end()), loaded.parameters.end());
    for (const auto& [name, value] : loaded.parameters) hash.add_field("param " + name).add_field(value);
    loaded.fingerprint = hash.hex();
    return loaded;
}

std::string render_diagnostics(const LoadedRules& loaded) {
    std::string out;
    for (const auto& diagnostic : loaded.diagnostics.sorted()) {
        auto it = loaded.sources.find(diagnostic.location.file);
        out += render_diagnostic(diagnostic, it == loaded.sources.end() ? std::string() : it->second);
    }
    return out;
}

}  // namespace recallguard::engine
