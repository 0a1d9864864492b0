#include "schema/case_database.h"

#include <filesystem>

#include "common/errors.h"
#include "common/files.h"
#include "schema/catalog.h"

namespace recallguard::schema {

void apply_case_data_model(sqldb::Database& db) {
    db.exec(case_data_model_ddl());
}

void create_case_database(const std::string& path) {
    if (std::filesystem::exists(path)) throw InputError(path + ": already exists; init never overwrites a file");
    // Built beside the target and renamed, so a failure never leaves a half-made database.
    AtomicFile file(path, AtomicFile::Existing::Refuse);
    {
        auto db = sqldb::Database::open(file.temporary_path(), sqldb::Database::Mode::Create);
        db.exec("BEGIN");
        apply_case_data_model(db);
        db.exec("COMMIT");
    }
    file.commit();
}

}  // namespace recallguard::schema
