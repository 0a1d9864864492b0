#include "filing/check_filing.h"

#include <stdlib.h>

#include <filesystem>
#include <set>

#include "common/date.h"
#include "common/errors.h"
#include "common/temp_directory.h"
#include "engine/audit.h"
#include "filing/references.h"
#include "schema/catalog.h"
#include "sqldb/sqlite.h"

namespace recallguard::filing {
namespace {

namespace fs = std::filesystem;

// Copies the case database (read through a read-only connection, so it cannot change) and
// adds the batch as rows of `filings`.
void make_overlay(const std::string& database, const std::vector<const Filing*>& filings,
                  const std::string& copy_path) {
    {
        auto source = sqldb::Database::open(database, sqldb::Database::Mode::ReadOnly);
        auto vacuum = source.prepare("VACUUM INTO ?1");
        vacuum.bind_text(1, copy_path);
        vacuum.step();
    }
    auto copy = sqldb::Database::open(copy_path, sqldb::Database::Mode::ReadWrite);
    copy.exec("BEGIN");
    auto insert = copy.prepare(
        "INSERT INTO filings (filing_id, company_id, product_id, case_id, kind, filed_on, authority, period_end, "
        "content) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    auto optional = [](const std::optional<std::string>& v) { return v ? sqldb::SqlValue(*v) : sqldb::SqlValue(); };
    for (const Filing* f : filings) {
        insert.reset();
        insert.bind_text(1, f->filing_id);
        insert.bind_text(2, f->company_id);
        insert.bind(3, optional(f->product_id));
        insert.bind(4, optional(f->case_id));
        insert.bind_text(5, f->kind);
        insert.bind_text(6, f->filed_on);
        insert.bind_text(7, f->authority);
        insert.bind(8, optional(f->period_end));
        insert.bind_text(9, f->content);
        try {
            insert.step();
        } catch (const InputError& e) {
            throw InputError(f->path + ": the case database refused the filing: " + e.what());
        }
    }
    copy.exec("COMMIT");
}

// The defect case and product a finding's subject belongs to, read from the overlay.
class SubjectScope {
public:
    struct Scope {
        std::optional<std::string> case_id, product_id;
    };

    explicit SubjectScope(const std::string& path)
        : db_(sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly)) {}

    Scope of(const findings::Finding& finding) {
        const std::string id = finding.subject_table + "\x1f" + finding.subject_key;
        if (const auto it = cache_.find(id); it != cache_.end()) return it->second;
        Scope scope;
        const auto* table = schema::Catalog::case_data_v1().find_table(finding.subject_table);
        if (table && table->primary_key.size() == 1) {
            const std::string& key_column = table->primary_key[0];
            auto value = [&](const std::string& t, const std::string& column, const std::string& key_col,
                             const std::string& key) -> std::optional<std::string> {
                auto statement =
                    db_.prepare("SELECT " + sqldb::quote_identifier(column) + " FROM " + sqldb::quote_identifier(t) +
                                " WHERE " + sqldb::quote_identifier(key_col) + " = ?1");
                statement.bind_text(1, key);
                return statement.step() ? statement.column_optional_text(0) : std::nullopt;
            };
            const std::string& key = finding.subject_key;
            if (table->name == "products") scope.product_id = key;
            if (table->name == "defect_cases")
                scope.case_id = key;
            else if (table->find_column("case_id"))
                scope.case_id = value(table->name, "case_id", key_column, key);
            else if (table->find_column("recall_id")) {
                if (const auto recall = value(table->name, "recall_id", key_column, key))
                    scope.case_id = value("recalls", "case_id", "recall_id", *recall);
            }
            if (table->find_column("product_id")) scope.product_id = value(table->name, "product_id", key_column, key);
            if (!scope.product_id && scope.case_id)
                scope.product_id = value("defect_cases", "product_id", "case_id", *scope.case_id);
        }
        cache_[id] = scope;
        return scope;
    }

private:
    sqldb::Database db_;
    std::map<std::string, Scope> cache_;
};

std::string identity(const findings::Finding& f) {
    return findings::finding_key(f) + "\x1f" + findings::status_name(f.status);
}

bool is_falsy(const nlohmann::ordered_json& value) {
    return value.is_null() || (value.is_number() && value.get<double>() == 0) ||
           (value.is_boolean() && !value.get<bool>());
}

// Where a violation of a filing lies: the first field a `let` found missing or empty (lets are
// named after the fields they test), else the content object.
SourceLocation violation_location(const Filing& filing, const findings::Finding& finding) {
    for (const auto& [name, value] : finding.evidence.items()) {
        if (!is_falsy(value)) continue;
        for (const auto& pointer : {"/content/" + name, "/" + name})
            if (filing.document.value_locations.count(pointer)) return filing.locate(pointer);
    }
    return filing.locate("/content");
}

bool related(const Filing& filing, const SubjectScope::Scope& scope) {
    return (filing.case_id && scope.case_id == filing.case_id) ||
           (filing.product_id && scope.product_id == filing.product_id);
}

}  // namespace

int FilingCheckResult::exit_code() const {
    if (problems.has_errors()) return kExitBadInput;
    for (const auto* report : {&before, &after})
        for (const auto& status : report->statuses)
            if (status.state == findings::RuleRunStatus::State::Error) return kExitBadInput;
    for (const auto& outcome : outcomes)
        if (!outcome.findings.empty()) return kExitFindings;
    return kExitClean;
}

FilingCheckResult check_filings(const engine::LoadedRules& rules, const CheckFilingOptions& options) {
    FilingCheckResult result;
    result.database = options.database;
    result.as_of = options.as_of.empty() ? engine::today() : options.as_of;
    if (!Date::parse(result.as_of)) throw InputError("--as-of '" + result.as_of + "' is not a date (YYYY-MM-DD)");
    const auto schemas = FilingSchemas::load(options.schema_directory.empty() ? FilingSchemas::bundled_directory()
                                                                              : options.schema_directory);

    std::vector<Filing> filings;
    filings.reserve(options.filing_paths.size());
    for (const auto& path : options.filing_paths) {
        auto loaded = load_filing(path, schemas);
        result.sources[path] = loaded.text;
        result.problems.append(loaded.diagnostics);
        FilingOutcome outcome;
        outcome.path = path;
        if (loaded.filing) {
            outcome.filing_id = loaded.filing->filing_id;
            outcome.kind = loaded.filing->kind;
            filings.push_back(std::move(*loaded.filing));
        }
        result.outcomes.push_back(std::move(outcome));
    }
    // A filing with a problem is reported and left out of the batch; the others are still audited.
    // Leaving one out can break a reference another filing of the batch made to it, so the
    // references are checked again until no filing left has a problem.
    const auto files_with_errors = [](const DiagnosticBag& bag) {
        std::set<std::string> files;
        for (const auto& d : bag.items())
            if (d.severity == Severity::Error) files.insert(d.location.file);
        return files;
    };
    std::set<std::string> malformed = files_with_errors(result.problems);
    std::vector<const Filing*> batch;
    for (const auto& f : filings)
        if (!malformed.count(f.path)) batch.push_back(&f);
    {
        auto db = sqldb::Database::open(options.database, sqldb::Database::Mode::ReadOnly);
        for (;;) {
            const auto found = check_references(db, batch, result.as_of);
            const auto failing = files_with_errors(found);
            if (failing.empty()) {
                result.problems.append(found);
                break;
            }
            for (const auto& d : found.items())
                if (failing.count(d.location.file)) result.problems.add(d);
            malformed.insert(failing.begin(), failing.end());
            std::erase_if(batch, [&](const Filing* f) { return failing.count(f->path) > 0; });
        }
    }
    for (auto& outcome : result.outcomes) outcome.malformed = malformed.count(outcome.path) > 0;
    if (batch.empty()) return result;

    TempDirectory folder("filings");
    const std::string overlay = (fs::path(folder.path()) / "with-filings.sqlite").string();
    make_overlay(options.database, batch, overlay);

    engine::AuditOptions audit;
    audit.as_of = result.as_of;
    audit.jobs = options.jobs;
    audit.rule_ids = options.rule_ids;
    audit.packages = options.packages;
    audit.database = options.database;
    result.before = engine::run_audit(rules, audit);
    audit.database = overlay;
    result.after = engine::run_audit(rules, audit);
    result.after.run.database = options.database;
    result.audited = true;

    std::set<std::string> after_ids;
    for (const auto& f : result.after.findings) after_ids.insert(identity(f));
    std::map<std::string, size_t> outcome_of;  // filing id -> index into outcomes
    for (size_t i = 0; i < result.outcomes.size(); ++i)
        if (!result.outcomes[i].malformed) outcome_of[result.outcomes[i].filing_id] = i;
    std::map<std::string, const Filing*> by_id;
    for (const auto* f : batch) by_id[f->filing_id] = f;

    SubjectScope scopes(overlay);
    for (const auto& finding : result.after.findings) {
        // The filing's own findings: a violation on it, or an obligation it meets late.
        const Filing* own = nullptr;
        SourceLocation where;
        if (finding.subject_table == "filings" && by_id.count(finding.subject_key)) {
            own = by_id[finding.subject_key];
            where = violation_location(*own, finding);
        } else if (finding.status == findings::Status::Late && finding.evidence.contains("record") &&
                   finding.evidence["record"].is_string() &&
                   by_id.count(finding.evidence["record"].get<std::string>())) {
            own = by_id[finding.evidence["record"].get<std::string>()];
            where = own->locate("/filed_on");
        }
        if (own) {
            auto copy = finding;
            copy.filing_location = where;
            result.outcomes[outcome_of[own->filing_id]].findings.push_back(std::move(copy));
            continue;
        }
        const auto scope = scopes.of(finding);
        for (const auto* f : batch)
            if (related(*f, scope)) result.outcomes[outcome_of[f->filing_id]].leaves_open.push_back(finding);
    }
    for (const auto& finding : result.before.findings) {
        if (after_ids.count(identity(finding))) continue;
        const auto scope = scopes.of(finding);
        for (const auto* f : batch) {
            const bool its_subject = finding.subject_table == "filings" && finding.subject_key == f->filing_id;
            if (its_subject || related(*f, scope))
                result.outcomes[outcome_of[f->filing_id]].resolves.push_back(finding);
        }
    }
    return result;
}

}  // namespace recallguard::filing
