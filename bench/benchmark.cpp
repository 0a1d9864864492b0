// Benchmark: every bundled rule through `recallguard check`, against the hand-written SQL of
// bench/handwritten on the same generated databases in the same run. Prints rows, time per
// rule, the engine/hand-written ratio, --jobs 2 speed-up and peak memory. Figures, not
// assertions: performance is read, not unit-tested.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <spawn.h>

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

#include "exec/sqlite.h"
#include "generate/generator.h"

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

int64_t count_rows(exec::Database& db) {
    int64_t total = 0;
    for (const char* table : {"companies", "products", "complaints", "incidents", "defect_cases", "filings", "recalls",
                              "notices", "recall_progress", "sales", "design_changes", "foreign_recalls",
                              "regulator_actions"}) {
        auto count = db.prepare(std::string("SELECT count(*) FROM ") + exec::quote_identifier(table));
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
    const fs::path source = RECALLGUARD_SOURCE_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--companies") {
            sizes.clear();
            std::stringstream list(value);
            for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoll(item));
        } else if (flag == "--as-of") as_of = value;
        else if (flag == "--out-dir") out_dir = value;
        else if (flag == "--binary") binary = value;
        else {
            std::cerr << "usage: recallguard_bench [--companies 20,200,2000] [--as-of D] [--out-dir DIR] [--binary PATH]\n";
            return 2;
        }
    }
    fs::create_directories(out_dir);
    const fs::path calendar_db = out_dir / "calendar_fixture.sqlite";
    if (!fs::exists(calendar_db)) {
        auto db = exec::Database::open(calendar_db.string(), exec::Database::Mode::Create);
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
        auto db = exec::Database::open(db_path.string(), exec::Database::Mode::ReadOnly);
        const int64_t rows = count_rows(db);
        {
            auto attach = db.prepare("ATTACH DATABASE ?1 AS cal");
            attach.bind_text(1, calendar_db.string());
            attach.step();
        }
        // Hand-written SQL, each query stepped to the end.
        std::map<std::string, double> hand_ms;
        double hand_total = 0;
        for (const auto& rule : rule_ids) {
            const auto start = Clock::now();
            auto query = db.prepare(read_text(source / "bench/handwritten" / (rule + ".sql")));
            query.bind_text(sqlite3_bind_parameter_index(query.handle(), ":as_of"), as_of);
            while (query.step()) {
            }
            hand_ms[rule] = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            hand_total += hand_ms[rule];
        }
        // The engine, as a user runs it (rules parsed and checked, working database built).
        const fs::path report = out_dir / ("report-" + std::to_string(companies) + ".json");
        auto engine_run = [&](int jobs, bool validate_first) {
            std::vector<std::string> args{binary, "check", "--db", db_path.string(), "--as-of", as_of, "--timings",
                                          "--format", "json", "-o", report.string(), "--jobs", std::to_string(jobs),
                                          (source / "rules").string()};
            if (!validate_first) args.insert(args.begin() + 2, "--no-validate");
            return run_child(args);
        };
        const ChildRun one = engine_run(1, false);
        const auto parsed = nlohmann::json::parse(read_text(report));
        const ChildRun two = engine_run(2, false);
        const ChildRun validate_one = run_child({binary, "validate", "--jobs", "1", db_path.string()});
        const ChildRun validate_two = run_child({binary, "validate", "--jobs", "2", db_path.string()});
        const ChildRun as_users_run = engine_run(2, true);  // check's defaults: validation, then the audit

        std::map<std::string, double> engine_ms;
        double rules_total = 0;
        for (const auto& rule : parsed["rules"]) {
            engine_ms[rule["id"]] = rule["elapsed_ms"].get<double>();
            rules_total += rule["elapsed_ms"].get<double>();
        }
        std::printf("\n== %lld companies, %lld rows, as of %s ==\n", static_cast<long long>(companies),
                    static_cast<long long>(rows), as_of.c_str());
        std::printf("%-22s %12s %12s %8s\n", "rule", "engine ms", "hand ms", "ratio");
        for (const auto& rule : rule_ids) {
            const double e = engine_ms.count(rule) ? engine_ms[rule] : 0;
            std::printf("%-22s %12.1f %12.1f %8.2f\n", rule.c_str(), e, hand_ms[rule], e / std::max(hand_ms[rule], 0.001));
        }
        std::printf("%-22s %12.1f %12.1f %8.2f\n", "rules only (sum)", rules_total, hand_total, rules_total / hand_total);
        std::printf("whole check --jobs 1: %.3f s (incl. start-up, rule checking, as-of working database): ratio %.2f "
                    "to the hand-written total %.3f s\n",
                    one.seconds, one.seconds * 1000 / hand_total, hand_total / 1000);
        std::printf("whole check --jobs 2: %.3f s: speed-up %.2fx over --jobs 1\n", two.seconds, one.seconds / two.seconds);
        std::printf("peak memory of check: %.1f MiB (--jobs 1), %.1f MiB (--jobs 2)\n", one.max_rss_kib / 1024.0,
                    two.max_rss_kib / 1024.0);
        std::printf("validate: %.3f s (--jobs 1), %.3f s (--jobs 2): speed-up %.2fx\n", validate_one.seconds,
                    validate_two.seconds, validate_one.seconds / validate_two.seconds);
        std::printf("check with validation (the default), --jobs 2: %.3f s: ratio %.2f to the hand-written total\n",
                    as_users_run.seconds, as_users_run.seconds * 1000 / hand_total);
        std::printf("findings: %zu; exit codes: check %d/%d/%d\n", parsed["findings"].size(), one.exit_code, two.exit_code,
                    as_users_run.exit_code);
    }
    return 0;
}
