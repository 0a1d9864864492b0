#include "schema/validation_screen.h"

#include <array>
#include <functional>
#include <string_view>
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

// A set of strings searched by string_view, so that the scan copies no value to look it up.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

// The per-column checks the scan decides, in the validator's names.
enum ColumnCheck { kNull, kType, kBadDate, kEnum, kNegative, kRange, kCountry, kEmpty, kOrphan, kColumnChecks };
constexpr const char* kColumnCheckCodes[kColumnChecks] = {"V-NULL",  "V-TYPE",    "V-BAD-DATE", "V-ENUM",  "V-NEGATIVE",
                                                          "V-RANGE", "V-COUNTRY", "V-EMPTY",    "V-ORPHAN"};

// One column of the scan (its position in the result row is its position in the scan) and
// which of its checks a row may fail.
struct ScannedColumn {
    const Column* column = nullptr;
    TextSet enum_values;
    bool check_reference = false;  // parent keys could be read
    TextSet parent_keys;           // text keys only
    std::array<bool, kColumnChecks> may_fail{};
};

// Text keys of `parent`'s single-column key; false when they cannot be read or are not all text
// (then SQLite's comparison rules decide, so the screen leaves the check to SQL).
bool read_parent_keys(sqldb::Database& db, const Table& parent, TextSet& keys) {
    if (parent.primary_key.size() != 1) return false;
    try {
        auto query = db.prepare("SELECT " + sqldb::quote_identifier(parent.primary_key.front()) + " FROM " +
                                sqldb::quote_identifier(parent.name));
        while (query.step()) {
            const auto type = query.column_type(0);
            if (type == sqldb::ValueType::Null) continue;
            if (type != sqldb::ValueType::Text) return false;
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

ValidationScreen ValidationScreen::scan(sqldb::Database& db, const Table& table, const std::set<std::string>& present) {
    ValidationScreen screen;
    std::vector<ScannedColumn> scanned;
    std::string select;
    for (const auto& column : table.columns) {
        if (!present.count(to_lower(column.name))) continue;
        ScannedColumn entry;
        entry.column = &column;
        entry.enum_values.insert(column.enum_values.begin(), column.enum_values.end());
        if (!column.references.empty())
            if (const Table* parent = Catalog::case_data_v1().find_table(column.references))
                entry.check_reference = read_parent_keys(db, *parent, entry.parent_keys);
        scanned.push_back(std::move(entry));
        select += (select.empty() ? "" : ", ") + sqldb::quote_identifier(column.name);
    }
    if (scanned.empty()) return screen;
    const auto index_of = [&](const std::string& name) {
        for (size_t i = 0; i < scanned.size(); ++i)
            if (scanned[i].column->name == name) return static_cast<int>(i);
        return -1;
    };
    // Checks of two columns the scan decides: date orders (in order; later set without earlier)
    // and pairs set together.
    struct TwoColumns {
        int first, second;
        std::string id;
        bool may_fail = false;
    };
    std::vector<TwoColumns> out_of_order, needs_earlier, pairs;
    for (const auto& order : table.date_orders) {
        const int earlier = index_of(order.earlier), later = index_of(order.later);
        if (earlier < 0 || later < 0) continue;
        out_of_order.push_back({earlier, later, id("V-DATE-ORDER", order.later, order.earlier)});
        if (order.later_needs_earlier)
            needs_earlier.push_back({earlier, later, id("V-DATE-ORDER-NEEDS", order.later, order.earlier)});
    }
    for (const auto& [first, second] : table.set_together) {
        const int a = index_of(first), b = index_of(second);
        if (a >= 0 && b >= 0) pairs.push_back({a, b, id("V-PAIR", first, second)});
    }

    auto query = db.prepare("SELECT " + select + " FROM " + sqldb::quote_identifier(table.name));
    std::vector<sqldb::ValueType> types(scanned.size());
    while (query.step()) {
        // The storage class first: reading a value as text would convert it.
        for (size_t i = 0; i < scanned.size(); ++i) types[i] = query.column_type(static_cast<int>(i));
        for (size_t i = 0; i < scanned.size(); ++i) {
            ScannedColumn& entry = scanned[i];
            const Column& c = *entry.column;
            const int index = static_cast<int>(i);
            const auto type = types[i];
            auto& may_fail = entry.may_fail;
            if (type == sqldb::ValueType::Null) {
                may_fail[kNull] = may_fail[kNull] || c.not_null;
                continue;
            }
            may_fail[kType] = may_fail[kType] || type != (c.type == ColumnType::Integer ? sqldb::ValueType::Integer
                                                                                        : sqldb::ValueType::Text);
            if (type == sqldb::ValueType::Integer) {
                const int64_t value = query.column_int(index);
                may_fail[kNegative] = may_fail[kNegative] || (c.min_value && value < *c.min_value);
                may_fail[kRange] = may_fail[kRange] || (c.max_value && value > *c.max_value);
            }
            if (type != sqldb::ValueType::Text) {
                may_fail[kOrphan] = may_fail[kOrphan] || entry.check_reference;
                continue;
            }
            const std::string_view text = query.column_view(index);
            if (entry.check_reference && !entry.parent_keys.count(text)) may_fail[kOrphan] = true;
            if (c.type == ColumnType::Date && !certainly_valid_date(text)) may_fail[kBadDate] = true;
            if (!entry.enum_values.empty() && !entry.enum_values.count(text)) may_fail[kEnum] = true;
            if (c.format == TextFormat::CountryCode &&
                !(text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z'))
                may_fail[kCountry] = true;
            if (c.format == TextFormat::NonEmpty && text.empty()) may_fail[kEmpty] = true;
        }
        for (auto& order : needs_earlier)
            if (types[order.second] != sqldb::ValueType::Null && types[order.first] == sqldb::ValueType::Null)
                order.may_fail = true;
        for (auto& order : out_of_order) {
            if (types[order.first] != sqldb::ValueType::Text || types[order.second] != sqldb::ValueType::Text) continue;
            const std::string_view earlier = query.column_view(order.first), later = query.column_view(order.second);
            // Two certain dates compare as text; anything less certain is left to SQL.
            if (!certainly_valid_date(earlier) || !certainly_valid_date(later) || later < earlier)
                order.may_fail = true;
        }
        for (auto& pair : pairs)
            if ((types[pair.first] == sqldb::ValueType::Null) != (types[pair.second] == sqldb::ValueType::Null))
                pair.may_fail = true;
    }

    // What the scan decided, as the validator asks for it.
    for (const auto& entry : scanned)
        for (int check = 0; check < kColumnChecks; ++check) {
            if (check == kOrphan && !entry.check_reference) continue;
            const std::string key = id(kColumnCheckCodes[check], entry.column->name, "");
            screen.screened_.insert(key);
            if (entry.may_fail[check]) screen.possible_.insert(key);
        }
    for (const auto* checks : {&out_of_order, &needs_earlier, &pairs})
        for (const auto& check : *checks) {
            screen.screened_.insert(check.id);
            if (check.may_fail) screen.possible_.insert(check.id);
        }
    screen.scanned_ = true;
    return screen;
}

}  // namespace recallguard::schema
