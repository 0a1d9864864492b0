#include "generate/generator.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "common/errors.h"
#include "common/files.h"
#include "generate/company_simulation.h"
#include "schema/case_database.h"
#include "sqldb/sqlite.h"

namespace recallguard::generate {
namespace {

// Drops the indexes the DDL declares (not the primary-key ones) and returns their SQL.
std::vector<std::string> drop_secondary_indexes(sqldb::Database& db) {
    std::vector<std::pair<std::string, std::string>> found;
    auto list =
        db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid");
    while (list.step()) found.emplace_back(list.column_text(0), list.column_text(1));
    std::vector<std::string> sql;
    for (const auto& [name, create] : found) {
        db.exec("DROP INDEX " + sqldb::quote_identifier(name));
        sql.push_back(create);
    }
    return sql;
}

}  // namespace

Date earliest_as_of() {
    return Date::from_ymd(2024, 4, 1);
}
Date latest_as_of() {
    return Date::from_ymd(2026, 9, 30);
}

void validate_options(const GenerateOptions& options) {
    if (options.out.empty()) throw InputError("--out: the path of the database to create is empty");
    if (std::filesystem::exists(options.out))
        throw InputError(options.out + ": already exists; generate never overwrites a file");
    const auto parent = std::filesystem::path(options.out).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent))
        throw InputError(options.out + ": directory " + parent.string() + " does not exist");
    if (options.companies < 1 || options.companies > 10'000'000)
        throw InputError("--companies: " + std::to_string(options.companies) + " is out of range (1 to 10000000)");
    if (!std::isfinite(options.violation_rate) || options.violation_rate < 0 || options.violation_rate > 1)
        throw InputError("--violation-rate: " + std::to_string(options.violation_rate) +
                         " is out of range (a share from 0 to 1)");
    if (options.as_of < earliest_as_of() || options.as_of > latest_as_of())
        throw InputError("--as-of: " + options.as_of.to_string() + " is out of range (" + earliest_as_of().to_string() +
                         " to " + latest_as_of().to_string() + ": the working-day calendars cover 2024 to 2026)");
}

GenerateSummary generate_case_database(const GenerateOptions& options) {
    validate_options(options);
    const auto started = std::chrono::steady_clock::now();
    // Built under a temporary name and renamed, so a failed build never leaves a database behind
    // and the target is never overwritten, even if it appears while building.
    AtomicFile file(options.out, AtomicFile::Existing::Refuse);
    GenerateSummary summary;
    {
        auto db = sqldb::Database::open(file.temporary_path(), sqldb::Database::Mode::Create);
        // Nothing to recover while building: a failed build is deleted, so no journal and no fsync.
        db.exec(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;"
            "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
        db.exec("BEGIN");
        schema::apply_case_data_model(db);
        // Secondary indexes are built once at the end (sorted bulk build) instead of row by row;
        // the finished database has exactly the DDL's indexes, or none (secondary_indexes = false).
        const std::vector<std::string> indexes = drop_secondary_indexes(db);
        RecordWriter writer(db);
        const SimulationSettings settings{options.as_of, options.violation_rate};
        for (int64_t i = 0; i < options.companies; ++i) {
            const CompanyRecords records = simulate_company(options.seed, i, settings);
            try {
                writer.write(records);
            } catch (const InputError& e) {
                // Every row is meant to satisfy the model; a rejected row is a generator bug.
                throw InternalError(std::string("generated data violates the case data model: ") + e.what());
            }
        }
        if (options.secondary_indexes)
            for (const auto& sql : indexes) db.exec(sql);
        db.exec("COMMIT");
        summary.tables = writer.counts();
    }
    file.commit();
    for (const auto& t : summary.tables) summary.total_rows += t.rows;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace recallguard::generate
