#include "filing/filing.h"

#include <filesystem>

#include "common/data_folders.h"
#include "common/errors.h"

namespace recallguard::filing {

const std::vector<std::string>& filing_kinds() {
    static const std::vector<std::string> kinds{"incident_report", "foreign_recall_report", "defect_report",
                                                "recall_plan",     "plan_change",           "progress_report",
                                                "summary_report",  "bulletin_filing"};
    return kinds;
}

std::string FilingSchemas::bundled_directory() {
    return find_data_folder(DataFolder::Schemas);
}

FilingSchemas FilingSchemas::load(const std::string& directory) {
    FilingSchemas result;
    for (const auto& kind : filing_kinds()) {
        const std::string path = (std::filesystem::path(directory) / (kind + ".schema.json")).string();
        result.schemas_.emplace(kind, JsonSchema::load(path));
    }
    return result;
}

const JsonSchema* FilingSchemas::find(const std::string& kind) const {
    const auto it = schemas_.find(kind);
    return it == schemas_.end() ? nullptr : &it->second;
}

LoadedFiling load_filing(const std::string& path, const FilingSchemas& schemas) {
    LoadedFiling loaded;
    JsonDocument document;
    const auto error = read_json_document(path, document);
    loaded.text = document.text;
    if (error) {
        loaded.diagnostics.error(error->code, error->location, error->message);
        return loaded;
    }
    const auto& value = document.value;
    if (!value.is_object()) {
        loaded.diagnostics.error(DiagnosticCode::FilingSchema, document.locate(""),
                                 "/: a filing is a JSON object; found " + describe_json(value));
        return loaded;
    }
    // The kind chooses the schema, so it is checked first and on its own.
    if (!value.contains("kind") || !value["kind"].is_string()) {
        loaded.diagnostics.error(
            DiagnosticCode::FilingKind, document.locate("/kind"),
            value.contains("kind")
                ? "/kind: expected a string naming the filing kind, found " + describe_json(value["kind"])
                : "/kind: the required member \"kind\" is missing; expected one of "
                  "the filing kinds, e.g. \"recall_plan\"");
        return loaded;
    }
    const std::string kind = value["kind"].get<std::string>();
    const JsonSchema* schema = schemas.find(kind);
    if (!schema) {
        std::string message = "/kind: unknown filing kind \"" + kind + "\"; expected one of ";
        for (size_t i = 0; i < filing_kinds().size(); ++i) message += (i ? ", " : "") + filing_kinds()[i];
        const std::string match = closest_match(kind, filing_kinds());
        if (!match.empty()) message += "; did you mean \"" + match + "\"?";
        loaded.diagnostics.error(DiagnosticCode::FilingKind, document.locate("/kind"), message,
                                 static_cast<int>(kind.size()) + 2);
        return loaded;
    }
    for (const auto& problem : schema->validate(value)) {
        const SourceLocation location =
            problem.at_key ? document.locate_key(problem.pointer) : document.locate(problem.pointer);
        // Each message already says what was expected and what was found.
        loaded.diagnostics.error(DiagnosticCode::FilingSchema, location,
                                 (problem.pointer.empty() ? "/" : problem.pointer) + ": " + problem.message);
    }
    if (loaded.diagnostics.has_errors()) return loaded;

    Filing filing;
    filing.path = path;
    filing.filing_id = value["filing_id"].get<std::string>();
    filing.kind = kind;
    filing.company_id = value["company_id"].get<std::string>();
    filing.filed_on = value["filed_on"].get<std::string>();
    filing.authority = value["authority"].get<std::string>();
    auto optional_text = [&](const char* key) -> std::optional<std::string> {
        if (!value.contains(key) || value[key].is_null()) return std::nullopt;
        return value[key].get<std::string>();
    };
    filing.product_id = optional_text("product_id");
    filing.case_id = optional_text("case_id");
    filing.period_end = optional_text("period_end");
    filing.content = value.contains("content") ? value["content"].dump() : "{}";
    filing.document = std::move(document);
    loaded.filing = std::move(filing);
    return loaded;
}

}  // namespace recallguard::filing
