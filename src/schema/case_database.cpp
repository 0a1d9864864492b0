#include "schema/case_database.h"

#include <filesystem>

#include "common/errors.h"
#include "schema/catalog.h"

namespace recallguard::schema {

void apply_case_data_model(sqldb::Database& db) {
    db.exec(case_data_model_ddl());
}

void create_case_database(const std::string& path) {
    if (std::filesystem::exists(path)) throw InputError(path + ": already exists; init never overwrites a file");
    // Build beside the target and rename, so a failure never leaves a half-made database.
    const std::string partial = path + ".partial";
    std::filesystem::remove(partial);
    try {
        auto db = sqldb::Database::open(partial, sqldb::Database::Mode::Create);
        db.exec("BEGIN");
        apply_case_data_model(db);
        db.exec("COMMIT");
    } catch (...) {
        std::filesystem::remove(partial);
        throw;
    }
    std::filesystem::rename(partial, path);
}

}  // namespace recallguard::schema
