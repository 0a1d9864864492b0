// Test support for the hand-written SQL baselines (bench/handwritten): the calendar fixture,
// running a baseline query, temporary files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sqldb/sqlite.h"

namespace recallguard::testsupport {

std::string read_text(const std::filesystem::path& path);
std::filesystem::path bench_dir();

// Rule ids with a baseline query (bench/handwritten/<RULE-ID>.sql), sorted.
std::vector<std::string> handwritten_rule_ids();

// A path in this process's temporary directory (removed when the process ends); nothing is
// created at the path.
std::filesystem::path temp_path(const std::string& name);

// Path of a database holding the working-day calendar fixture (bench/calendar_fixture.sql),
// built once per process.
const std::string& calendar_fixture();

// Attaches the calendar fixture to `db` as schema `cal`.
void attach_calendar(sqldb::Database& db);

// Runs the baseline query of `rule_id` on `db` (calendar attached) with :as_of bound; each row
// as "subject_key|period|status|due|done|days_late" (NULL as empty), in the query's order.
std::vector<std::string> run_handwritten(sqldb::Database& db, const std::string& rule_id, const std::string& as_of);

}  // namespace recallguard::testsupport
