// Simulates one company's products and their recall history, compliant or not, as case data rows.
#pragma once

#include <cstdint>

#include "common/date.h"
#include "generate/records.h"

namespace recallguard::generate {

struct SimulationSettings {
    Date horizon;                 // the snapshot date: no row is dated after it
    double violation_rate = 0.1;  // chance that any one obligation or duty is breached
};

// All rows of company number `index` (0-based). Depends only on (seed, index, settings), so
// companies can be generated in any order and the output is reproducible.
CompanyRecords simulate_company(uint64_t seed, int64_t index, const SimulationSettings& settings);

}  // namespace recallguard::generate
