#include "engine/explain.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "common/date.h"
#include "common/errors.h"
#include "common/temp_directory.h"
#include "compiler/compile.h"
#include "engine/audit.h"
#include "exec/date_guard.h"
#include "exec/snapshot.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard::engine {
namespace fs = std::filesystem;

namespace {

// An empty case database in a temporary folder, for plans without data.
class EmptyDatabase {
public:
    EmptyDatabase() : directory_("explain"), path_(directory_.file("empty.sqlite")) {
        schema::create_case_database(path_);
    }
    const std::string& path() const { return path_; }

private:
    TempDirectory directory_;
    std::string path_;
};

void bind_all(sqldb::Statement& statement, const std::vector<sqldb::SqlValue>& params) {
    for (size_t i = 0; i < params.size(); ++i) statement.bind(static_cast<int>(i + 1), params[i]);
}

std::string optional_text(const sqldb::Statement& row, int column) {
    return row.is_null(column) ? "(none)" : row.column_text(column);
}

// "holds", "does not hold" or "unknown" for a column of 1, 0 or NULL.
const char* truth_text(const sqldb::Statement& row, int column) {
    if (row.is_null(column)) return "unknown (a value it needs is missing)";
    return row.column_int(column) != 0 ? "holds" : "does not hold";
}

}  // namespace

namespace {

// `explain` for one version of a rule.
std::string explain_version(const LoadedRules& rules, const checker::BoundRule& rule, const std::string& database,
                            const std::string& as_of) {
    const std::string& rule_id = rule.rule->id;
    const auto& catalog = schema::Catalog::case_data_v1();
    const auto compiled = compiler::compile_rule(rule, catalog, {as_of, false, std::nullopt});
    std::ostringstream out;
    out << "-- " << rule_id << (rule.version.empty() ? "" : " version " + rule.version) << " ("
        << rule.rule->location.to_string() << "), as of " << as_of << "\n";
    out << compiled.sql << "\n\n-- parameters\n";
    for (size_t i = 0; i < compiled.params.size(); ++i)
        out << "--   ?" << i + 1 << " = " << sqldb::sql_value_to_string(compiled.params[i]) << "\n";
    std::optional<EmptyDatabase> empty;
    if (database.empty()) empty.emplace();
    const auto snapshot = exec::Snapshot::build(database.empty() ? empty->path() : database, compiled.columns, as_of,
                                                catalog, rules.calendars);
    auto db = snapshot.connect();
    auto plan = db.prepare("EXPLAIN QUERY PLAN " + compiled.sql);
    bind_all(plan, compiled.params);
    out << "\n-- query plan (SQLite" << (database.empty() ? ", on an empty database" : "") << ")\n";
    while (plan.step()) {
        const int64_t parent = plan.column_int(1);
        (void)parent;
        out << "--   " << plan.column_text(3) << "\n";
    }
    return out.str();
}

}  // namespace

std::string explain_rule(const LoadedRules& rules, const std::string& rule_id, const std::string& database,
                         const std::string& as_of) {
    std::string out;  // every version of the rule
    for (const auto* rule : select_rules(rules.program, {rule_id}, {}))
        out += (out.empty() ? "" : "\n") + explain_version(rules, *rule, database, as_of);
    return out;
}

namespace {

// `why` for one version of a rule.
WhyAnswer why_version(const LoadedRules& rules, const checker::BoundRule& rule, const std::string& database,
                      const std::string& subject_key, const std::string& as_of) {
    const std::string& rule_id = rule.rule->id;
    const auto& catalog = schema::Catalog::case_data_v1();
    compiler::CompileOptions options{as_of, true, subject_key};
    const auto compiled = compiler::compile_rule(rule, catalog, options);
    const auto snapshot = exec::Snapshot::build(database, compiled.columns, as_of, catalog, rules.calendars);
    auto db = snapshot.connect();

    std::ostringstream out;
    out << rule_id << (rule.version.empty() ? "" : " (version " + rule.version + ")") << " — " << rule.rule->title
        << " (" << rule.rule->citation << ")\n";
    out << "subject " << rule.subject_table << " " << subject_key << ", as of " << as_of << "\n";
    auto statement = db.prepare(compiled.sql);
    bind_all(statement, compiled.params);
    bool any = false;
    const auto* calendar = rule.calendar.empty() ? nullptr : rules.calendars.find(rule.calendar);
    std::optional<std::string> rule_error;
    const auto step = [&]() {
        try {
            return statement.step();
        } catch (const exec::UnknownDate& e) {
            rule_error = e.what();  // the audit stops this rule with the same error
            return false;
        }
    };
    while (step()) {
        any = true;
        if (compiled.form == compiler::RuleForm::Violation || compiled.form == compiler::RuleForm::Signal) {
            const bool holds = statement.column_int(compiled.holds_column >= 0 ? compiled.holds_column
                                                                               : statement.column_count() - 1) != 0;
            const bool exempted = compiled.unless_column >= 0 && statement.column_int(compiled.unless_column) != 0;
            const size_t parts = compiled.condition_parts.size();
            const size_t values = compiled.evidence_names.size() - 1 - parts;
            for (size_t i = 0; i < values; ++i)
                out << "  " << compiled.evidence_names[i] << " = "
                    << optional_text(statement, compiled.evidence_column + static_cast<int>(i)) << "\n";
            if (parts > 0) out << "  the condition's parts:\n";
            for (size_t i = 0; i < parts; ++i)
                out << "    " << truth_text(statement, compiled.evidence_column + static_cast<int>(values + i)) << ": "
                    << compiled.condition_parts[i] << "\n";
            if (compiled.unless_column >= 0)
                out << "  " << (exempted ? "holds" : "does not hold") << ": unless " << compiled.unless_text << "\n";
            out << "verdict: "
                << (!holds ? "no finding (the condition does not hold)"
                    : exempted
                        ? "no finding (the condition holds, but 'unless " + compiled.unless_text + "' exempts it)"
                    : compiled.form == compiler::RuleForm::Violation ? "violation"
                                                                     : "signal")
                << "\n";
            continue;
        }
        const std::string trigger = optional_text(statement, compiler::kTriggerColumn);
        const std::string due = optional_text(statement, compiler::kDueColumn);
        if (!statement.is_null(compiler::kPeriodColumn))
            out << "period " << statement.column_int(compiler::kPeriodColumn) << "\n";
        out << "  trigger date: " << trigger << "\n";
        out << "  due date:     " << due;
        if (calendar) out << " (" << rule.calendar << " working days)";
        out << "\n";
        const auto trigger_date = Date::parse(trigger), due_date = Date::parse(due);
        if (calendar && trigger_date && due_date && calendar->covers(trigger_date->plus_days(1)) &&
            calendar->covers(*due_date)) {
            for (const auto& day : calendar->non_working_days_between(trigger_date->plus_days(1), *due_date))
                out << "    skipped " << day.to_string() << ": " << calendar->describe_day(day) << "\n";
        }
        for (size_t i = 0; i < compiled.evidence_names.size(); ++i)
            out << "  " << compiled.evidence_names[i] << " = "
                << optional_text(statement, compiled.evidence_column + static_cast<int>(i)) << "\n";
        const bool done = !statement.is_null(compiler::kDoneColumn);
        const std::string done_date = optional_text(statement, compiler::kDoneColumn);
        std::string verdict;
        if (due == "(none)")
            verdict = rule.calendar.empty()
                          ? "error: the due date falls after 9999-12-31, the last date recallguard can represent"
                          : "error: the due date lies outside calendar " + rule.calendar;
        else if (done)
            verdict = done_date <= due ? "met on " + done_date : "late: done " + done_date;
        else
            verdict = due < as_of ? "missing (due " + due + " is before the audit date)" : "pending (not yet due)";
        if (compiled.form == compiler::RuleForm::Deadline && !compiled.candidates_sql.empty()) {
            auto candidates = db.prepare(compiled.candidates_sql);
            bind_all(candidates, compiled.candidates_params);
            out << "  candidate records (" << compiled.record_table << "):\n";
            int count = 0;
            while (candidates.step()) {
                ++count;
                const bool matches = candidates.column_int(2) != 0;
                out << "    " << optional_text(candidates, 0) << " dated " << optional_text(candidates, 1) << ": "
                    << (matches ? "matches the requirement" : "does not match the requirement's filter") << "\n";
            }
            if (count == 0) out << "    none\n";
        }
        out << "verdict: " << verdict << "\n";
    }
    if (rule_error) {
        out << "verdict: error: the rule cannot be judged: " << *rule_error << "\n";
        return {out.str(), true};
    }
    if (!any) {
        out << "not a subject of this rule as of " << as_of;
        std::optional<sqldb::Statement> filter;
        if (!compiled.filter_sql.empty()) {
            filter.emplace(db.prepare(compiled.filter_sql));
            bind_all(*filter, compiled.filter_params);
        }
        if (filter && filter->step()) {
            // The row exists: name the parts of the rule's `where` that leave it out.
            bool all_hold = true;
            for (size_t i = 0; i < compiled.filter_parts.size(); ++i)
                all_hold = all_hold && !filter->is_null(static_cast<int>(i)) && filter->column_int(static_cast<int>(i));
            if (all_hold) {
                out << ": the rule's filter holds, but its trigger date is unknown or outside the rule's effective "
                       "period\n";
            } else {
                out << ": the rule's filter leaves it out\n";
                for (size_t i = 0; i < compiled.filter_parts.size(); ++i)
                    out << "    " << truth_text(*filter, static_cast<int>(i)) << ": " << compiled.filter_parts[i]
                        << "\n";
            }
        } else if (filter) {
            out << ": " << rule.subject_table << " has no row " << subject_key << " as of " << as_of << "\n";
        } else {
            out << " (no such row, or its trigger date is unknown)\n";
        }
    }
    return {out.str(), false};
}

}  // namespace

WhyAnswer why(const LoadedRules& rules, const std::string& rule_id, const std::string& database,
              const std::string& subject_key, const std::string& as_of) {
    // A rule with several versions: each is explained, as each judges its own acts.
    WhyAnswer answer;
    for (const auto* rule : select_rules(rules.program, {rule_id}, {})) {
        const auto one = why_version(rules, *rule, database, subject_key, as_of);
        answer.text += (answer.text.empty() ? "" : "\n") + one.text;
        answer.rule_error = answer.rule_error || one.rule_error;
    }
    return answer;
}

}  // namespace recallguard::engine
