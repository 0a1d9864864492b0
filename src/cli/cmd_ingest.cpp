// `recallguard ingest DB --table T FILE ...`: loads CSV/JSON rows into a case database, all or nothing.
#include <iostream>

#include "cli/command.h"
#include "common/errors.h"
#include "schema/ingest.h"

namespace recallguard::cli {

void add_ingest_command(CLI::App& app, int& exit_code) {
    auto* ingest = app.add_subcommand(
        "ingest", "Load CSV or JSON files into a case database in one transaction: every row, or nothing");
    static std::string path;
    static std::vector<std::pair<std::string, std::string>> tables;
    ingest->add_option("DB", path, "Case database to load into (made by `recallguard init`)")->required();
    ingest->add_option("--table", tables, "TABLE FILE: load FILE (.csv with a header row, or .json array) into TABLE")
        ->required()
        ->type_name("TABLE FILE");
    ingest->callback([&exit_code] {
        std::vector<schema::IngestInput> inputs;
        inputs.reserve(tables.size());
        for (const auto& [table, file] : tables) inputs.push_back({table, file});
        const auto result = schema::ingest_files(path, inputs);
        size_t total = 0;
        for (const auto& [table, rows] : result.rows) total += rows;
        if (result.committed) {
            std::string per_table;
            for (const auto& [table, rows] : result.rows)
                per_table += (per_table.empty() ? "" : ", ") + table + " " + std::to_string(rows);
            std::cout << "loaded " << total << " row" << (total == 1 ? "" : "s") << " into " << path << " ("
                      << per_table << ")\n";
            exit_code = kExitClean;
            return;
        }
        for (const auto& problem : result.problems)
            std::cerr << problem.location << ": error: " << problem.message << "\n";
        std::cerr << "nothing was written to " << path << ": " << result.problems.size() << " problem"
                  << (result.problems.size() == 1 ? "" : "s") << " in " << total << " row" << (total == 1 ? "" : "s")
                  << " read\n";
        exit_code = kExitFindings;
    });
}

}  // namespace recallguard::cli
