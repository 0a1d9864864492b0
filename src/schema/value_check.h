// Checking single values against a column of the case-data model, with messages that say why.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "schema/catalog.h"
#include "sqldb/value.h"

namespace recallguard::schema {

// A typed value for one column, or why the input cannot be one. Messages start with the
// offending value and leave the column's name to the caller: "'12x' is not an integer".
struct ParsedValue {
    sqldb::SqlValue value;
    std::string error;
    bool ok() const { return error.empty(); }
};

// A CSV field (std::nullopt = an empty, unquoted field = NULL). Integers are parsed
// strictly: optional '-' then digits, nothing else.
ParsedValue parse_text_value(const Column& column, const std::optional<std::string>& text);

// A JSON value: strings for text and dates, integers for integers, null for NULL; the
// JSON column takes an object (or a string holding one).
ParsedValue parse_json_value(const Column& column, const nlohmann::ordered_json& value);

// Every rule of the model on one value: NOT NULL, storage type, real dates, enumerations,
// integer bounds, text formats, JSON objects. "" when the value is acceptable.
std::string check_value(const Column& column, const sqldb::SqlValue& value);

// "0 or more (it is a count)", "at least 1", "0 or 1".
std::string bounds_description(const Column& column);

// True for a real calendar date written exactly YYYY-MM-DD.
bool is_iso_date(const std::string& text);

}  // namespace recallguard::schema
