// Benchmark: every bundled rule through `recallguard check`, against the hand-written SQL of
// bench/handwritten on the same generated databases in the same run. Prints rows, time per
// rule, the engine/hand-written ratio, --jobs 2 speed-up, validation and peak memory, each the
// median of --repeat runs. Figures, not assertions: performance is read, not unit-tested.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "generate/generator.h"
#include "sqldb/sqlite.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace recallguard;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ChildRun {
    double seconds = 0;
    long max_rss_kib = 0;
    int exit_code = -1;
};

// Runs a command and measures its wall time and peak resident memory.
ChildRun run_child(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto start = Clock::now();
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + args[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    ChildRun run;
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.max_rss_kib = usage.ru_maxrss;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

// The median of `values` (which it sorts).
double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// A command run several times: the median time, the largest peak memory, the exit codes agreeing.
struct RepeatedRun {
    std::vector<ChildRun> runs;
    double seconds() const {
        std::vector<double> times;
        for (const auto& run : runs) times.push_back(run.seconds);
        return median(times);
    }
    long max_rss_kib() const {
        long peak = 0;
        for (const auto& run : runs) peak = std::max(peak, run.max_rss_kib);
        return peak;
    }
    int exit_code() const {
        for (const auto& run : runs)
            if (run.exit_code != runs.front().exit_code) return -1;
        return runs.empty() ? -1 : runs.front().exit_code;
    }
};

int64_t count_rows(sqldb::Database& db) {
    int64_t total = 0;
    for (const char* table :
         {"companies", "products", "complaints", "incidents", "defect_cases", "filings", "recalls", "notices",
          "recall_progress", "sales", "design_changes", "foreign_recalls", "regulator_actions"}) {
        auto count = db.prepare(std::string("SELECT count(*) FROM ") + sqldb::quote_identifier(table));
        count.step();
        total += count.column_int(0);
    }
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int64_t> sizes{20, 200, 2000};
    std::string as_of = "2026-06-30";
    fs::path out_dir = "build/bench";
    std::string binary = "build/recallguard";
    int repeat = 3;
    const fs::path source = RECALLGUARD_SOURCE_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--companies") {
            sizes.clear();
            std::stringstream list(value);
            for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoll(item));
        } else if (flag == "--as-of")
            as_of = value;
        else if (flag == "--out-dir")
            out_dir = value;
        else if (flag == "--binary")
            binary = value;
        else if (flag == "--repeat")
            repeat = std::max(1, std::stoi(value));
        else {
            std::cerr
                << "usage: recallguard_bench [--companies 20,200,2000] [--as-of D] [--out-dir DIR] [--binary PATH] "
                   "[--repeat N]\n";
            return 2;
        }
    }
    fs::create_directories(out_dir);
    const fs::path calendar_db = out_dir / "calendar_fixture.sqlite";
    if (!fs::exists(calendar_db)) {
        auto db = sqldb::Database::open(calendar_db.string(), sqldb::Database::Mode::Create);
        db.exec(read_text(source / "bench/calendar_fixture.sql"));
    }
    std::vector<std::string> rule_ids;
    for (const auto& entry : fs::directory_iterator(source / "bench/handwritten"))
        if (entry.path().extension() == ".sql") rule_ids.push_back(entry.path().stem().string());
    std::sort(rule_ids.begin(), rule_ids.end());

    for (const int64_t companies : sizes) {
        // No secondary index: as files exported by other systems (and the acceptance databases) come.
        const fs::path db_path = out_dir / ("cases-" + std::to_string(companies) + "-noindex.sqlite");
        if (!fs::exists(db_path)) {
            generate::GenerateOptions options;
            options.secondary_indexes = false;
            options.out = db_path.string();
            options.companies = companies;
            options.seed = 20261122;
            generate::generate_case_database(options);
        }
        auto db = sqldb::Database::open(db_path.string(), sqldb::Database::Mode::ReadOnly);
        const int64_t rows = count_rows(db);
        {
            auto attach = db.prepare("ATTACH DATABASE ?1 AS cal");
            attach.bind_text(1, calendar_db.string());
            attach.step();
        }
        // Every measurement is repeated and its median kept (this kind of machine varies from run
        // to run); the configurations take turns, so that a slow spell hits them alike.
        const fs::path report = out_dir / ("report-" + std::to_string(companies) + ".json");
        auto engine_run = [&](int jobs, bool validate_first) {
            std::vector<std::string> args{binary,
                                          "check",
                                          "--db",
                                          db_path.string(),
                                          "--as-of",
                                          as_of,
                                          "--timings",
                                          "--format",
                                          "json",
                                          "-o",
                                          report.string(),
                                          "--jobs",
                                          std::to_string(jobs),
                                          (source / "rules").string()};
            if (!validate_first) args.insert(args.begin() + 2, "--no-validate");
            return run_child(args);
        };
        std::map<std::string, std::vector<double>> hand_runs_ms, engine_runs_ms;
        RepeatedRun one, two, validate_one, validate_two, as_users_run;
        size_t findings = 0;
        for (int r = 0; r < repeat; ++r) {
            // Hand-written SQL, each query stepped to the end.
            for (const auto& rule : rule_ids) {
                const auto start = Clock::now();
                auto query = db.prepare(read_text(source / "bench/handwritten" / (rule + ".sql")));
                query.bind_text(query.parameter_index(":as_of"), as_of);
                while (query.step()) {
                }
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                hand_runs_ms[rule].push_back(ms);
            }
            // The engine, as a user runs it (rules parsed and checked, working database built).
            one.runs.push_back(engine_run(1, false));
            const auto parsed = nlohmann::json::parse(read_text(report));
            findings = parsed["findings"].size();
            for (const auto& rule : parsed["rules"])
                engine_runs_ms[rule["id"]].push_back(rule["elapsed_ms"].get<double>());
            two.runs.push_back(engine_run(2, false));
            validate_one.runs.push_back(run_child({binary, "validate", "--jobs", "1", db_path.string()}));
            validate_two.runs.push_back(run_child({binary, "validate", "--jobs", "2", db_path.string()}));
            as_users_run.runs.push_back(engine_run(2, true));  // check's defaults: validation, then the audit
        }
        std::map<std::string, double> hand_ms, engine_ms;
        for (const auto& [rule, runs] : hand_runs_ms) hand_ms[rule] = median(runs);
        double rules_total = 0;
        for (const auto& [rule, runs] : engine_runs_ms) {
            engine_ms[rule] = median(runs);
            rules_total += engine_ms[rule];
        }
        double hand_total = 0;  // the sum of the per-rule medians
        for (const auto& [rule, ms] : hand_ms) hand_total += ms;
        std::printf("\n== %lld companies, %lld rows, as of %s (medians of %d runs) ==\n",
                    static_cast<long long>(companies), static_cast<long long>(rows), as_of.c_str(), repeat);
        std::printf("%-22s %12s %12s %8s\n", "rule", "engine ms", "hand ms", "ratio");
        for (const auto& rule : rule_ids) {
            const double e = engine_ms.count(rule) ? engine_ms[rule] : 0;
            std::printf("%-22s %12.1f %12.1f %8.2f\n", rule.c_str(), e, hand_ms[rule],
                        e / std::max(hand_ms[rule], 0.001));
        }
        std::printf("%-22s %12.1f %12.1f %8.2f\n", "rules only (sum)", rules_total, hand_total,
                    rules_total / hand_total);
        std::printf(
            "whole check --jobs 1: %.3f s (incl. start-up, rule checking, as-of working database): ratio %.2f "
            "to the hand-written total %.3f s\n",
            one.seconds(), one.seconds() * 1000 / hand_total, hand_total / 1000);
        std::printf("whole check --jobs 2: %.3f s: speed-up %.2fx over --jobs 1\n", two.seconds(),
                    one.seconds() / two.seconds());
        std::printf("peak memory of check: %.1f MiB (--jobs 1), %.1f MiB (--jobs 2)\n", one.max_rss_kib() / 1024.0,
                    two.max_rss_kib() / 1024.0);
        std::printf("validate: %.3f s (--jobs 1), %.3f s (--jobs 2): speed-up %.2fx\n", validate_one.seconds(),
                    validate_two.seconds(), validate_one.seconds() / validate_two.seconds());
        std::printf("check with validation (the default), --jobs 2: %.3f s: ratio %.2f to the hand-written total\n",
                    as_users_run.seconds(), as_users_run.seconds() * 1000 / hand_total);
        std::printf("findings: %zu; exit codes: check %d/%d/%d\n", findings, one.exit_code(), two.exit_code(),
                    as_users_run.exit_code());
    }
    return 0;
}
