# Installing recallguard (`cmake --install`), its build tree's data folder, and its Debian package
# (CPack). Layout, with GNUInstallDirs (docs/building.md#installing):
#   bin/recallguard
#   share/recallguard/rules/        the standard rule packs (cn, us, signals) and their rule tests
#   share/recallguard/calendars/    the working-day calendars
#   share/recallguard/schemas/      the filing schemas (schemas/filings/)
#   share/recallguard/model/        the case-data model (its DDL, and its source files)
#   share/recallguard/examples/     the power-bank example database, built from its CSV sources
#   share/man/man1/recallguard.1    the man page, generated from the CLI's own help
#   share/doc/recallguard/          README and docs/
# The binary finds share/recallguard relative to itself (../share/recallguard), so an installed
# tree can be moved; common/data_folders.h gives the whole order.

# The case-data model under share/recallguard/model/: its DDL as the binary prints it
# (`recallguard schema`, the model the binary embeds, wherever its source lives), and the model's
# source files listed here: the one line to change when the model gets a folder of its own.
set(RECALLGUARD_MODEL_FILES "")

# The build tree is laid out like an installed tree: build/share/recallguard/<folder> links to the
# source folders, so build/recallguard (and the test programs in build/tests/) find the data next
# to themselves, with no source path compiled in.
set(RECALLGUARD_BUILD_DATA_ROOT ${CMAKE_BINARY_DIR}/share/recallguard)
file(MAKE_DIRECTORY ${RECALLGUARD_BUILD_DATA_ROOT}/schemas ${RECALLGUARD_BUILD_DATA_ROOT}/examples)
foreach(link rules:rules calendars:rules/calendars schemas/filings:schemas/filings)
  string(REPLACE ":" ";" link "${link}")
  list(GET link 0 name)
  list(GET link 1 target)
  file(REMOVE ${RECALLGUARD_BUILD_DATA_ROOT}/${name})
  file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${target} ${RECALLGUARD_BUILD_DATA_ROOT}/${name} SYMBOLIC)
endforeach()

# The example database the package carries, built from its CSV sources by the built binary
# (examples/build_example.sh: init, then ingest), under a temporary name renamed when whole.
set(EXAMPLE_DATABASE ${RECALLGUARD_BUILD_DATA_ROOT}/examples/power-banks-2025.sqlite)
file(GLOB EXAMPLE_CSV CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/examples/power-banks-2025/data/*.csv)
add_custom_command(
  OUTPUT ${EXAMPLE_DATABASE}
  COMMAND ${CMAKE_COMMAND} -E rm -f ${EXAMPLE_DATABASE}.tmp
  COMMAND ${CMAKE_COMMAND} -E env RECALLGUARD=$<TARGET_FILE:recallguard>
          bash ${CMAKE_SOURCE_DIR}/examples/power-banks-2025/build.sh ${EXAMPLE_DATABASE}.tmp > /dev/null
  COMMAND ${CMAKE_COMMAND} -E rename ${EXAMPLE_DATABASE}.tmp ${EXAMPLE_DATABASE}
  DEPENDS recallguard ${EXAMPLE_CSV} ${CMAKE_SOURCE_DIR}/examples/build_example.sh
  COMMENT "Building the example database power-banks-2025.sqlite")

set(MODEL_DDL ${RECALLGUARD_BUILD_DATA_ROOT}/model/case_data_model.sql)
add_custom_command(
  OUTPUT ${MODEL_DDL}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${RECALLGUARD_BUILD_DATA_ROOT}/model
  COMMAND $<TARGET_FILE:recallguard> schema > ${MODEL_DDL}.tmp
  COMMAND ${CMAKE_COMMAND} -E rename ${MODEL_DDL}.tmp ${MODEL_DDL}
  DEPENDS recallguard
  COMMENT "Writing the case-data model's DDL")

# The man page: a hand-written frame (docs/recallguard.1.in: description, environment, files, exit
# status) around the help of every command and subcommand, as the binary prints it.
set(MAN_PAGE ${CMAKE_BINARY_DIR}/share/man/man1/recallguard.1)
add_custom_command(
  OUTPUT ${MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:recallguard> -DFRAME=${CMAKE_SOURCE_DIR}/docs/recallguard.1.in
          -DOUTPUT=${MAN_PAGE} -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/make_manpage.cmake
  DEPENDS recallguard ${CMAKE_SOURCE_DIR}/docs/recallguard.1.in ${CMAKE_SOURCE_DIR}/cmake/make_manpage.cmake
  COMMENT "Writing the man page from the commands' help")
add_custom_target(recallguard_data ALL DEPENDS ${EXAMPLE_DATABASE} ${MODEL_DDL} ${MAN_PAGE})

install(TARGETS recallguard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/rules/ DESTINATION ${RECALLGUARD_DATA_SUBDIR}/rules
        PATTERN calendars EXCLUDE)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/rules/calendars/ DESTINATION ${RECALLGUARD_DATA_SUBDIR}/calendars)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/filings/ DESTINATION ${RECALLGUARD_DATA_SUBDIR}/schemas/filings)
install(FILES ${MODEL_DDL} ${RECALLGUARD_MODEL_FILES} DESTINATION ${RECALLGUARD_DATA_SUBDIR}/model)
install(FILES ${EXAMPLE_DATABASE} DESTINATION ${RECALLGUARD_DATA_SUBDIR}/examples)
install(FILES ${CMAKE_SOURCE_DIR}/examples/power-banks-2025/expected-findings.csv
        DESTINATION ${RECALLGUARD_DATA_SUBDIR}/examples RENAME power-banks-2025-expected-findings.csv)
install(FILES ${MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        PATTERN recallguard.1.in EXCLUDE)

# The Debian package: `cpack -G DEB` in the build folder (or `cmake --build build --target package`).
# Depends is computed by dpkg-shlibdeps from the libraries the binary links, so it lists exactly
# the runtime packages (SQLite, ANTLR runtime, spdlog, fmt, xxHash, libstdc++ ...) and their versions.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME recallguard)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "audits product-recall case data against rules written in the recall law's terms")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 recallguard checks product-recall case data (SQLite) against recall obligations written as rules
 that cite the law, and reports late or missing reports, recall plans, notices and other findings.
 With the standard rule packs, working-day calendars, filing schemas and an example database.")
set(CPACK_PACKAGE_CONTACT "recallguard maintainers <recallguard@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
include(CPack)
