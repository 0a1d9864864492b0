// The generator's own working-day model (CN, US, plain weekdays, 2024–2026), used only to
// place synthetic filings on or just past their deadlines. Audits use the calendar module.
#pragma once

#include <cstdint>
#include <vector>

#include "common/date.h"

namespace recallguard::generate {

enum class CalendarId { China, UnitedStates, Weekdays };

class WorkingDays {
public:
    static const WorkingDays& get(CalendarId id);

    static Date first_covered() { return Date::from_ymd(2024, 1, 1); }
    static Date last_covered() { return Date::from_ymd(2026, 12, 31); }

    bool is_working(Date day) const;
    // The n-th working day strictly after `from` (n >= 1). Throws InternalError outside
    // 2024–2026: the generator keeps every trigger early enough for that not to happen.
    Date after(Date from, int n) const;

private:
    explicit WorkingDays(CalendarId id);
    std::vector<bool> working_;  // indexed by days since first_covered()
};

}  // namespace recallguard::generate
