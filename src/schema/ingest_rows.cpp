#include "schema/ingest_rows.h"

#include <fmt/format.h>

#include <set>

#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/text.h"
#include "common/utf8.h"
#include "schema/csv_reader.h"
#include "schema/value_check.h"

namespace recallguard::schema {

namespace {

std::string unknown_column_message(const std::string& column, const Table& table) {
    const auto names = table.column_names();
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    const std::string match = closest_match(column, names);
    return fmt::format("unknown column '{}' in table {}{}; its columns are {}", column, table.name,
                       match.empty() ? "" : fmt::format(" (did you mean '{}'?)", match), list);
}

void reject(InputRow& row, std::vector<PlacedProblem>& problems, std::string location, std::string message) {
    row.rejected = true;
    problems.push_back({row.input, row.record, {std::move(location), std::move(message)}});
}

}  // namespace

const sqldb::SqlValue* InputRow::value_of(const std::string& column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i]->name == column) return &values[i];
    return nullptr;
}

std::string InputRow::location_of(const std::string& column) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i]->name == column) return value_locations[i];
    return location;
}

std::vector<InputRow> read_csv_rows(std::string_view text, const std::string& name, size_t input, const Table& table,
                                    std::vector<PlacedProblem>& problems) {
    CsvDocument csv = parse_csv(text);
    for (const auto& e : csv.errors)
        problems.push_back(
            {input, static_cast<size_t>(e.line), {fmt::format("{}:{}:{}", name, e.line, e.column), e.message}});
    std::vector<InputRow> rows;
    if (csv.records.empty()) {
        if (csv.errors.empty())
            problems.push_back({input, 0, {name + ":1", "the file is empty; its first line must name the columns"}});
        return rows;
    }
    // The header: which catalog column each field fills (nullptr = an unusable field).
    const CsvRecord& header = csv.records.front();
    const std::string header_location = fmt::format("{}:{}", name, header.line);
    std::vector<const Column*> columns;
    std::set<std::string> seen;
    for (size_t i = 0; i < header.fields.size(); ++i) {
        const std::string field = header.fields[i].value_or("");
        const Column* column = table.find_column(field);
        const bool first = column && seen.insert(field).second;
        if (field.empty())
            problems.push_back({input,
                                0,
                                {header_location, fmt::format("header field {} is empty; it must name a column of {}",
                                                              i + 1, table.name)}});
        else if (!column)
            problems.push_back({input, 0, {header_location, unknown_column_message(field, table)}});
        else if (!first)
            problems.push_back(
                {input, 0, {header_location, fmt::format("column {} appears twice in the header", field)}});
        columns.push_back(first ? column : nullptr);
    }
    for (const auto& c : table.columns)
        if (c.not_null && !seen.count(c.name))
            problems.push_back(
                {input,
                 0,
                 {header_location,
                  fmt::format("the header has no column {}, which {} requires (NOT NULL)", c.name, table.name)}});

    for (size_t r = 1; r < csv.records.size(); ++r) {
        const CsvRecord& record = csv.records[r];
        InputRow row;
        row.input = input;
        row.record = static_cast<size_t>(record.line);
        row.location = fmt::format("{}:{}", name, record.line);
        if (record.fields.size() != header.fields.size()) {
            reject(row, problems, row.location,
                   fmt::format("the record has {} fields but the header names {} columns", record.fields.size(),
                               header.fields.size()));
            rows.push_back(std::move(row));
            continue;
        }
        for (size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i]) continue;
            ParsedValue parsed = parse_text_value(*columns[i], record.fields[i]);
            if (!parsed.ok())
                reject(row, problems, row.location, fmt::format("{}: {}", columns[i]->name, parsed.error));
            row.columns.push_back(columns[i]);
            row.values.push_back(std::move(parsed.value));
            row.value_locations.push_back(row.location);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<InputRow> read_json_rows(const std::string& text, const std::string& name, size_t input, const Table& table,
                                     std::vector<PlacedProblem>& problems) {
    // Text that is not UTF-8 is refused at its first bad byte, as CSV, rule and filing files are.
    if (const size_t bad = first_invalid_utf8(text); bad != std::string::npos)
        throw InputError(
            fmt::format("{}: {}", location_of_offset(name, text, bad).to_string(), invalid_utf8_message(text, bad)));
    nlohmann::ordered_json document;
    // A key twice in one object would silently keep one value: refused, as check-filing does.
    // The callback sees keys in order; `objects` holds the keys of each object being read.
    std::vector<std::set<std::string>> objects;
    size_t elements = 0;  // elements of the top-level array begun so far: the row is elements - 1
    std::string duplicate;
    const auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::ordered_json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (depth == 1 && (event == Event::object_start || event == Event::array_start || event == Event::value))
            ++elements;
        if (event == Event::object_start) {
            objects.emplace_back();
        } else if (event == Event::object_end) {
            if (!objects.empty()) objects.pop_back();
        } else if (event == Event::key && !objects.empty() && duplicate.empty()) {
            const std::string key = parsed.get<std::string>();
            if (!objects.back().insert(key).second)
                duplicate = fmt::format(
                    "{}:/{}: the key '{}' appears twice in one object; a reader would silently "
                    "keep one of them",
                    name, elements == 0 ? 0 : elements - 1, key);
        }
        return true;
    };
    try {
        document = nlohmann::ordered_json::parse(text, callback);
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into a line and column a user can go to.
        const size_t end = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        throw InputError(fmt::format("{}: not valid JSON: {}", location_of_offset(name, text, end).to_string(),
                                     json_error_explanation(e.what())));
    } catch (const nlohmann::json::out_of_range& e) {
        // A number too large for a double (1E999999): named by the library, not located.
        throw InputError(fmt::format("{}: not valid JSON: a number too large to represent ({})", name,
                                     json_error_explanation(e.what())));
    }
    if (!duplicate.empty()) throw InputError(duplicate);
    if (!document.is_array())
        throw InputError(fmt::format("{}: expected a JSON array of objects (one per row of {}), found a JSON {}", name,
                                     table.name, document.type_name()));
    std::vector<InputRow> rows;
    for (size_t r = 0; r < document.size(); ++r) {
        const auto& object = document[r];
        InputRow row;
        row.input = input;
        row.record = r + 1;
        row.location = fmt::format("{}:/{}", name, r);
        if (!object.is_object()) {
            reject(row, problems, row.location,
                   fmt::format("expected an object (one row of {}), found a JSON {}", table.name, object.type_name()));
            rows.push_back(std::move(row));
            continue;
        }
        for (const auto& [key, value] : object.items()) {
            const std::string location = row.location + "/" + pointer_token(key);
            const Column* column = table.find_column(key);
            if (!column) {
                reject(row, problems, location, unknown_column_message(key, table));
                continue;
            }
            ParsedValue parsed = parse_json_value(*column, value);
            if (!parsed.ok()) reject(row, problems, location, fmt::format("{}: {}", key, parsed.error));
            row.columns.push_back(column);
            row.values.push_back(std::move(parsed.value));
            row.value_locations.push_back(location);
        }
        for (const auto& c : table.columns)
            if (c.not_null && !object.contains(c.name))
                reject(row, problems, row.location,
                       fmt::format("the row has no {}, which {} requires (NOT NULL)", c.name, table.name));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace recallguard::schema
