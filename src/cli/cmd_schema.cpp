// `recallguard schema` prints the case-data model DDL; `recallguard init DB` creates an empty case database.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "common/errors.h"
#include "schema/case_database.h"
#include "schema/catalog.h"

namespace recallguard::cli {

void add_schema_commands(CLI::App& app, int& exit_code) {
    auto* schema = app.add_subcommand("schema", "Print the DDL of the case data model (version 1)");
    schema->callback([&exit_code] {
        std::cout << schema::case_data_model_ddl();
        exit_code = kExitClean;
    });

    auto* init = app.add_subcommand("init", "Create an empty case database from the DDL (never overwrites)");
    static std::string path;
    init->add_option("DB", path, "Path of the database to create")->required();
    init->callback([&exit_code] {
        schema::create_case_database(path);
        std::cout << "created " << path << " (case data model version " << schema::kCaseDataModelVersion << ")\n";
        exit_code = kExitClean;
    });
}

}  // namespace recallguard::cli
