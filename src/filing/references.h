// Checks that a batch of filings refers to rows that exist and fit together: company,
// product and case exist and belong to each other, the product's market is the authority's,
// filing ids are new, and no filing is dated after the audit date.
#pragma once

#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "filing/filing.h"
#include "sqldb/sqlite.h"

namespace recallguard::filing {

// The market an authority supervises ("SAMR", "SAMR-GD" -> "CN"; "NHTSA", "CPSC" -> "US");
// "" for an authority recallguard does not know (no market check is made then).
std::string authority_market(const std::string& authority);

// Every reference problem of `filings` against the case database `db` (opened read-only),
// located at the member of the filing that is wrong. Codes: F-REFERENCE, F-OWNER, F-MARKET,
// F-DUPLICATE-ID, F-AS-OF.
DiagnosticBag check_references(sqldb::Database& db, const std::vector<const Filing*>& filings,
                               const std::string& as_of);

}  // namespace recallguard::filing
