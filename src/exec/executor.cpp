#include "exec/executor.h"

#include <fmt/format.h>

#include <chrono>

#include "common/date.h"
#include "common/errors.h"
#include "common/temp_directory.h"
#include "exec/date_guard.h"

namespace recallguard::exec {

using sqldb::Database;
using sqldb::Statement;
namespace {

using findings::Finding;
using findings::Status;

findings::Severity severity_of(const checker::BoundRule& rule) {
    return findings::parse_severity(rule.rule->severity).value_or(findings::Severity::Medium);
}

std::optional<std::string> text_at(const Statement& row, int column) {
    return row.column_optional_text(column);
}

nlohmann::ordered_json json_value(const Statement& row, int column) {
    switch (row.column_type(column)) {
        case sqldb::ValueType::Null:
            return nullptr;
        case sqldb::ValueType::Integer:
            return row.column_int(column);
        case sqldb::ValueType::Real:
            return row.column_double(column);
        default:
            return row.column_text(column);
    }
}

std::string display(const nlohmann::ordered_json& value) {
    if (value.is_null()) return "(none)";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_float()) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.4g", value.get<double>());
        return buffer;
    }
    return value.dump();
}

std::string render_message(const checker::BoundRule& bound, const compiler::CompiledRule& compiled,
                           const Statement& row, const Finding& finding) {
    if (bound.message.empty() && bound.message_literals.size() <= 1) {
        const std::string text = bound.message_literals.empty() ? "" : bound.message_literals.front();
        if (!text.empty()) return text;
        return bound.rule->title.empty() ? bound.rule->id : bound.rule->title;
    }
    std::string out;
    int expr_column = compiled.message_column;
    for (size_t i = 0; i < bound.message.size(); ++i) {
        out += bound.message_literals[i];
        const auto& placeholder = bound.message[i];
        using Kind = checker::Placeholder::Kind;
        switch (placeholder.kind) {
            case Kind::Expr:
                out += display(json_value(row, expr_column++));
                break;
            case Kind::Due:
                out += finding.due.value_or("(none)");
                break;
            case Kind::Done:
                out += finding.done.value_or("(none)");
                break;
            case Kind::Trigger:
                out += finding.trigger_date.value_or("(none)");
                break;
            case Kind::DaysLate:
                out += finding.days_late ? std::to_string(*finding.days_late) : "0";
                break;
            case Kind::Status:
                out += findings::status_name(finding.status);
                break;
            case Kind::Period:
                out += finding.period ? std::to_string(*finding.period) : "(none)";
                break;
            case Kind::AsOf:
                break;
        }
    }
    out += bound.message_literals.back();
    return out;
}

class CalendarGap : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace

findings::RuleInfo rule_info(const checker::BoundRule& rule) {
    findings::RuleInfo info;
    info.id = rule.rule->id;
    info.version = rule.version;
    info.package = rule.package_name;
    if (rule.package) {
        info.instrument = rule.package->title;
        info.instrument_source = rule.package->source;
    }
    info.title = rule.rule->title;
    info.citation = rule.rule->citation;
    info.description = rule.rule->description;
    info.category = rule.rule->category;
    info.severity = severity_of(rule);
    info.location = rule.rule->location;
    return info;
}

RuleOutcome execute_rule(Database& db, const compiler::CompiledRule& compiled, const calendar::CalendarSet& calendars,
                         const ExecuteOptions& options) {
    const checker::BoundRule& bound = *compiled.rule;
    const ast::Rule& rule = *bound.rule;
    RuleOutcome outcome;
    outcome.status.rule_id = rule.id;
    outcome.status.version = bound.version;
    const auto started = std::chrono::steady_clock::now();
    std::optional<sqldb::TimeLimit> time_limit;
    if (options.timeout_seconds > 0)
        time_limit.emplace(db,
                           started + std::chrono::milliseconds(static_cast<int64_t>(options.timeout_seconds * 1000)));
    const Date as_of = *Date::parse(options.as_of);
    try {
        {
            auto count = db.prepare(compiled.count_sql);
            for (size_t i = 0; i < compiled.count_params.size(); ++i)
                count.bind(static_cast<int>(i + 1), compiled.count_params[i]);
            if (count.step()) outcome.status.subjects_evaluated = count.column_int(0);
        }
        auto statement = db.prepare(compiled.sql);
        for (size_t i = 0; i < compiled.params.size(); ++i) statement.bind(static_cast<int>(i + 1), compiled.params[i]);
        while (statement.step()) {
            // Stop only when there is a finding beyond the limit: exactly max_findings is complete.
            if (options.max_findings > 0 && static_cast<int64_t>(outcome.findings.size()) >= options.max_findings) {
                outcome.status.state = findings::RuleRunStatus::State::Error;
                outcome.status.detail = "stopped at --max-findings " + std::to_string(options.max_findings) +
                                        "; the findings shown are the first ones by subject";
                break;
            }
            Finding finding;
            finding.rule_id = rule.id;
            finding.rule_version = bound.version;
            finding.package = bound.package_name;
            if (bound.package) {
                finding.instrument = bound.package->title;
                finding.instrument_source = bound.package->source;
            }
            finding.citation = rule.citation;
            finding.category = rule.category;
            finding.severity = severity_of(bound);
            finding.subject_table = bound.subject_table;
            finding.subject_key = statement.column_text(compiler::kKeyColumn);
            finding.company_id = statement.column_text(compiler::kCompanyColumn);
            finding.rule_location = rule.location;
            finding.trigger_date = text_at(statement, compiler::kTriggerColumn);
            finding.due = text_at(statement, compiler::kDueColumn);
            finding.done = text_at(statement, compiler::kDoneColumn);
            if (!statement.is_null(compiler::kPeriodColumn))
                finding.period = static_cast<int>(statement.column_int(compiler::kPeriodColumn));
            switch (compiled.form) {
                case compiler::RuleForm::Violation:
                    finding.status = Status::Violation;
                    break;
                case compiler::RuleForm::Signal:
                    finding.status = Status::Signal;
                    break;
                case compiler::RuleForm::Deadline:
                case compiler::RuleForm::Periodic: {
                    if (!finding.due && bound.calendar.empty())
                        // Counted in calendar days, a due date is missing only when it falls past
                        // the last representable date.
                        throw CalendarGap("the due date after " + finding.trigger_date.value_or("?") + " for " +
                                          finding.subject_table + " " + finding.subject_key +
                                          " falls after 9999-12-31, the last date recallguard can represent");
                    if (!finding.due) {
                        const auto* cal = calendars.find(bound.calendar);
                        std::string covered = cal ? " (it covers " + std::to_string(cal->first_year()) + "–" +
                                                        std::to_string(cal->last_year()) + ")"
                                                  : "";
                        throw CalendarGap("the due date after " + finding.trigger_date.value_or("?") + " for " +
                                          finding.subject_table + " " + finding.subject_key +
                                          " lies outside calendar " + bound.calendar + covered +
                                          "; add the next year's holidays to the calendar file");
                    }
                    if (finding.done) {
                        finding.status = Status::Late;
                        finding.days_late = Date::parse(*finding.done)->days() - Date::parse(*finding.due)->days();
                    } else {
                        const Date due = *Date::parse(*finding.due);
                        finding.status = due < as_of ? Status::Missing : Status::Pending;
                        if (finding.status == Status::Missing) finding.days_overdue = as_of.days() - due.days();
                    }
                    break;
                }
            }
            auto& evidence = finding.evidence;
            if (compiled.form == compiler::RuleForm::Deadline || compiled.form == compiler::RuleForm::Periodic) {
                evidence["trigger_date"] =
                    finding.trigger_date ? nlohmann::ordered_json(*finding.trigger_date) : nullptr;
                evidence["due"] = *finding.due;
                if (!bound.calendar.empty()) evidence["calendar"] = bound.calendar;
                evidence["required_record"] = compiled.record_table;
                evidence["record"] = json_value(statement, compiler::kRecordColumn);
                evidence["record_date"] = finding.done ? nlohmann::ordered_json(*finding.done) : nullptr;
            }
            for (size_t i = 0; i < compiled.evidence_names.size(); ++i)
                evidence[compiled.evidence_names[i]] =
                    json_value(statement, compiled.evidence_column + static_cast<int>(i));
            finding.message = render_message(bound, compiled, statement, finding);
            outcome.findings.push_back(std::move(finding));
        }
    } catch (const UnknownDate& e) {
        outcome.status.state = findings::RuleRunStatus::State::Error;
        outcome.status.detail = e.what();
        outcome.findings.clear();
    } catch (const CalendarGap& e) {
        outcome.status.state = findings::RuleRunStatus::State::Error;
        outcome.status.detail = e.what();
        outcome.findings.clear();
    } catch (const std::exception& e) {
        outcome.status.state = findings::RuleRunStatus::State::Error;
        outcome.status.detail = time_limit && time_limit->expired()
                                    ? fmt::format("stopped after the --rule-timeout of {:g} s", options.timeout_seconds)
                                    : "the rule failed: " + without_temporary_paths(e.what());
        outcome.findings.clear();
    }
    time_limit.reset();
    outcome.status.findings = static_cast<int64_t>(outcome.findings.size());
    outcome.status.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

}  // namespace recallguard::exec
