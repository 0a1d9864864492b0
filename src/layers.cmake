# The layers of src/, bottom up: each uses only layers declared before it (cmake/layers.cmake),
# so its library links downward only, an include of a layer above it does not compile, and the
# folder-level include graph has no cycle. A new folder of src/ is declared here.

# Source positions, diagnostics, dates, UTF-8, files, fingerprints, SHA-256 digests, where the data
# folders are: no dependency on anything else.
recallguard_layer(common LIBRARIES PkgConfig::XXHASH PRIVATE_LIBRARIES OpenSSL::Crypto SOURCES ${INSTALL_CONFIG_CPP})
# SQL databases: the value type, identifier quoting, and the SQLite connection (the only SQLite user).
recallguard_layer(sqldb USES common PRIVATE_LIBRARIES SQLite::SQLite3)
# The rule language's tree.
recallguard_layer(ast USES common)
# Text -> AST; the only user of ANTLR and the generated parser.
recallguard_layer(parser USES ast common PRIVATE_LIBRARIES recallguard_grammar)
# The audit result every reporter reads.
recallguard_layer(findings USES common)
# The case-data model: DDL, catalog, validation, ingest.
recallguard_layer(schema USES sqldb common SOURCES ${EMBEDDED_DDL_CPP})
# Working-day calendars and their SQL tables.
recallguard_layer(calendar USES sqldb common)
# Named passes over the AST -> checked (bound) rules.
recallguard_layer(checker USES ast schema common)
# Checked rule -> SQL plan -> SQL text and parameters.
recallguard_layer(compiler USES checker calendar schema sqldb common)
# The working database and the executor: compiled rules -> findings.
recallguard_layer(exec USES compiler calendar findings schema sqldb common)
# Findings -> text, JSON, CSV, SARIF, JUnit, HTML.
recallguard_layer(report USES findings common)
# The canonical layout of rule files.
recallguard_layer(format USES parser ast common)
# The rule catalogue.
recallguard_layer(doc USES checker report ast common)
# The synthetic case-data generator.
recallguard_layer(generate USES schema sqldb common)
# The audit: load and check rules, validate, working database, run, baseline, store.
recallguard_layer(engine USES exec compiler checker parser calendar schema findings sqldb common)
# Filings: JSON with positions, schemas, references, the overlay audit.
recallguard_layer(filing USES engine findings schema sqldb common)
# Rule tests: the *.ruletest format, fixtures, runner, coverage.
recallguard_layer(ruletest USES engine report checker findings schema sqldb common)
# The language server for editors: JSON-RPC, open documents, their analyses by the engine's loader.
recallguard_layer(lsp USES ruletest engine format checker parser calendar schema ast common)
# The command line: flags in, output out.
recallguard_layer(cli EXECUTABLE recallguard
  USES lsp doc engine filing format generate report ruletest schema sqldb common
  LIBRARIES CLI11::CLI11)

recallguard_require_all_layers_declared()

# Everything below the command line, for the tests, the benchmark and the fuzz targets, which
# see all of src/.
add_library(recallguard_libraries INTERFACE)
target_include_directories(recallguard_libraries INTERFACE ${CMAKE_SOURCE_DIR}/src)
get_property(layers GLOBAL PROPERTY RECALLGUARD_LAYERS)
list(REMOVE_ITEM layers cli)
foreach(layer IN LISTS layers)
  target_link_libraries(recallguard_libraries INTERFACE recallguard_${layer})
endforeach()
target_link_libraries(recallguard_libraries INTERFACE recallguard_external)
