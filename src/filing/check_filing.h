// `check-filing`: checks submitted filings before they reach an authority. Parses and
// validates each against its kind's schema, checks its references, overlays the batch on a
// private copy of the case database and runs the rules with and without it, and reports
// per filing what it resolves, what it leaves open, and the findings it causes itself.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "engine/rule_loader.h"
#include "filing/filing.h"
#include "findings/finding.h"

namespace recallguard::filing {

struct CheckFilingOptions {
    std::vector<std::string> filing_paths;
    std::string database;
    std::string as_of;             // YYYY-MM-DD; "" = today (UTC)
    std::string schema_directory;  // "" = the bundled schemas/filings
    int jobs = 1;
    std::vector<std::string> rule_ids;  // empty = all
    std::vector<std::string> packages;  // empty = all
};

struct FilingOutcome {
    std::string path;
    std::string filing_id;  // "" when the file could not be read as a filing
    std::string kind;
    // The filing has a problem (it is malformed or names what does not exist): it is reported
    // and left out of the batch; the other filings are still audited.
    bool malformed = false;
    // Findings the filing causes: its own violations (completeness) and obligations it meets
    // late. Each carries `filing_location`.
    std::vector<findings::Finding> findings;
    // Findings of the case data without the batch that the batch removes or changes
    // (a `missing` plan that becomes `late` is resolved as `missing`).
    std::vector<findings::Finding> resolves;
    // Findings on the filing's case or product that remain with the batch in place.
    std::vector<findings::Finding> leaves_open;
};

struct FilingCheckResult {
    std::string as_of;
    std::string database;
    DiagnosticBag problems;                      // malformed filings and bad references
    std::map<std::string, std::string> sources;  // filing path -> text, for carets
    std::vector<FilingOutcome> outcomes;         // one per filing path, in the order given
    findings::AuditReport before, after;         // the audits without and with the batch
    bool audited = false;                        // false when no filing was left to audit

    // 2 when a filing is malformed or a rule could not complete, 1 when a filing causes
    // findings, 0 when every filing passes.
    int exit_code() const;
};

// Never writes to `options.database`: the batch goes into a temporary copy.
// Throws InputError for unusable input outside the filings (database, --as-of, rules).
FilingCheckResult check_filings(const engine::LoadedRules& rules, const CheckFilingOptions& options);

// Problems and the findings the filings cause, as an audit report (for SARIF, JUnit): each
// problem is a result of rule F-<CODE> located in the filing.
findings::AuditReport filing_audit_report(const FilingCheckResult& result);

void write_filing_text(const FilingCheckResult& result, std::ostream& out);
void write_filing_json(const FilingCheckResult& result, std::ostream& out);

}  // namespace recallguard::filing
