// A validator for the subset of JSON Schema (draft 2020-12) the filing schemas use: type,
// required, properties, additionalProperties, items, enum, const, format "date", minLength,
// maxLength, minimum, maximum. Schemas using any other keyword are refused when loaded, so
// a schema can never be silently half-applied.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recallguard::filing {

struct SchemaProblem {
    std::string pointer;   // JSON pointer of the offending value ("" = the document)
    std::string keyword;   // the schema keyword that failed: type, required, enum, ...
    std::string expected;  // what the schema asks for
    std::string found;     // what the document holds
    std::string message;   // one sentence for people
    bool at_key = false;   // the problem is the member's key (unexpected property), not its value
};

class JsonSchema {
public:
    // Throws InputError naming `origin` when the schema uses a keyword outside the subset.
    static JsonSchema from_json(nlohmann::json schema, const std::string& origin);
    // Reads a schema file; throws InputError when it is unreadable, not JSON, or unsupported.
    static JsonSchema load(const std::string& path);

    // Every problem of `document`, in document order.
    std::vector<SchemaProblem> validate(const nlohmann::json& document) const;

    const nlohmann::json& json() const { return schema_; }

private:
    nlohmann::json schema_;
};

// "the string \"abc\"", "the integer 5", "an object", ... for expected/found texts.
std::string describe_json(const nlohmann::json& value);

}  // namespace recallguard::filing
