#include "engine/audit.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "common/date.h"
#include "common/errors.h"
#include "common/files.h"
#include "common/fingerprint.h"
#include "common/sha256.h"
#include "compiler/compile.h"
#include "engine/audit_schedule.h"
#include "exec/executor.h"
#include "exec/snapshot.h"
#include "sqldb/identifier.h"
#include "sqldb/sqlite.h"

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

// Each finding's company legal name, from companies.name of the audited database. A company the
// database does not name (possible only with --no-validate) keeps an empty name: reports then show
// its id alone rather than a name from elsewhere.
void fill_company_names(const std::string& database, std::vector<findings::Finding>& found) {
    if (found.empty()) return;
    auto db = sqldb::Database::open(database, sqldb::Database::Mode::ReadOnly);
    {
        auto exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
        exists.bind_text(1, "companies");
        if (!exists.step()) return;
    }
    auto lookup =
        db.prepare("SELECT " + sqldb::quote_identifier("name") + " FROM " + sqldb::quote_identifier("companies") +
                   " WHERE " + sqldb::quote_identifier("company_id") + " = ?1");
    std::map<std::string, std::string> names;
    for (auto& finding : found) {
        auto [it, inserted] = names.try_emplace(finding.company_id);
        if (inserted) {
            lookup.reset();
            lookup.bind_text(1, finding.company_id);
            if (lookup.step()) it->second = lookup.column_optional_text(0).value_or("");
        }
        finding.company_name = it->second;
    }
}

bool in_force_yet(const checker::BoundRule& rule, const std::string& date) {
    return !rule.effective_from || date >= *rule.effective_from;
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
    Fingerprint hash;
    read_file_chunks(path, [&](std::string_view chunk) { hash.add(chunk); });
    return hash.hex();
}

FileDigests file_digests(const std::string& path) {
    Fingerprint fast;
    Sha256 secure;
    read_file_chunks(path, [&](std::string_view chunk) {
        fast.add(chunk);
        secure.add(chunk);
    });
    return {fast.hex(), secure.hex()};
}

std::vector<const checker::BoundRule*> select_rules(const checker::BoundProgram& program,
                                                    const std::vector<std::string>& rule_ids,
                                                    const std::vector<std::string>& packages) {
    std::vector<std::string> known_ids, known_packages;
    for (const auto& rule : program.rules) {
        known_ids.push_back(rule->rule->id);
        known_packages.push_back(rule->package_name);
    }
    auto require_known = [](const std::vector<std::string>& wanted, const std::vector<std::string>& known,
                            const char* what) {
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
    // Digests of the texts the rules were checked from (not of the files as they are now).
    for (const auto& file : rules.files) {
        const auto source = rules.sources.find(file);
        if (source == rules.sources.end()) throw InternalError("no source text kept for rule file " + file);
        report.run.rule_file_sha256.emplace_back(file, sha256_hex(source->second));
    }
    report.run.parameters = rules.parameters;
    report.run.started_at = utc_now();

    const auto selected = select_rules(rules.program, options.rule_ids, options.packages);
    const auto& catalog = schema::Catalog::case_data_v1();
    compiler::CompileOptions compile_options{options.as_of, options.include_pending, std::nullopt};

    // Compile everything first: a rule that cannot compile is an error before any data is read.
    std::vector<compiler::CompiledRule> compiled;
    std::vector<findings::RuleRunStatus> statuses(selected.size());
    exec::ColumnsByTable columns;  // read by the rules that run
    for (size_t i = 0; i < selected.size(); ++i) {
        const auto* rule = selected[i];
        report.rules.push_back(exec::rule_info(*rule));
        statuses[i].rule_id = rule->rule->id;
        statuses[i].version = rule->version;
        compiled.push_back(compiler::compile_rule(*rule, catalog, compile_options));
        // A violation or signal rule judges each act by the version in force on the act's date
        // (`dated`), so a repealed version still judges the acts of its time. One that takes
        // effect after the audit date has no act to judge yet.
        const bool condition_form = rule->rule->condition.has_value();
        if (condition_form && !in_force_yet(*rule, options.as_of)) {
            statuses[i].state = findings::RuleRunStatus::State::Skipped;
            statuses[i].detail =
                "the rule takes effect on " + *rule->effective_from + ", after the audit date " + options.as_of;
            continue;
        }
        for (const auto& [table, read] : compiled.back().columns) columns[table].insert(read.begin(), read.end());
    }

    const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(selected.size())));
    const auto started = std::chrono::steady_clock::now();
    const auto milliseconds_since = [](auto from) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
    };
    // A FIFO, a folder or a device is refused before anything reads it (a FIFO would block).
    sqldb::Database::require_database_file(options.database);
    const auto digests = file_digests(options.database);
    report.run.database_fingerprint = digests.fingerprint;
    report.run.database_sha256 = digests.sha256;
    spdlog::debug("database digests in {:.0f} ms", milliseconds_since(started));
    auto snapshot = exec::Snapshot::prepare(options.database, columns, options.as_of, catalog, rules.calendars, jobs);

    // One pool of `jobs` workers copies the working database's parts and runs the rules (see
    // AuditSchedule for the order). Reports are ordered independently of it.
    std::vector<AuditSchedule::RuleNeeds> needs(selected.size());
    for (size_t i = 0; i < selected.size(); ++i) {
        needs[i].skipped = statuses[i].state == findings::RuleRunStatus::State::Skipped;
        for (const auto& table : compiled[i].tables) {
            needs[i].rows += snapshot.estimated_rows(table);
            if (const auto part = snapshot.part_of(table)) needs[i].parts.push_back(*part);
        }
    }
    AuditSchedule schedule(snapshot.part_count(), needs);

    std::mutex results_mutex;
    std::vector<std::exception_ptr> copy_failures(snapshot.part_count());
    std::exception_ptr rule_failure;
    size_t finished = 0;
    std::vector<std::vector<findings::Finding>> results(selected.size());
    exec::ExecuteOptions execute_options{options.as_of, options.max_findings, options.rule_timeout_seconds};
    auto worker = [&]() {
        std::optional<sqldb::Database> db;  // opened at the first rule, parts attached as rules need them
        std::vector<bool> attached(snapshot.part_count(), false);
        for (auto task = schedule.next(); task.kind != AuditSchedule::Task::Kind::Done; task = schedule.next()) {
            if (task.kind == AuditSchedule::Task::Kind::Copy) {
                try {
                    snapshot.copy_part(task.index);
                    schedule.copy_finished(task.index, true);
                } catch (...) {
                    copy_failures[task.index] = std::current_exception();
                    schedule.copy_finished(task.index, false);
                }
                continue;
            }
            const size_t i = task.index;
            try {
                if (!db) db = snapshot.connect_calendars();
                for (const size_t part : needs[i].parts)
                    if (!attached[part]) {
                        snapshot.attach_part(*db, part);
                        attached[part] = true;
                    }
                spdlog::debug("running {}", selected[i]->rule->id);
                auto outcome = exec::execute_rule(*db, compiled[i], rules.calendars, execute_options);
                std::lock_guard<std::mutex> lock(results_mutex);
                statuses[i] = outcome.status;
                results[i] = std::move(outcome.findings);
                if (options.on_rule_finished)
                    options.on_rule_finished(++finished, selected.size(), selected[i]->rule->id);
            } catch (...) {
                {
                    std::lock_guard<std::mutex> lock(results_mutex);
                    if (!rule_failure) rule_failure = std::current_exception();
                }
                schedule.stop();  // the others stop after their current task
            }
        }
    };
    std::vector<std::thread> threads;
    for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (auto& thread : threads) thread.join();
    // A copy failure first, the first in part order, so the same bad input gives the same message.
    for (const auto& failure : copy_failures)
        if (failure) std::rethrow_exception(failure);
    if (rule_failure) std::rethrow_exception(rule_failure);
    spdlog::debug("working database and rules in {:.0f} ms on {} connection{}", milliseconds_since(started), jobs,
                  jobs == 1 ? "" : "s");

    for (auto& findings_of_rule : results)
        for (auto& finding : findings_of_rule) report.findings.push_back(std::move(finding));
    fill_company_names(options.database, report.findings);
    std::sort(report.findings.begin(), report.findings.end(), findings::finding_less);
    report.statuses = std::move(statuses);
    report.run.finished_at = utc_now();
    return report;
}

}  // namespace recallguard::engine
