#include "calendar/calendar_tables.h"

namespace recallguard::calendar {

void install_calendar_tables(sqldb::Database& db, const std::string& schema_name, const CalendarSet& calendars) {
    const std::string schema = sqldb::quote_identifier(schema_name) + ".";
    const std::string days_table = schema + sqldb::quote_identifier(kCalendarDaysTable);
    const std::string working_table = schema + sqldb::quote_identifier(kWorkingDaysTable);

    db.exec("SAVEPOINT rg_install_calendars");
    try {
        db.exec("CREATE TABLE " + days_table +
                " (calendar TEXT NOT NULL, day TEXT NOT NULL, ord INTEGER NOT NULL, working INTEGER NOT NULL,"
                " PRIMARY KEY (calendar, day)) WITHOUT ROWID");
        db.exec("CREATE TABLE " + working_table +
                " (calendar TEXT NOT NULL, ord INTEGER NOT NULL, day TEXT NOT NULL,"
                " PRIMARY KEY (calendar, ord)) WITHOUT ROWID");
        auto insert_day =
            db.prepare("INSERT INTO " + days_table + " (calendar, day, ord, working) VALUES (?, ?, ?, ?)");
        auto insert_working = db.prepare("INSERT INTO " + working_table + " (calendar, ord, day) VALUES (?, ?, ?)");
        for (const std::string& name : calendars.names()) {
            const WorkingDayCalendar& calendar = *calendars.find(name);
            int64_t ord = 0;
            for (Date d = calendar.first_day(); d <= calendar.last_day(); d = d.plus_days(1)) {
                const bool working = calendar.is_working_day(d);
                const std::string day = d.to_string();
                if (working) {
                    ++ord;
                    insert_working.bind_text(1, name);
                    insert_working.bind_int(2, ord);
                    insert_working.bind_text(3, day);
                    insert_working.step();
                    insert_working.reset();
                }
                insert_day.bind_text(1, name);
                insert_day.bind_text(2, day);
                insert_day.bind_int(3, ord);
                insert_day.bind_int(4, working ? 1 : 0);
                insert_day.step();
                insert_day.reset();
            }
        }
        db.exec("RELEASE rg_install_calendars");
    } catch (...) {
        // Undo the half-made tables; the original error is the one worth reporting.
        try {
            db.exec("ROLLBACK TO rg_install_calendars");
            db.exec("RELEASE rg_install_calendars");
        } catch (...) {
        }
        throw;
    }
}

}  // namespace recallguard::calendar
