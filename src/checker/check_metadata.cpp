// Pass: rule and package metadata — ids, categories, severities, citations, calendars,
// effective periods of rule versions, and the shape of each rule (subject and one body).
#include <algorithm>
#include <cctype>
#include <map>

#include "checker/checker.h"
#include "common/date.h"

namespace recallguard::checker {
namespace {

void check_member(const std::string& value, const std::vector<std::string>& allowed, const SourceLocation& location,
                  DiagnosticCode code, const char* what, DiagnosticBag& diagnostics) {
    if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string message = "'" + value + "' is not a " + what + " (one of";
    for (const auto& a : allowed) message += " " + a;
    message += ")";
    const std::string match = closest_match(value, allowed);
    if (!match.empty()) message += "; did you mean '" + match + "'?";
    diagnostics.error(code, location, message, static_cast<int>(value.size())).replacement = match;
}

void check_period(const std::optional<ast::EffectivePeriod>& period, DiagnosticBag& diagnostics) {
    if (period && period->from && period->until && *period->until <= *period->from)
        diagnostics.error(
            DiagnosticCode::EffectivePeriod, period->location,
            "the effective period ends (" + *period->until + ") before it starts (" + *period->from + ")");
}

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void check_calendar(const std::string& name, const SourceLocation& location, const CheckOptions& options,
                    DiagnosticBag& diagnostics) {
    if (name.empty() || std::find(options.calendars.begin(), options.calendars.end(), name) != options.calendars.end())
        return;
    std::string known;
    for (const auto& calendar : options.calendars) known += (known.empty() ? "" : ", ") + calendar;
    std::string message = "there is no working-day calendar '" + name + "' " +
                          (options.calendar_directory.empty() ? std::string("among the bundled calendars")
                                                              : "in " + options.calendar_directory) +
                          " (" + (known.empty() ? std::string("none") : known) + "); a calendar is a file " + name +
                          ".calendar in the folder given with --calendars DIR (default: the bundled rules/calendars)";
    // Another country's calendar is no typo fix: only a name that differs in case, or a longer
    // name one slip away, gets a did-you-mean.
    std::string match;
    for (const auto& calendar : options.calendars)
        if (lowercase(calendar) == lowercase(name)) match = calendar;
    if (match.empty() && name.size() > 3) match = closest_match(name, options.calendars);
    if (!match.empty()) message += "; did you mean '" + match + "'?";
    diagnostics.error(DiagnosticCode::UnknownCalendar, location, message, static_cast<int>(name.size())).replacement =
        match;
}

}  // namespace

const std::vector<std::string>& rule_categories() {
    static const std::vector<std::string> categories{
        "concealed_defect", "missed_recall_measure", "prohibited_act", "signal",
        "reporting",        "notification",          "certification"};
    return categories;
}

const std::vector<std::string>& rule_severities() {
    static const std::vector<std::string> severities{"critical", "high", "medium", "low", "info"};
    return severities;
}

void check_metadata(const std::vector<std::unique_ptr<ast::RuleFile>>& files, const CheckOptions& options,
                    DiagnosticBag& diagnostics) {
    std::map<std::string, std::vector<const ast::Rule*>> versions;
    for (const auto& file : files) {
        for (const auto& package : file->packages) {
            check_calendar(package.calendar, package.calendar_location, options, diagnostics);
            check_period(package.effective, diagnostics);
            if (package.title.empty())
                diagnostics.warning(DiagnosticCode::NoTitle, package.location,
                                    "package '" + package.name + "' has no title", 7);
        }
        for (const auto& rule : file->rules) {
            versions[rule.id].push_back(&rule);
            const int id_length = static_cast<int>(rule.id.size());
            if (rule.package_index < 0)
                diagnostics.error(DiagnosticCode::NoPackage, rule.location,
                                  "rule " + rule.id + " comes before any 'package' declaration in its file", id_length);
            check_member(rule.category, rule_categories(), rule.category_location, DiagnosticCode::BadCategory,
                         "rule category", diagnostics);
            check_member(rule.severity, rule_severities(), rule.severity_location, DiagnosticCode::BadSeverity,
                         "severity", diagnostics);
            check_calendar(rule.calendar, rule.calendar_location, options, diagnostics);
            check_period(rule.effective, diagnostics);
            if (rule.citation.empty())
                diagnostics.warning(DiagnosticCode::NoCitation, rule.location,
                                    "rule " + rule.id + " cites no article of law ('cite \"Art. ...\"')", id_length);
            if (rule.title.empty())
                diagnostics.warning(DiagnosticCode::NoTitle, rule.location, "rule " + rule.id + " has no title",
                                    id_length);
            if (rule.category.empty())
                diagnostics.error(DiagnosticCode::MissingClause, rule.location,
                                  "rule " + rule.id + " needs a 'category'", id_length);
            if (rule.severity.empty())
                diagnostics.error(DiagnosticCode::MissingClause, rule.location,
                                  "rule " + rule.id + " needs a 'severity'", id_length);
            if (!rule.subject)
                diagnostics.error(DiagnosticCode::MissingClause, rule.location,
                                  "rule " + rule.id + " needs a subject: 'for x in <table> where ...'", id_length);
            if (rule.body_count == 0)
                diagnostics.error(DiagnosticCode::MissingClause, rule.location,
                                  "rule " + rule.id +
                                      " says nothing to check: add a 'deadline { ... }', 'periodic { ... }', "
                                      "'violation when ...' or 'signal when ...'",
                                  id_length);
            if (rule.deadline) {
                if (!rule.deadline->after)
                    diagnostics.error(DiagnosticCode::MissingTrigger, rule.deadline->location,
                                      "a deadline needs its trigger date: 'after <date>'", 8);
                if (!rule.deadline->within)
                    diagnostics.error(DiagnosticCode::MissingClause, rule.deadline->location,
                                      "a deadline needs its period: 'within <N working days | N days | N months>'", 8);
                if (!rule.deadline->require)
                    diagnostics.error(DiagnosticCode::MissingClause, rule.deadline->location,
                                      "a deadline needs the record that meets it: 'require x in ... dated x.<date>'",
                                      8);
            }
            if (rule.periodic) {
                if (!rule.periodic->start)
                    diagnostics.error(DiagnosticCode::MissingTrigger, rule.periodic->location,
                                      "a periodic obligation needs its start date: 'start <date>'", 8);
                if (!rule.periodic->every || !rule.periodic->within || !rule.periodic->require)
                    diagnostics.error(DiagnosticCode::MissingClause, rule.periodic->location,
                                      "a periodic obligation needs 'every', 'within' and 'require'", 8);
            }
        }
    }
    // Two versions of one rule must have effective periods that do not overlap.
    for (auto& [id, rules] : versions) {
        if (rules.size() < 2) continue;
        std::sort(rules.begin(), rules.end(), [](const ast::Rule* a, const ast::Rule* b) {
            const std::string fa = a->effective && a->effective->from ? *a->effective->from : "";
            const std::string fb = b->effective && b->effective->from ? *b->effective->from : "";
            return fa < fb;
        });
        for (size_t i = 1; i < rules.size(); ++i) {
            const ast::Rule* earlier = rules[i - 1];
            const ast::Rule* later = rules[i];
            if (!earlier->effective || !later->effective) {
                diagnostics.error(DiagnosticCode::DuplicateRule, later->location,
                                  "rule id " + id + " is defined again (first at " + earlier->location.to_string() +
                                      "); versions of a rule need non-overlapping 'effective' periods",
                                  static_cast<int>(id.size()));
                continue;
            }
            const std::string earlier_until = earlier->effective->until.value_or("9999-12-31");
            const std::string later_from = later->effective->from.value_or("0000-01-01");
            if (later_from < earlier_until)
                diagnostics.error(DiagnosticCode::OverlappingVersions, later->effective->location,
                                  "this version of " + id + " takes effect " + later_from + ", before the version at " +
                                      earlier->location.to_string() + " ends (" + earlier_until + ")");
        }
    }
}

}  // namespace recallguard::checker
