// Creating case databases from the DDL, and reading a database's model version.
#pragma once

#include <string>

#include "sqldb/sqlite.h"

namespace recallguard::schema {

// Creates `path` with the current DDL. Refuses (InputError) when the file exists.
void create_case_database(const std::string& path);

// Applies the DDL to an open, empty database (in memory or on disk).
void apply_case_data_model(sqldb::Database& db);

}  // namespace recallguard::schema
