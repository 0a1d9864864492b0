// Pass: displacement between rules (`displaces RULE-ID`). A rule displaces another for the same
// subject: the vehicle regime displaces the consumer-products regime, a specific rule a general
// one. Each rule named must be loaded and judge rows of the same table; displacement must not go
// round in a cycle (a rule would then both apply and not apply).
#include <algorithm>
#include <functional>
#include <set>

#include "checker/checker.h"

namespace recallguard::checker {

void check_displacement(BoundProgram& program, DiagnosticBag& diagnostics) {
    // Every version of every rule, clean or not, by id: a name is "loaded" if any version is.
    std::map<std::string, std::vector<BoundRule*>> by_id;
    for (auto& rule : program.rules) by_id[rule->rule->id].push_back(rule.get());
    for (auto& rule : program.rules_with_errors) by_id[rule->rule->id].push_back(rule.get());
    std::vector<std::string> ids;
    for (const auto& [id, versions] : by_id) ids.push_back(id);

    std::set<const BoundRule*> failed;
    auto fail = [&](const BoundRule* rule, DiagnosticCode code, const SourceLocation& location,
                    const std::string& message, int length) {
        diagnostics.error(code, location, message, length);
        failed.insert(rule);
    };
    // The edges id -> displaced ids, from every version.
    std::map<std::string, std::set<std::string>> edges;
    for (auto& rule : program.rules) {
        for (const auto& [target, location] : rule->rule->displaces) {
            const int length = static_cast<int>(target.size());
            const auto found = by_id.find(target);
            if (target == rule->rule->id) {
                fail(rule.get(), DiagnosticCode::Cycle, location, "rule " + target + " cannot displace itself", length);
                continue;
            }
            if (found == by_id.end()) {
                std::string message = "rule " + rule->rule->id + " displaces " + target + ", which is not loaded";
                const std::string match = closest_match(target, ids);
                if (!match.empty()) message += "; did you mean '" + match + "'?";
                fail(rule.get(), DiagnosticCode::UnknownName, location, message, length);
                continue;
            }
            const BoundRule& other = *found->second.front();
            if (!other.subject_table.empty() && !rule->subject_table.empty() &&
                other.subject_table != rule->subject_table) {
                fail(rule.get(), DiagnosticCode::Type, location,
                     "rule " + target + " judges rows of " + other.subject_table + " and this rule rows of " +
                         rule->subject_table + ": a rule displaces another only for the same subject",
                     length);
                continue;
            }
            edges[rule->rule->id].insert(target);
        }
    }
    // A cycle: reported at the `displaces` of each rule on it.
    std::map<std::string, int> state;  // 1 on the path, 2 done
    std::vector<std::string> path;
    std::set<std::string> on_cycle;
    std::map<std::string, std::string> cycle_text;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
        state[id] = 1;
        path.push_back(id);
        for (const auto& next : edges[id]) {
            if (state[next] == 1) {
                std::string text;
                for (auto it = std::find(path.begin(), path.end(), next); it != path.end(); ++it) {
                    text += *it + " -> ";
                    on_cycle.insert(*it);
                }
                text += next;
                for (auto it = std::find(path.begin(), path.end(), next); it != path.end(); ++it)
                    cycle_text.emplace(*it, text);
            } else if (state[next] == 0) {
                visit(next);
            }
        }
        path.pop_back();
        state[id] = 2;
    };
    for (const auto& [id, targets] : edges)
        if (state[id] == 0) visit(id);
    for (auto& rule : program.rules)
        if (on_cycle.count(rule->rule->id) && !rule->rule->displaces.empty())
            fail(rule.get(), DiagnosticCode::Cycle, rule->rule->displaces_location,
                 "rules displace each other in a cycle: " + cycle_text[rule->rule->id] +
                     "; for a subject in both scopes neither would apply",
                 9);

    // A rule with errors cannot say which subjects it displaces: the rules it displaces cannot be
    // judged either (they would report subjects it takes away).
    for (auto& broken : program.rules_with_errors)
        for (const auto& [target, location] : broken->rule->displaces)
            for (auto& rule : program.rules)
                if (rule->rule->id == target && !failed.count(rule.get()))
                    fail(rule.get(), DiagnosticCode::Type, location,
                         "rule " + broken->rule->id + " has errors, so rule " + target +
                             ", which it displaces, cannot be judged either",
                         static_cast<int>(target.size()));

    // Rules with an error leave the program, as any rule with an error does.
    for (auto it = program.rules.begin(); it != program.rules.end();) {
        if (failed.count(it->get())) {
            program.rules_with_errors.push_back(std::move(*it));
            it = program.rules.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& rule : program.rules)
        for (const auto& [target, location] : rule->rule->displaces)
            for (auto& other : program.rules)
                if (other->rule->id == target) other->displaced_by.push_back(rule.get());
}

}  // namespace recallguard::checker
