# The layering of src/ is enforced by the build (cmake/layers.cmake, cmake/check_includes.cmake):
#  1. a file compiled with the checker's include root compiles when it includes a layer below;
#  2. the same with an include of a layer above (the engine) fails to compile, for that include;
#  3. the include check refuses SQLite outside sqldb/, ANTLR outside parser/ and a relative path.
# Run by ctest: cmake -DBINARY_DIR=<build> -DSOURCE_DIR=<source> -P expect_layering.cmake
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target recallguard_layering_allowed
                RESULT_VARIABLE allowed_result OUTPUT_VARIABLE allowed_output ERROR_VARIABLE allowed_output)
if(NOT allowed_result EQUAL 0)
  message(FATAL_ERROR "a downward include failed to compile, so the test proves nothing:\n${allowed_output}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target recallguard_layering_upward
                RESULT_VARIABLE upward_result OUTPUT_VARIABLE upward_output ERROR_VARIABLE upward_output)
if(upward_result EQUAL 0)
  message(FATAL_ERROR "an include of the engine compiled with the checker's include root: layering is not enforced")
endif()
if(NOT upward_output MATCHES "engine/audit\\.h: No such file or directory|'engine/audit\\.h' file not found")
  message(FATAL_ERROR "the upward include failed, but not because the header was out of reach:\n${upward_output}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${SOURCE_DIR}/tests/layering/bad_src
                        -P ${SOURCE_DIR}/cmake/check_includes.cmake
                RESULT_VARIABLE check_result OUTPUT_VARIABLE check_output ERROR_VARIABLE check_output)
if(check_result EQUAL 0)
  message(FATAL_ERROR "the include check accepted SQLite in schema/, ANTLR outside parser/ and a relative include")
endif()
foreach(expected "only src/sqldb/ may use SQLite directly" "only src/parser/ may use ANTLR"
                 "never by a relative or absolute path")
  string(FIND "${check_output}" "${expected}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "the include check did not say '${expected}':\n${check_output}")
  endif()
endforeach()
message(STATUS "layering: downward include compiles; upward include and forbidden includes are refused")
