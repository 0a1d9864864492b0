#include "engine/findings_store.h"

#include "common/errors.h"
#include "sqldb/sqlite.h"

namespace recallguard::engine {
namespace {

const char* kStoreDdl = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL, finished_at TEXT NOT NULL, as_of TEXT NOT NULL,
  database_path TEXT NOT NULL, database_fingerprint TEXT NOT NULL, rules_fingerprint TEXT NOT NULL,
  engine_version TEXT NOT NULL, findings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  rule_id TEXT NOT NULL, package TEXT, citation TEXT, category TEXT, severity TEXT NOT NULL,
  subject_table TEXT NOT NULL, subject_key TEXT NOT NULL, period INTEGER, company_id TEXT,
  status TEXT NOT NULL, trigger_date TEXT, due TEXT, done TEXT, days_late INTEGER,
  message TEXT, evidence TEXT
);
CREATE INDEX IF NOT EXISTS findings_run ON findings (run_id, rule_id, subject_key);
)sql";

sqldb::SqlValue text_or_null(const std::optional<std::string>& value) {
    if (!value) return std::monostate{};
    return *value;
}

}  // namespace

int64_t store_run(const std::string& path, const findings::AuditReport& report) {
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::Create);
    db.exec(kStoreDdl);
    db.exec("BEGIN IMMEDIATE");
    try {
        auto run = db.prepare(
            "INSERT INTO runs (started_at, finished_at, as_of, database_path, database_fingerprint, rules_fingerprint, "
            "engine_version, findings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        const auto& r = report.run;
        run.bind_text(1, r.started_at);
        run.bind_text(2, r.finished_at);
        run.bind_text(3, r.as_of);
        run.bind_text(4, r.database);
        run.bind_text(5, r.database_fingerprint);
        run.bind_text(6, r.rules_fingerprint);
        run.bind_text(7, r.tool_version);
        run.bind_int(8, static_cast<int64_t>(report.findings.size()));
        run.step();
        const int64_t run_id = db.last_insert_rowid();
        auto insert = db.prepare(
            "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        for (const auto& f : report.findings) {
            insert.reset();
            insert.bind_int(1, run_id);
            insert.bind_text(2, f.rule_id);
            insert.bind_text(3, f.package);
            insert.bind_text(4, f.citation);
            insert.bind_text(5, f.category);
            insert.bind_text(6, findings::severity_name(f.severity));
            insert.bind_text(7, f.subject_table);
            insert.bind_text(8, f.subject_key);
            if (f.period)
                insert.bind_int(9, *f.period);
            else
                insert.bind_null(9);
            insert.bind_text(10, f.company_id);
            insert.bind_text(11, findings::status_name(f.status));
            insert.bind(12, text_or_null(f.trigger_date));
            insert.bind(13, text_or_null(f.due));
            insert.bind(14, text_or_null(f.done));
            if (f.days_late)
                insert.bind_int(15, *f.days_late);
            else
                insert.bind_null(15);
            insert.bind_text(16, f.message);
            insert.bind_text(17, f.evidence.dump());
            insert.step();
        }
        db.exec("COMMIT");
        return run_id;
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}

std::vector<findings::Finding> load_stored_run(const std::string& path, int64_t run_id) {
    auto db = sqldb::Database::open(path, sqldb::Database::Mode::ReadOnly);
    auto run = db.prepare("SELECT count(*) FROM runs WHERE run_id = ?1");
    run.bind_int(1, run_id);
    if (!run.step() || run.column_int(0) == 0)
        throw InputError(path + ": there is no stored run " + std::to_string(run_id));
    auto rows = db.prepare(
        "SELECT rule_id, package, citation, category, severity, subject_table, subject_key, period, company_id, "
        "status, "
        "trigger_date, due, done, days_late, message FROM findings WHERE run_id = ?1");
    rows.bind_int(1, run_id);
    std::vector<findings::Finding> out;
    while (rows.step()) {
        findings::Finding f;
        f.rule_id = rows.column_text(0);
        f.package = rows.column_text(1);
        f.citation = rows.column_text(2);
        f.category = rows.column_text(3);
        f.severity = findings::parse_severity(rows.column_text(4)).value_or(findings::Severity::Medium);
        f.subject_table = rows.column_text(5);
        f.subject_key = rows.column_text(6);
        if (!rows.is_null(7)) f.period = static_cast<int>(rows.column_int(7));
        f.company_id = rows.column_text(8);
        f.status = findings::parse_status(rows.column_text(9)).value_or(findings::Status::Missing);
        f.trigger_date = rows.column_optional_text(10);
        f.due = rows.column_optional_text(11);
        f.done = rows.column_optional_text(12);
        if (!rows.is_null(13)) f.days_late = rows.column_int(13);
        f.message = rows.column_text(14);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace recallguard::engine
