#include "schema/value_check.h"

#include <fmt/format.h>

#include <charconv>

#include "common/date.h"
#include "common/diagnostic.h"
#include "common/text.h"

namespace recallguard::schema {

namespace {

std::optional<int64_t> parse_integer(const std::string& text) {
    if (text.empty() || (text[0] != '-' && !std::isdigit(static_cast<unsigned char>(text[0])))) return std::nullopt;
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool is_country_code(const std::string& text) {
    return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

const char* json_kind(const nlohmann::ordered_json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    return "null";
}

std::string check_json_object(const std::string& text) {
    const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    if (parsed.is_discarded())
        return fmt::format("'{}' is not valid JSON", text.size() > 60 ? text.substr(0, 60) + "..." : text);
    if (!parsed.is_object()) return fmt::format("is {} in JSON, but it must be a JSON object", json_kind(parsed));
    return "";
}

}  // namespace

bool is_iso_date(const std::string& text) {
    return Date::parse(text).has_value();
}

std::string bounds_description(const Column& column) {
    const int min = column.min_value.value_or(0);
    if (column.max_value && *column.max_value == min + 1) return fmt::format("{} or {}", min, *column.max_value);
    if (column.max_value) return fmt::format("between {} and {}", min, *column.max_value);
    if (min == 0) return "0 or more (it is a count)";
    return fmt::format("at least {}", min);
}

ParsedValue parse_text_value(const Column& column, const std::optional<std::string>& text) {
    ParsedValue out;
    if (!text) {
        out.error = check_value(column, out.value);
        return out;
    }
    if (column.type == ColumnType::Integer) {
        const auto number = parse_integer(*text);
        if (!number) {
            out.error = fmt::format("'{}' is not an integer", *text);
            return out;
        }
        out.value = *number;
    } else {
        out.value = *text;
    }
    out.error = check_value(column, out.value);
    return out;
}

ParsedValue parse_json_value(const Column& column, const nlohmann::ordered_json& value) {
    ParsedValue out;
    if (value.is_null()) {
        out.error = check_value(column, out.value);
        return out;
    }
    if (column.type == ColumnType::Integer) {
        if (value.is_number_integer() &&
            (!value.is_number_unsigned() || value.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX)))
            out.value = value.get<int64_t>();
        else
            out.error = fmt::format("{} is {}, not an integer", value.dump(), json_kind(value));
    } else if (column.type == ColumnType::Json && value.is_object()) {
        out.value = value.dump();
    } else if (value.is_string()) {
        out.value = value.get<std::string>();
    } else {
        out.error = fmt::format("{} is {}, but it must be {}", value.dump(), json_kind(value),
                                column.type == ColumnType::Json ? "a JSON object" : "a string");
    }
    if (out.ok()) out.error = check_value(column, out.value);
    return out;
}

std::string check_value(const Column& column, const sqldb::SqlValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        return column.not_null ? "is required (NOT NULL) but has no value" : "";
    if (column.type == ColumnType::Integer) {
        const auto* number = std::get_if<int64_t>(&value);
        if (!number) return fmt::format("'{}' is not an integer", sqldb::sql_value_to_string(value));
        if ((column.min_value && *number < *column.min_value) || (column.max_value && *number > *column.max_value))
            return fmt::format("{} is out of range; it must be {}", *number, bounds_description(column));
        return "";
    }
    const auto* text = std::get_if<std::string>(&value);
    if (!text) return fmt::format("{} is not text", sqldb::sql_value_to_string(value));
    if (column.type == ColumnType::Date && !is_iso_date(*text))
        return fmt::format("'{}' is not a real calendar date written YYYY-MM-DD", *text);
    if (column.type == ColumnType::Json) return check_json_object(*text);
    if (!column.enum_values.empty() &&
        std::find(column.enum_values.begin(), column.enum_values.end(), *text) == column.enum_values.end()) {
        const std::string match = closest_match(*text, column.enum_values);
        return fmt::format("'{}' is not allowed; the allowed values are {}{}", *text, join(column.enum_values),
                           match.empty() ? "" : fmt::format(" (did you mean '{}'?)", match));
    }
    if (column.format == TextFormat::CountryCode && !is_country_code(*text))
        return fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN)", *text);
    if (column.format == TextFormat::NonEmpty && text->empty()) return "is empty, but it must name something";
    return "";
}

}  // namespace recallguard::schema
