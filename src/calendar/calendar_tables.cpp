#include "calendar/calendar_tables.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "sqldb/virtual_table.h"

namespace recallguard::calendar {
namespace {

using sqldb::SqlValue;

// Both tables list the calendars in name order, each calendar's rows in a block.
class CalendarRows : public sqldb::RowSource {
public:
    explicit CalendarRows(const CalendarSet& calendars) {
        for (const std::string& name : calendars.names()) calendars_.push_back(calendars.find(name));
    }

    int64_t row_count() const override {
        int64_t total = 0;
        for (const WorkingDayCalendar* calendar : calendars_) total += rows_of(*calendar);
        return total;
    }

    SqlValue value(int64_t row, int column) const override {
        for (const WorkingDayCalendar* calendar : calendars_) {
            if (row < rows_of(*calendar)) return value_of(*calendar, row, column);
            row -= rows_of(*calendar);
        }
        return std::monostate{};
    }

    std::vector<int> lookup_columns() const override { return {kCalendarColumn, kKeyColumn}; }

    std::vector<int64_t> lookup(const std::vector<std::pair<int, SqlValue>>& equal) const override {
        const SqlValue* name = nullptr;
        const SqlValue* key = nullptr;
        for (const auto& [column, value] : equal) (column == kCalendarColumn ? name : key) = &value;
        std::vector<int64_t> rows;
        int64_t offset = 0;
        for (const WorkingDayCalendar* calendar : calendars_) {
            const int64_t count = rows_of(*calendar);
            // The calendar column is TEXT: a number compares as its text, which is never a name.
            const auto* text = name ? std::get_if<std::string>(name) : nullptr;
            if (!name || (text && *text == calendar->name())) {
                if (!key) {
                    for (int64_t row = 0; row < count; ++row) rows.push_back(offset + row);
                } else if (const auto row = key_row(*calendar, *key)) {
                    rows.push_back(offset + *row);
                }
            }
            offset += count;
        }
        return rows;
    }

protected:
    static constexpr int kCalendarColumn = 0;
    static constexpr int kKeyColumn = 1;  // rg_calendar_days.day, rg_working_days.ord
    virtual int64_t rows_of(const WorkingDayCalendar& calendar) const = 0;
    virtual SqlValue value_of(const WorkingDayCalendar& calendar, int64_t row, int column) const = 0;
    // The row of `calendar` whose key column equals `key`, if any.
    virtual std::optional<int64_t> key_row(const WorkingDayCalendar& calendar, const SqlValue& key) const = 0;

private:
    std::vector<const WorkingDayCalendar*> calendars_;
};

// rg_calendar_days(calendar, day, ord, working): row k of a calendar is its first day + k.
class DayRows : public CalendarRows {
public:
    using CalendarRows::CalendarRows;
    std::string columns() const override { return "calendar TEXT, day TEXT, ord INTEGER, working INTEGER"; }

protected:
    int64_t rows_of(const WorkingDayCalendar& calendar) const override {
        return calendar.last_day().days() - calendar.first_day().days() + 1;
    }
    SqlValue value_of(const WorkingDayCalendar& calendar, int64_t row, int column) const override {
        const Date day = calendar.first_day().plus_days(row);
        switch (column) {
            case 0:
                return calendar.name();
            case 1:
                return day.to_string();
            case 2:
                return calendar.ordinal(day);
            default:
                return int64_t{calendar.is_working_day(day) ? 1 : 0};
        }
    }
    std::optional<int64_t> key_row(const WorkingDayCalendar& calendar, const SqlValue& key) const override {
        // day is TEXT: a number compares as its text, and no number's text is a date.
        const auto* text = std::get_if<std::string>(&key);
        const auto day = text ? Date::parse(*text) : std::nullopt;
        if (!day || !calendar.covers(*day)) return std::nullopt;
        return day->days() - calendar.first_day().days();
    }
};

// rg_working_days(calendar, ord, day): row k of a calendar is its working day with ord k + 1.
class WorkingDayRows : public CalendarRows {
public:
    using CalendarRows::CalendarRows;
    std::string columns() const override { return "calendar TEXT, ord INTEGER, day TEXT"; }

protected:
    int64_t rows_of(const WorkingDayCalendar& calendar) const override {
        return static_cast<int64_t>(calendar.working_day_count());
    }
    SqlValue value_of(const WorkingDayCalendar& calendar, int64_t row, int column) const override {
        if (column == 0) return calendar.name();
        if (column == 1) return row + 1;
        return calendar.working_day(static_cast<size_t>(row + 1)).to_string();
    }
    std::optional<int64_t> key_row(const WorkingDayCalendar& calendar, const SqlValue& key) const override {
        // ord is INTEGER: a whole real counts, and so does a text that reads as a whole number.
        std::optional<int64_t> ord;
        if (const auto* integer = std::get_if<int64_t>(&key)) {
            ord = *integer;
        } else if (const auto* real = std::get_if<double>(&key)) {
            if (std::isfinite(*real) && std::abs(*real) < 1e15 && *real == std::floor(*real))
                ord = static_cast<int64_t>(*real);
        } else if (const auto* text = std::get_if<std::string>(&key)) {
            int64_t number = 0;
            const char* end = text->data() + text->size();
            const auto [stop, error] = std::from_chars(text->data(), end, number);
            if (!text->empty() && error == std::errc() && stop == end) ord = number;
        }
        if (!ord || *ord < 1 || *ord > static_cast<int64_t>(calendar.working_day_count())) return std::nullopt;
        return *ord - 1;
    }
};

}  // namespace

void register_calendar_tables(sqldb::Database& db, const CalendarSet& calendars) {
    sqldb::register_virtual_table(db, kCalendarDaysTable, std::make_unique<DayRows>(calendars));
    sqldb::register_virtual_table(db, kWorkingDaysTable, std::make_unique<WorkingDayRows>(calendars));
}

}  // namespace recallguard::calendar
