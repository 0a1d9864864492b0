#include "engine/audit.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "common/date.h"
#include "common/fingerprint.h"
#include "common/errors.h"
#include "compiler/compile.h"
#include "exec/executor.h"
#include "exec/snapshot.h"

namespace recallguard::engine {
namespace {

// The run's timestamps. SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
// convention) pins them, so that two runs on the same inputs give byte-identical reports.
std::string utc_now() {
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end != epoch && *end == '\0' && seconds >= 0) now = static_cast<std::time_t>(seconds);
    }
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

bool in_period(const checker::BoundRule& rule, const std::string& date) {
    if (rule.effective_from && date < *rule.effective_from) return false;
    if (rule.effective_until && date >= *rule.effective_until) return false;
    return true;
}

}  // namespace

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
    return buffer;
}

std::string file_fingerprint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read the database file");
    Fingerprint hash;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.add(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
    }
    return hash.hex();
}

std::vector<const checker::BoundRule*> select_rules(const checker::BoundProgram& program,
                                                    const std::vector<std::string>& rule_ids,
                                                    const std::vector<std::string>& packages) {
    std::vector<std::string> known_ids, known_packages;
    for (const auto& rule : program.rules) {
        known_ids.push_back(rule->rule->id);
        known_packages.push_back(rule->package_name);
    }
    auto require_known = [](const std::vector<std::string>& wanted, const std::vector<std::string>& known, const char* what) {
        for (const auto& name : wanted) {
            if (std::find(known.begin(), known.end(), name) != known.end()) continue;
            std::string message = std::string("no ") + what + " '" + name + "' in the rules given";
            const std::string match = closest_match(name, known);
            if (!match.empty()) message += "; did you mean '" + match + "'?";
            throw InputError(message);
        }
    };
    require_known(rule_ids, known_ids, "rule");
    require_known(packages, known_packages, "package");
    std::vector<const checker::BoundRule*> selected;
    for (const auto& rule : program.rules) {
        const bool id_ok = rule_ids.empty() || std::count(rule_ids.begin(), rule_ids.end(), rule->rule->id);
        const bool package_ok = packages.empty() || std::count(packages.begin(), packages.end(), rule->package_name);
        if (id_ok && package_ok) selected.push_back(rule.get());
    }
    if (selected.empty()) throw InputError("no rule matches the selection; nothing would be checked");
    return selected;
}

findings::AuditReport run_audit(const LoadedRules& rules, const AuditOptions& options) {
    if (!Date::parse(options.as_of)) throw InputError("--as-of '" + options.as_of + "' is not a date (YYYY-MM-DD)");
    findings::AuditReport report;
    report.run.tool_version = RECALLGUARD_VERSION;
    report.run.as_of = options.as_of;
    report.run.database = options.database;
    report.run.rules_fingerprint = rules.fingerprint;
    report.run.rule_files = rules.files;
    report.run.started_at = utc_now();

    const auto selected = select_rules(rules.program, options.rule_ids, options.packages);
    const auto& catalog = schema::Catalog::case_data_v1();
    compiler::CompileOptions compile_options{options.as_of, options.include_pending, std::nullopt};

    // Compile everything first: a rule that cannot compile is an error before any data is read.
    std::vector<compiler::CompiledRule> compiled;
    std::vector<findings::RuleRunStatus> statuses(selected.size());
    std::set<std::string> tables;
    for (size_t i = 0; i < selected.size(); ++i) {
        const auto* rule = selected[i];
        report.rules.push_back(exec::rule_info(*rule));
        statuses[i].rule_id = rule->rule->id;
        compiled.push_back(compiler::compile_rule(*rule, catalog, compile_options));
        const bool condition_form = rule->rule->condition.has_value();
        if (condition_form && !in_period(*rule, options.as_of)) {
            statuses[i].state = findings::RuleRunStatus::State::Skipped;
            statuses[i].detail = "the audit date " + options.as_of + " is outside the rule's effective period";
            continue;
        }
        tables.insert(compiled.back().tables.begin(), compiled.back().tables.end());
    }

    const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(selected.size())));
    report.run.database_fingerprint = file_fingerprint(options.database);
    const auto snapshot =
        exec::Snapshot::build(options.database, tables, options.as_of, catalog, rules.calendars, jobs);
    std::vector<exec::Database> connections;
    for (int j = 0; j < jobs; ++j) connections.push_back(snapshot.connect());

    // Rules that read the most rows start first, so that with several jobs a long rule does not
    // start last and run alone (largest-first scheduling). Reports are ordered independently.
    std::vector<size_t> run_order(selected.size());
    std::vector<int64_t> rows_read(selected.size(), 0);
    for (size_t i = 0; i < selected.size(); ++i) {
        run_order[i] = i;
        for (const auto& table : compiled[i].tables) rows_read[i] += snapshot.estimated_rows(table);
    }
    std::stable_sort(run_order.begin(), run_order.end(),
                     [&](size_t a, size_t b) { return rows_read[a] > rows_read[b]; });

    std::vector<std::vector<findings::Finding>> results(selected.size());
    std::atomic<size_t> next{0};
    std::mutex progress_mutex;
    size_t finished = 0;
    exec::ExecuteOptions execute_options{options.as_of, options.max_findings, options.rule_timeout_seconds};
    auto worker = [&](exec::Database& db) {
        for (size_t n = next++; n < selected.size(); n = next++) {
            const size_t i = run_order[n];
            if (statuses[i].state == findings::RuleRunStatus::State::Skipped) continue;
            spdlog::debug("running {}", selected[i]->rule->id);
            auto outcome = exec::execute_rule(db, compiled[i], rules.calendars, execute_options);
            statuses[i] = outcome.status;
            results[i] = std::move(outcome.findings);
            if (options.on_rule_finished) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                options.on_rule_finished(++finished, selected.size(), selected[i]->rule->id);
            }
        }
    };
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto run_worker = [&](exec::Database& db) {
        try {
            worker(db);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = selected.size();  // the others stop after their current rule
        }
    };
    std::vector<std::thread> threads;
    for (int j = 1; j < jobs; ++j) threads.emplace_back([&, j] { run_worker(connections[j]); });
    run_worker(connections[0]);
    for (auto& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);

    for (auto& findings_of_rule : results)
        for (auto& finding : findings_of_rule) report.findings.push_back(std::move(finding));
    std::sort(report.findings.begin(), report.findings.end(), findings::finding_less);
    report.statuses = std::move(statuses);
    report.run.finished_at = utc_now();
    return report;
}

}  // namespace recallguard::engine
