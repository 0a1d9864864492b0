#include "lsp/workspace.h"

#include <filesystem>

namespace recallguard::lsp {
namespace fs = std::filesystem;

void Workspace::set_calendar_directory(const std::string& directory) {
    calendar_directory_ = directory;
    if (!directory.empty() && fs::path(directory).is_relative() && !root_.empty())
        calendar_directory_ = (fs::path(root_) / directory).lexically_normal().string();
    changed();
}

AnalysisOptions Workspace::options() const {
    AnalysisOptions options;
    options.calendar_directory = calendar_directory_;
    for (const auto& [uri, document] : documents_.all())
        if (file_kind(document.path, document.language) == FileKind::Rules)
            options.unsaved[document.path] = document.text;
    return options;
}

const Analysis& Workspace::analysis(const Document& document) {
    Cached& cached = cache_[document.uri];
    if (cached.analysis && cached.generation == generation_) return *cached.analysis;
    cached.analysis = analyse(document.path, file_kind(document.path, document.language), document.text, options());
    cached.generation = generation_;
    auto& scopes = scopes_[document.uri];
    for (const auto* bound : cached.analysis->rules) scopes[bound->rule->id] = scope_of(*bound);
    return *cached.analysis;
}

std::unique_ptr<Analysis> Workspace::analyse_text(const Document& document, const std::string& text) const {
    return analyse(document.path, file_kind(document.path, document.language), text, options());
}

std::optional<RuleScope> Workspace::remembered_scope(const std::string& uri, const std::string& rule_id) const {
    const auto document = scopes_.find(uri);
    if (document == scopes_.end()) return std::nullopt;
    const auto rule = document->second.find(rule_id);
    if (rule == document->second.end()) return std::nullopt;
    return rule->second;
}

std::vector<std::string> Workspace::dependents(const std::string& uri) const {
    std::vector<std::string> out;
    const Document* changed = documents_.find(uri);
    if (!changed) return out;
    std::error_code error;
    const std::string canonical = fs::weakly_canonical(changed->path, error).string();
    for (const auto& [other, cached] : cache_)
        if (other != uri && cached.analysis && cached.analysis->files_read.count(canonical) && documents_.find(other))
            out.push_back(other);
    return out;
}

void Workspace::forget(const std::string& uri) {
    cache_.erase(uri);
    scopes_.erase(uri);
    changed();
}

}  // namespace recallguard::lsp
