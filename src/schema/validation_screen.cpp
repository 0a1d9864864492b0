#include "schema/validation_screen.h"

#include <unordered_set>
#include <vector>

#include "common/errors.h"
#include "common/text.h"

namespace recallguard::schema {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int digits(std::string_view text, size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

// One column of the scan and what is checked on it.
struct ScannedColumn {
    const Column* column = nullptr;
    int index = 0;  // in the scan's result row
    std::unordered_set<std::string> enum_values;
    bool check_reference = false;                 // parent keys could be read
    std::unordered_set<std::string> parent_keys;  // text keys only
};

// Text keys of `parent`'s single-column key; false when they cannot be read or are not all text
// (then SQLite's comparison rules decide, so the screen leaves the check to SQL).
bool read_parent_keys(exec::Database& db, const Table& parent, std::unordered_set<std::string>& keys) {
    if (parent.primary_key.size() != 1) return false;
    try {
        auto query = db.prepare("SELECT " + exec::quote_identifier(parent.primary_key.front()) + " FROM " +
                                exec::quote_identifier(parent.name));
        while (query.step()) {
            const int type = query.column_type(0);
            if (type == SQLITE_NULL) continue;
            if (type != SQLITE_TEXT) return false;
            keys.emplace(query.column_view(0));
        }
        return true;
    } catch (const InputError&) {
        return false;  // the check's own query reports it
    }
}

}  // namespace

bool certainly_valid_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(text[i])) return false;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string ValidationScreen::id(const std::string& code, const std::string& column, const std::string& other) {
    return code + "\x1f" + to_lower(column) + "\x1f" + to_lower(other);
}

bool ValidationScreen::may_find(const std::string& code, const std::string& column, const std::string& other) const {
    const std::string key = id(code, column, other);
    return !scanned_ || !screened_.count(key) || possible_.count(key);
}

ValidationScreen ValidationScreen::scan(exec::Database& db, const Table& table, const std::set<std::string>& present) {
    ValidationScreen screen;
    const auto has = [&](const std::string& name) { return present.count(to_lower(name)) > 0; };
    std::vector<ScannedColumn> scanned;
    std::string select;
    for (const auto& column : table.columns) {
        if (!has(column.name)) continue;
        ScannedColumn entry;
        entry.column = &column;
        entry.index = static_cast<int>(scanned.size());
        entry.enum_values.insert(column.enum_values.begin(), column.enum_values.end());
        if (!column.references.empty())
            if (const Table* parent = Catalog::case_data_v1().find_table(column.references))
                entry.check_reference = read_parent_keys(db, *parent, entry.parent_keys);
        scanned.push_back(std::move(entry));
        select += (select.empty() ? "" : ", ") + exec::quote_identifier(column.name);
    }
    if (scanned.empty()) return screen;
    const auto index_of = [&](const std::string& name) {
        for (const auto& entry : scanned)
            if (entry.column->name == name) return entry.index;
        return -1;
    };

    // Which checks the scan decides, as the validator runs them.
    for (const auto& entry : scanned) {
        const Column& c = *entry.column;
        for (const char* code :
             {"V-NULL", "V-TYPE", "V-BAD-DATE", "V-ENUM", "V-NEGATIVE", "V-RANGE", "V-COUNTRY", "V-EMPTY"})
            screen.screened_.insert(id(code, c.name, ""));
        if (entry.check_reference) screen.screened_.insert(id("V-ORPHAN", c.name, ""));
    }
    struct Order {
        int earlier, later;
        std::string order_id, needs_id;
        bool later_needs_earlier;
    };
    std::vector<Order> orders;
    for (const auto& order : table.date_orders) {
        const int earlier = index_of(order.earlier), later = index_of(order.later);
        if (earlier < 0 || later < 0) continue;
        orders.push_back({earlier, later, id("V-DATE-ORDER", order.later, order.earlier),
                          id("V-DATE-ORDER-NEEDS", order.later, order.earlier), order.later_needs_earlier});
        screen.screened_.insert(orders.back().order_id);
        screen.screened_.insert(orders.back().needs_id);
    }
    std::vector<std::tuple<int, int, std::string>> pairs;
    for (const auto& [first, second] : table.set_together) {
        const int a = index_of(first), b = index_of(second);
        if (a < 0 || b < 0) continue;
        pairs.emplace_back(a, b, id("V-PAIR", first, second));
        screen.screened_.insert(std::get<2>(pairs.back()));
    }

    auto query = db.prepare("SELECT " + select + " FROM " + exec::quote_identifier(table.name));
    std::vector<int> types(scanned.size());
    auto possible = [&](const std::string& key) { screen.possible_.insert(key); };
    while (query.step()) {
        // The storage class first: reading a value as text would convert it.
        for (size_t i = 0; i < scanned.size(); ++i) types[i] = query.column_type(static_cast<int>(i));
        for (size_t i = 0; i < scanned.size(); ++i) {
            const ScannedColumn& entry = scanned[i];
            const Column& c = *entry.column;
            const int type = types[i];
            if (type == SQLITE_NULL) {
                if (c.not_null) possible(id("V-NULL", c.name, ""));
                continue;
            }
            const int storage = c.type == ColumnType::Integer ? SQLITE_INTEGER : SQLITE_TEXT;
            if (type != storage) possible(id("V-TYPE", c.name, ""));
            if (type == SQLITE_INTEGER) {
                const int64_t value = query.column_int(entry.index);
                if (c.min_value && value < *c.min_value) possible(id("V-NEGATIVE", c.name, ""));
                if (c.max_value && value > *c.max_value) possible(id("V-RANGE", c.name, ""));
            }
            if (entry.check_reference &&
                (type != SQLITE_TEXT || !entry.parent_keys.count(std::string(query.column_view(entry.index)))))
                possible(id("V-ORPHAN", c.name, ""));
            if (type != SQLITE_TEXT) continue;
            const std::string_view text = query.column_view(entry.index);
            if (c.type == ColumnType::Date && !certainly_valid_date(text)) possible(id("V-BAD-DATE", c.name, ""));
            if (!entry.enum_values.empty() && !entry.enum_values.count(std::string(text)))
                possible(id("V-ENUM", c.name, ""));
            if (c.format == TextFormat::CountryCode &&
                !(text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z'))
                possible(id("V-COUNTRY", c.name, ""));
            if (c.format == TextFormat::NonEmpty && text.empty()) possible(id("V-EMPTY", c.name, ""));
        }
        for (const auto& order : orders) {
            const int earlier = types[order.earlier], later = types[order.later];
            if (order.later_needs_earlier && later != SQLITE_NULL && earlier == SQLITE_NULL) possible(order.needs_id);
            if (earlier != SQLITE_TEXT || later != SQLITE_TEXT) continue;
            const std::string_view e = query.column_view(order.earlier), l = query.column_view(order.later);
            // Two certain dates compare as text; anything less certain is left to SQL.
            if (!certainly_valid_date(e) || !certainly_valid_date(l) || l < e) possible(order.order_id);
        }
        for (const auto& [a, b, key] : pairs)
            if ((types[a] == SQLITE_NULL) != (types[b] == SQLITE_NULL)) possible(key);
    }
    screen.scanned_ = true;
    return screen;
}

}  // namespace recallguard::schema
