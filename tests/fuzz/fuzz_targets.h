// What each fuzz target does with one input, shared by the libFuzzer entry points (clang) and
// the regression test that replays tests/fuzz/regressions/ in the normal build (g++).
#pragma once

#include <string>
#include <vector>

namespace recallguard::fuzz {

// The fuzz targets, by the name used for tests/fuzz/regressions/<target>/ and scripts/fuzz.sh.
const std::vector<std::string>& target_names();

// Runs the named target on one input; throws std::invalid_argument for an unknown name.
// Every other exception (or crash) escaping is the bug the fuzzer looks for.
void run_target(const std::string& target, const std::string& input);

// Rule-file text -> parse_rule_file -> check_program -> compile_rule of every rule that checks.
void run_rules_input(const std::string& input);

// Calendar-file text -> parse_calendar; a calendar that loads is asked about its first days.
void run_calendar_input(const std::string& input);

// "TABLE\n" followed by a file's text -> the CSV reader and the JSON reader for that table of
// the case data model (an unknown first line picks a table by the input's size).
void run_ingest_input(const std::string& input);
// A filing file's bytes -> load_filing: JSON with positions, UTF-8, size, its kind's schema.
void run_filing_input(const std::string& input);

}  // namespace recallguard::fuzz
