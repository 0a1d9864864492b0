// Filings submitted to an authority, read from JSON files and checked against the published
// schema of their kind (schemas/filings/<kind>.schema.json) with every problem located.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "filing/json_document.h"
#include "filing/json_schema.h"

namespace recallguard::filing {

// The kinds of the case data model's `filings.kind`, each with a schema of its own.
const std::vector<std::string>& filing_kinds();

// The schemas of every kind, read from a folder of <kind>.schema.json files.
class FilingSchemas {
public:
    // Throws InputError when a kind's schema is missing or unusable.
    static FilingSchemas load(const std::string& directory);
    // The default schemas folder (common/data_folders.h); throws InputError when there is none.
    static std::string bundled_directory();
    const JsonSchema* find(const std::string& kind) const;

private:
    std::map<std::string, JsonSchema> schemas_;
};

// One filing as the case data model stores it, with where its parts are written.
struct Filing {
    std::string path;
    std::string filing_id, kind, company_id, filed_on, authority;
    std::optional<std::string> product_id, case_id, period_end;
    std::string content;  // the `content` object as compact JSON text
    JsonDocument document;

    // Where the member `pointer` ("/filed_on", "/content/scope") is written in the file.
    SourceLocation locate(const std::string& pointer) const { return document.locate(pointer); }
};

struct LoadedFiling {
    std::optional<Filing> filing;  // set when the file parsed and passed its schema
    DiagnosticBag diagnostics;     // F-IO, F-SIZE, F-UTF8, F-JSON, F-DUPLICATE-KEY, F-KIND, F-SCHEMA
    std::string text;              // the file's text when it was read (for carets); "" otherwise
};

// Reads `path`, checks it against its kind's schema; every problem carries file:line:col
// and the JSON pointer, with expected and found.
LoadedFiling load_filing(const std::string& path, const FilingSchemas& schemas);

}  // namespace recallguard::filing
