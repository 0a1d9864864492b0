// The audit engine's working-day arithmetic (compiled rules running in SQLite) and the calendar
// library that `recallguard calendar add` answers from agree on every day of every covered year
// of the bundled calendars: forwards and backwards, from working days and from days off.
#include <gtest/gtest.h>

#include <map>

#include "calendar/calendar.h"
#include "case_rows.h"
#include "engine/audit.h"
#include "engine/rule_loader.h"
#include "schema/case_database.h"
#include "temp_dir.h"

using namespace recallguard;

namespace {

// One deadline rule per calendar: the due date is 10 working days after the case's conclusion,
// and the lets (reported as evidence) count 1 forwards and 1 and 3 backwards.
std::string walk_rules(const std::string& calendar) {
    return "package walk." + calendar + " {\n  title \"Working-day walk\"\n  authority \"test\"\n  jurisdiction \"" +
           calendar + "\"\n  calendar " + calendar +
           "\n  effective from 1971-01-01\n  source \"test\"\n}\n\n"
           "rule WALK-" +
           calendar +
           " {\n  title \"Ten working days\"\n  cite \"test\"\n  category missed_recall_measure\n  severity low\n"
           "  description \"Every day of the calendar, as a case concluded that day.\"\n"
           "  for c in defect_cases\n  where c.product.market = \"" +
           calendar +
           "\"\n  let plus_one = c.concluded_on + 1 working days\n"
           "  let minus_one = c.concluded_on - 1 working days\n"
           "  let minus_three = c.concluded_on - 3 working days\n"
           "  deadline {\n    after c.concluded_on\n    within 10 working days\n"
           "    require f in c.filings where f.kind = \"recall_plan\" dated f.filed_on\n  }\n"
           "  message \"Case {c.case_id}: due {due}.\"\n}\n";
}

// A case database with one defect case per day in [from, to] for a product sold in `market`.
void add_cases(sqldb::Database& db, const std::string& market, Date from, Date to, int& next_id) {
    const auto& catalog = schema::Catalog::case_data_v1();
    auto product = test::valid_row(*catalog.find_table("products"), next_id);
    const std::string product_id = std::get<std::string>(product["product_id"]);
    product["market"] = market;
    test::insert_row(db, "products", product);
    for (Date d = from; d <= to; d = d.plus_days(1)) {
        auto row = test::valid_row(*catalog.find_table("defect_cases"), ++next_id);
        row["product_id"] = product_id;
        row["opened_on"] = d.to_string();
        row["concluded_on"] = d.to_string();
        row["conclusion"] = std::string("defect");
        test::insert_row(db, "defect_cases", row);
    }
}

std::optional<std::string> calendar_answer(const calendar::WorkingDayCalendar& calendar, Date d, int n) {
    try {
        return calendar.add_working_days(d, n).to_string();
    } catch (const calendar::CalendarRangeError&) {
        return std::nullopt;
    }
}

std::optional<std::string> evidence_date(const findings::Finding& f, const std::string& name) {
    const auto& value = f.evidence.at(name);
    return value.is_null() ? std::nullopt : std::optional<std::string>(value.get<std::string>());
}

}  // namespace

TEST(CalendarEngineWalk, EngineAndCalendarAddAgreeOnEveryCoveredDay) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("rules"));
    dir.write("rules/walk.rules", walk_rules("CN") + "\n" + walk_rules("US"));
    engine::LoadOptions load;
    load.paths = {dir.file("rules")};
    const auto rules = engine::load_rules(load);
    ASSERT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);

    // Every covered day whose 10th working day after and 3rd working day before are covered too
    // (any other is an error of the rule, wherever the rule computes it; checked below): CN
    // from the first days of 2008 to 2026-12-17, US from the first days of 1971 to 2050-12-15.
    std::map<std::string, std::pair<Date, Date>> walked;
    for (const std::string name : {"CN", "US"}) {
        const auto& calendar = *rules.calendars.find(name);
        Date last = calendar.last_day();
        while (!calendar_answer(calendar, last, 10)) last = last.plus_days(-1);
        Date first = calendar.first_day();
        while (!calendar_answer(calendar, first, -3)) first = first.plus_days(1);
        walked[name] = {first, last};
    }
    const std::string db_path = dir.file("walk.sqlite");
    schema::create_case_database(db_path);
    {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadWrite);
        db.exec("BEGIN");
        test::insert_base_rows(db);
        int next_id = 1;
        for (const auto& [name, range] : walked) add_cases(db, name, range.first, range.second, next_id);
        db.exec("COMMIT");
    }
    engine::AuditOptions audit;
    audit.database = db_path;
    audit.as_of = "2051-06-30";
    audit.jobs = 2;
    const auto report = engine::run_audit(rules, audit);
    for (const auto& status : report.statuses)
        ASSERT_EQ(status.state, findings::RuleRunStatus::State::Ok) << status.rule_id << ": " << status.detail;

    std::map<std::string, int64_t> compared;
    for (const auto& f : report.findings) {
        const std::string name = f.rule_id.substr(std::string("WALK-").size());
        const auto& calendar = *rules.calendars.find(name);
        ASSERT_TRUE(f.trigger_date);
        const Date d = *Date::parse(*f.trigger_date);
        ASSERT_EQ(f.due, calendar_answer(calendar, d, 10)) << name << " 10 WD after " << d.to_string();
        ASSERT_EQ(evidence_date(f, "plus_one"), calendar_answer(calendar, d, 1))
            << name << " 1 WD after " << *f.trigger_date;
        ASSERT_EQ(evidence_date(f, "minus_one"), calendar_answer(calendar, d, -1))
            << name << " 1 WD before " << *f.trigger_date;
        ASSERT_EQ(evidence_date(f, "minus_three"), calendar_answer(calendar, d, -3))
            << name << " 3 WD before " << *f.trigger_date;
        ++compared[name];
    }
    // One finding per day walked: nothing skipped.
    for (const auto& [name, range] : walked)
        EXPECT_EQ(compared[name], range.second.days() - range.first.days() + 1) << name;
    EXPECT_EQ(walked["CN"].second.to_string(), "2026-12-17");
    EXPECT_EQ(walked["US"].second.to_string(), "2050-12-15");
}

TEST(CalendarEngineWalk, PastTheLastCoveredAnswerBothAreErrors) {
    // 2026-12-18 (Fri): the 10th CN working day after it is in 2027. The engine stops the rule
    // with "outside calendar"; the calendar throws.
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("rules"));
    dir.write("rules/walk.rules", walk_rules("CN"));
    engine::LoadOptions load;
    load.paths = {dir.file("rules")};
    const auto rules = engine::load_rules(load);
    ASSERT_FALSE(rules.diagnostics.has_errors()) << engine::render_diagnostics(rules);
    const std::string db_path = dir.file("edge.sqlite");
    schema::create_case_database(db_path);
    {
        auto db = sqldb::Database::open(db_path, sqldb::Database::Mode::ReadWrite);
        test::insert_base_rows(db);
        int next_id = 1;
        add_cases(db, "CN", *Date::parse("2026-12-18"), *Date::parse("2026-12-18"), next_id);
    }
    EXPECT_FALSE(calendar_answer(*rules.calendars.find("CN"), *Date::parse("2026-12-18"), 10));
    engine::AuditOptions audit;
    audit.database = db_path;
    audit.as_of = "2027-06-30";
    const auto report = engine::run_audit(rules, audit);
    ASSERT_EQ(report.statuses.size(), 1u);
    EXPECT_EQ(report.statuses[0].state, findings::RuleRunStatus::State::Error);
    EXPECT_NE(report.statuses[0].detail.find("the date 10 working days after 2026-12-18 (defect_cases "),
              std::string::npos)
        << report.statuses[0].detail;
    EXPECT_NE(report.statuses[0].detail.find("lies outside calendar CN, year 2027 (the calendar covers 2008–2026)"),
              std::string::npos)
        << report.statuses[0].detail;
    EXPECT_TRUE(report.findings.empty());
}
