#include "filing/json_schema.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "common/date.h"
#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/files.h"
#include "common/utf8.h"
#include "filing/json_document.h"

namespace recallguard::filing {
namespace {

const std::set<std::string> kKeywords{"$schema",   "$id",     "$comment", "title",      "description",
                                      "examples",  "type",    "required", "properties", "additionalProperties",
                                      "items",     "enum",    "const",    "format",     "minLength",
                                      "maxLength", "minimum", "maximum"};
const std::set<std::string> kTypes{"object", "array", "string", "integer", "number", "boolean", "null"};

void check_schema(const nlohmann::json& schema, const std::string& origin, const std::string& where) {
    if (schema.is_boolean()) return;
    if (!schema.is_object()) throw InputError(origin + ": schema at " + where + " must be an object or a boolean");
    for (const auto& [key, value] : schema.items()) {
        if (!kKeywords.count(key))
            throw InputError(
                origin + ": schema keyword '" + key + "' at " + where +
                " is not supported by recallguard's validator (supported: type, required, properties, "
                "additionalProperties, items, enum, const, format, minLength, maxLength, minimum, maximum)");
        if (key == "type") {
            const auto types = value.is_array() ? value : nlohmann::json::array({value});
            for (const auto& t : types)
                if (!t.is_string() || !kTypes.count(t.get<std::string>()))
                    throw InputError(origin + ": unknown type " + t.dump() + " at " + where);
        }
        if (key == "format" && value != "date")
            throw InputError(origin + ": format " + value.dump() + " at " + where +
                             " is not supported (only \"date\")");
        if (key == "properties") {
            if (!value.is_object()) throw InputError(origin + ": 'properties' at " + where + " must be an object");
            for (const auto& [name, sub] : value.items()) check_schema(sub, origin, where + "/properties/" + name);
        }
        if (key == "additionalProperties" || key == "items") check_schema(value, origin, where + "/" + key);
        if (key == "required" && !value.is_array())
            throw InputError(origin + ": 'required' at " + where + " must be an array");
        if (key == "enum" && !value.is_array()) throw InputError(origin + ": 'enum' at " + where + " must be an array");
    }
}

std::string json_type_of(const nlohmann::json& value) {
    if (value.is_object()) return "object";
    if (value.is_array()) return "array";
    if (value.is_string()) return "string";
    if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
    if (value.is_number()) return "number";
    if (value.is_boolean()) return "boolean";
    return "null";
}

bool has_type(const nlohmann::json& value, const std::string& type) {
    const std::string actual = json_type_of(value);
    if (type == "number") return actual == "number" || actual == "integer";
    // 2020-12: a number with a zero fractional part is an integer.
    // (Tested with trunc, not a cast to int64_t: a number past 2^63, e.g. 2.6e31, cannot be cast.)
    if (type == "integer" && actual == "number") {
        const double number = value.get<double>();
        return std::isfinite(number) && std::trunc(number) == number;
    }
    return actual == type;
}

size_t code_points(const std::string& text) {
    return static_cast<size_t>(code_point_count(text));
}

std::string list_of(const nlohmann::json& values) {
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i].dump();
    return out;
}

class Validator {
public:
    std::vector<SchemaProblem> problems;

    void validate(const nlohmann::json& schema, const nlohmann::json& value, const std::string& pointer) {
        if (schema.is_boolean()) {
            if (!schema.get<bool>())
                add(pointer, "false", "nothing here", describe_json(value), "no value is allowed here");
            return;
        }
        if (schema.contains("type")) {
            const auto types = schema["type"].is_array() ? schema["type"] : nlohmann::json::array({schema["type"]});
            bool ok = false;
            std::string expected;
            for (const auto& t : types) {
                ok = ok || has_type(value, t.get<std::string>());
                expected += (expected.empty() ? "" : " or ") + t.get<std::string>();
            }
            if (!ok) {
                add(pointer, "type", expected, describe_json(value),
                    "expected " + article(expected) + ", found " + describe_json(value));
                return;  // the other keywords would only repeat the same mistake
            }
        }
        if (schema.contains("const") && value != schema["const"])
            add(pointer, "const", schema["const"].dump(), describe_json(value),
                "expected " + schema["const"].dump() + ", found " + describe_json(value));
        if (schema.contains("enum")) check_enum(schema["enum"], value, pointer);
        if (value.is_string()) check_string(schema, value.get<std::string>(), pointer);
        if (value.is_number()) check_number(schema, value, pointer);
        if (value.is_object()) check_object(schema, value, pointer);
        if (value.is_array() && schema.contains("items"))
            for (size_t i = 0; i < value.size(); ++i)
                validate(schema["items"], value[i], pointer + "/" + std::to_string(i));
    }

private:
    static std::string article(const std::string& type) {
        return (type[0] == 'a' || type[0] == 'i' || type[0] == 'o' ? "an " : "a ") + type;
    }

    void add(const std::string& pointer, std::string keyword, std::string expected, std::string found,
             std::string message, bool at_key = false) {
        problems.push_back(
            {pointer, std::move(keyword), std::move(expected), std::move(found), std::move(message), at_key});
    }

    void check_enum(const nlohmann::json& allowed, const nlohmann::json& value, const std::string& pointer) {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
        std::string message = "expected one of " + list_of(allowed) + ", found " + describe_json(value);
        if (value.is_string()) {
            std::vector<std::string> names;
            for (const auto& a : allowed)
                if (a.is_string()) names.push_back(a.get<std::string>());
            const std::string match = closest_match(value.get<std::string>(), names);
            if (!match.empty()) message += "; did you mean \"" + match + "\"?";
        }
        add(pointer, "enum", "one of " + list_of(allowed), describe_json(value), message);
    }

    void check_string(const nlohmann::json& schema, const std::string& text, const std::string& pointer) {
        const size_t length = code_points(text);
        if (schema.contains("minLength") && length < schema["minLength"].get<size_t>())
            add(pointer, "minLength", "at least " + schema["minLength"].dump() + " character(s)",
                std::to_string(length) + " character(s)",
                length == 0 ? "the text is empty; expected at least " + schema["minLength"].dump() + " character(s)"
                            : "the text has " + std::to_string(length) + " character(s); expected at least " +
                                  schema["minLength"].dump());
        if (schema.contains("maxLength") && length > schema["maxLength"].get<size_t>())
            add(pointer, "maxLength", "at most " + schema["maxLength"].dump() + " characters",
                std::to_string(length) + " characters",
                "the text has " + std::to_string(length) + " characters; expected at most " +
                    schema["maxLength"].dump());
        if (schema.value("format", "") == "date" && !Date::parse(text)) {
            const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
            add(pointer, "format", "a calendar date YYYY-MM-DD", "\"" + text + "\"",
                shaped ? "\"" + text + "\" is not a date that exists; expected a real calendar date YYYY-MM-DD"
                       : "expected a date written YYYY-MM-DD, found \"" + text + "\"");
        }
    }

    void check_number(const nlohmann::json& schema, const nlohmann::json& value, const std::string& pointer) {
        const double number = value.get<double>();
        if (schema.contains("minimum") && number < schema["minimum"].get<double>())
            add(pointer, "minimum", schema["minimum"].dump() + " or more", value.dump(),
                "expected " + schema["minimum"].dump() + " or more, found " + value.dump());
        if (schema.contains("maximum") && number > schema["maximum"].get<double>())
            add(pointer, "maximum", schema["maximum"].dump() + " or less", value.dump(),
                "expected " + schema["maximum"].dump() + " or less, found " + value.dump());
    }

    void check_object(const nlohmann::json& schema, const nlohmann::json& value, const std::string& pointer) {
        const nlohmann::json no_properties = nlohmann::json::object();
        const auto& properties = schema.contains("properties") ? schema["properties"] : no_properties;
        if (schema.contains("required"))
            for (const auto& name : schema["required"]) {
                const std::string key = name.get<std::string>();
                if (!value.contains(key))
                    add(pointer + "/" + pointer_token(key), "required", "a member \"" + key + "\"", "none",
                        "the required member \"" + key + "\" is missing");
            }
        // In document order, so problems come out in the order a reader meets them.
        for (const auto& [key, member] : value.items()) {
            const std::string member_pointer = pointer + "/" + pointer_token(key);
            if (properties.contains(key)) {
                validate(properties[key], member, member_pointer);
                continue;
            }
            if (!schema.contains("additionalProperties")) continue;
            const auto& additional = schema["additionalProperties"];
            if (additional.is_boolean() && !additional.get<bool>()) {
                std::vector<std::string> names;
                for (const auto& [name, unused] : properties.items()) names.push_back(name);
                std::string message = "unexpected member \"" + key + "\"";
                const std::string match = closest_match(key, names);
                message += match.empty() ? "; it is not part of this filing kind" : "; did you mean \"" + match + "\"?";
                add(
                    member_pointer, "additionalProperties",
                    "one of the members " +
                        [&] {
                            std::string all;
                            for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
                            return all;
                        }(),
                    "\"" + key + "\"", message, true);
            } else {
                validate(additional, member, member_pointer);
            }
        }
    }
};

}  // namespace

std::string describe_json(const nlohmann::json& value) {
    const std::string type = json_type_of(value);
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    if (value.is_null()) return "null";
    std::string shown = value.dump();
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    return (type == "integer"   ? "the integer "
            : type == "number"  ? "the number "
            : type == "boolean" ? "the boolean "
                                : "the string ") +
           shown;
}

JsonSchema JsonSchema::from_json(nlohmann::json schema, const std::string& origin) {
    check_schema(schema, origin, "#");
    JsonSchema result;
    result.schema_ = std::move(schema);
    return result;
}

JsonSchema JsonSchema::load(const std::string& path) {
    FileText file = read_file(path);
    if (!file.ok()) throw InputError(path + ": cannot read the schema file: " + file.reason);
    nlohmann::json schema;
    try {
        schema = nlohmann::json::parse(file.text);
    } catch (const nlohmann::json::exception& e) {  // syntax, or a number too large (out_of_range)
        throw InputError(path + ": the schema is not valid JSON: " + e.what());
    }
    return from_json(std::move(schema), path);
}

std::vector<SchemaProblem> JsonSchema::validate(const nlohmann::json& document) const {
    Validator validator;
    validator.validate(schema_, document, "");
    return std::move(validator.problems);
}

}  // namespace recallguard::filing
