// Finds, reads, parses and checks rule files (with their imports) into a checked program.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "checker/bound_program.h"
#include "common/diagnostic.h"

namespace recallguard::engine {

struct LoadOptions {
    std::vector<std::string> paths;                      // files or folders (searched for *.rules)
    std::string calendar_directory;                      // "" = the bundled calendars
    std::map<std::string, std::string> param_overrides;  // RULE-ID.name -> value
    // Texts read instead of the files on disk (an editor's unsaved buffers), by path; such a
    // path need not exist on disk. Matched after resolving `.`, `..` and symbolic links.
    std::map<std::string, std::string> unsaved;
    bool keep_intact_items = false;  // parse with parser::ParseOptions::keep_intact_items (editors)
};

struct LoadedRules {
    checker::BoundProgram program;
    calendar::CalendarSet calendars;
    DiagnosticBag diagnostics;
    std::map<std::string, std::string> sources;  // path -> text, for rendering diagnostics
    std::vector<std::string> files;              // every rule file read, sorted by path
    std::string fingerprint;                     // hash of rule sources, calendars and parameters set
    // The parameters set by LoadOptions::param_overrides, "RULE-ID.name" -> the value in the
    // rule language's form, sorted: part of every report's record of the run.
    std::vector<std::pair<std::string, std::string>> parameters;
    bool unreadable = false;  // a path could not be read at all
};

// Expands folders to their *.rules files (sorted, recursive).
std::vector<std::string> expand_rule_paths(const std::vector<std::string>& paths, DiagnosticBag& diagnostics,
                                           bool& unreadable);

LoadedRules load_rules(const LoadOptions& options);

// Every diagnostic of a load, rendered with source lines and carets.
std::string render_diagnostics(const LoadedRules& loaded);

}  // namespace recallguard::engine
