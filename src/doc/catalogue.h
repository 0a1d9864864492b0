// The rule catalogue a regulator publishes: packages and rules in words, as Markdown or one HTML page.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ast/ast.h"
#include "checker/bound_program.h"
#include "report/catalogue_link.h"

namespace recallguard::doc {

struct ParamDoc {
    std::string name;
    std::string default_value;  // as written in the rule language ("10 working days")
};

struct RuleDoc {
    std::string id, title, citation, category, severity, description;
    // Unique among the catalogue's rules: the id, or for one version of a rule with several
    // "ID@2024-12-13.." (its effective period), so every version has an anchor of its own.
    std::string key;
    std::string form;       // deadline, periodic, violation, signal
    std::string calendar;   // effective working-day calendar, "" when none is needed
    std::string effective;  // "from 2020-01-01", "" when always
    std::string source;     // file:line where the rule is written, relative to the rules given (published_path)
    std::vector<ParamDoc> params;
    // The obligation's form as labelled lines: applies to, trigger, period, required record ...
    std::vector<std::pair<std::string, std::string>> form_lines;
};

struct PackageDoc {
    std::string name;  // "" for rules outside any package
    std::string title, authority, jurisdiction, calendar, source, effective;
    std::vector<RuleDoc> rules;
};

struct CatalogueDoc {
    std::vector<PackageDoc> packages;  // in package name order
};

// Everything the catalogue shows, read from checked rules (never from a database). `roots` are
// the rule files and folders the rules were loaded from: rule files are named relative to them.
CatalogueDoc build_catalogue(const checker::BoundProgram& program, const std::vector<std::string>& roots);

// How the catalogue names a rule file: never a path of the machine it was made on. A file under a
// root folder is "<the folder's name>/<path below it>" ("rules/cn/vehicles.rules" whether the
// folder was given as rules/ or /usr/share/recallguard/rules); any other file, its name alone.
std::string published_path(const std::string& file, const std::vector<std::string>& roots);

enum class DocFormat { Markdown, Html };
std::optional<DocFormat> parse_doc_format(const std::string& name);  // "md", "markdown", "html"

void write_markdown(const CatalogueDoc& catalogue, std::ostream& out);
// One self-contained page (inline CSS, no scripts, no external resources); every text escaped.
void write_html(const CatalogueDoc& catalogue, std::ostream& out);

// The catalogue's anchors are those the reports link to (report/catalogue_link.h).
using report::anchor_id;

// `f in c.filings where ... dated f.filed_on`, as written in the rule language.
std::string requirement_text(const ast::Requirement& requirement);

}  // namespace recallguard::doc
