// `recallguard generate`: synthetic case databases of any size, reproducible from a seed,
// mixing compliant and non-compliant behaviour for tests and benchmarks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"
#include "generate/record_writer.h"

namespace recallguard::generate {

struct GenerateOptions {
    std::string out;         // the database to create; never overwritten
    int64_t companies = 20;  // ~500 rows each
    uint64_t seed = 1;
    Date as_of = Date::from_ymd(2026, 6, 30);  // the snapshot date: no row is dated after it
    double violation_rate = 0.1;               // share of obligations breached
    // The DDL's secondary indexes; without them the file looks like one exported by another
    // system (only primary keys), which is what the engine must be fast on.
    bool secondary_indexes = true;
};

// Earliest and latest accepted --as-of: data starts on 2024-01-01, and every deadline a
// row can start must end inside the calendars' last year (2026).
Date earliest_as_of();
Date latest_as_of();

struct GenerateSummary {
    std::vector<TableCount> tables;  // rows per table, in the model's order
    int64_t total_rows = 0;
    double seconds = 0;
};

// Throws InputError naming the option when one is out of range or `out` already exists.
void validate_options(const GenerateOptions& options);

// Builds the database under a temporary name beside `out` (foreign keys on, one transaction) and renames it
// to `out` when complete; a failure leaves no file behind. Same options, same bytes.
GenerateSummary generate_case_database(const GenerateOptions& options);

}  // namespace recallguard::generate
