# The layers of src/: one folder, one library. A layer is declared with the layers it uses, after
# them (src/layers.cmake lists them bottom up), so the graph of layers has no cycle by
# construction. Each layer compiles against an include root of its own, a folder of links to the
# folders it may see (itself, the layers it uses and theirs) and nothing else: an `#include` of a
# layer above it is "No such file or directory", a build error, not a review comment.
set(RECALLGUARD_LAYER_ROOTS ${CMAKE_BINARY_DIR}/layers)
file(REMOVE_RECURSE ${RECALLGUARD_LAYER_ROOTS})

# recallguard_layer(<folder> [EXECUTABLE <name>] [USES <layer>...] [LIBRARIES <target>...]
#                   [PRIVATE_LIBRARIES <target>...] [SOURCES <extra source>...])
# Builds src/<folder>/*.cpp as the static library recallguard_<folder> (or as the executable
# <name>), linked to the layers it uses and to the given libraries (PRIVATE_LIBRARIES: their
# headers stay inside the layer).
function(recallguard_layer name)
  cmake_parse_arguments(PARSE_ARGV 1 LAYER "" "EXECUTABLE" "USES;LIBRARIES;PRIVATE_LIBRARIES;SOURCES")
  set(sees ${name})
  foreach(used IN LISTS LAYER_USES)
    get_property(used_sees GLOBAL PROPERTY RECALLGUARD_LAYER_${used}_SEES)
    if(NOT used_sees)
      message(FATAL_ERROR "src/${name} uses src/${used}, which is not declared before it in src/layers.cmake: "
                          "a layer may use only the layers below it")
    endif()
    list(APPEND sees ${used_sees})
  endforeach()
  list(REMOVE_DUPLICATES sees)
  list(SORT sees)
  set_property(GLOBAL PROPERTY RECALLGUARD_LAYER_${name}_SEES ${sees})
  set_property(GLOBAL APPEND PROPERTY RECALLGUARD_LAYERS ${name})

  set(root ${RECALLGUARD_LAYER_ROOTS}/${name})
  file(MAKE_DIRECTORY ${root})
  foreach(folder IN LISTS sees)
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${folder} ${root}/${folder} SYMBOLIC)
  endforeach()

  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cpp)
  list(APPEND sources ${LAYER_SOURCES})
  set(used_targets "")
  foreach(used IN LISTS LAYER_USES)
    list(APPEND used_targets recallguard_${used})
  endforeach()
  if(LAYER_EXECUTABLE)
    set(target ${LAYER_EXECUTABLE})
    add_executable(${target} ${sources})
    target_link_libraries(${target} PRIVATE ${used_targets} ${LAYER_LIBRARIES} ${LAYER_PRIVATE_LIBRARIES})
  elseif(NOT sources)
    # Headers only: nothing to compile, so nothing to check here; its users compile its headers.
    add_library(recallguard_${name} INTERFACE)
    target_link_libraries(recallguard_${name} INTERFACE ${used_targets} ${LAYER_LIBRARIES})
    set_property(GLOBAL PROPERTY RECALLGUARD_LAYER_${name}_TARGET recallguard_${name})
    return()
  else()
    set(target recallguard_${name})
    add_library(${target} STATIC ${sources})
    target_link_libraries(${target} PUBLIC ${used_targets} ${LAYER_LIBRARIES} PRIVATE ${LAYER_PRIVATE_LIBRARIES})
  endif()
  set_property(GLOBAL PROPERTY RECALLGUARD_LAYER_${name}_TARGET ${target})
  target_include_directories(${target} PRIVATE ${root})
  target_link_libraries(${target} PUBLIC recallguard_external)
  target_compile_options(${target} PRIVATE ${RECALLGUARD_WARNINGS} ${RECALLGUARD_INSTRUMENT_FLAGS})
  add_dependencies(${target} recallguard_include_check)
  if(RECALLGUARD_PCH)
    target_precompile_headers(${target} REUSE_FROM recallguard_pch)
  endif()
  if(RECALLGUARD_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 12)
  endif()
endfunction()

# Every folder of src/ must be a declared layer: a folder left out would not be built at all.
function(recallguard_require_all_layers_declared)
  get_property(declared GLOBAL PROPERTY RECALLGUARD_LAYERS)
  file(GLOB entries RELATIVE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/src/*)
  foreach(entry IN LISTS entries)
    if(IS_DIRECTORY ${CMAKE_SOURCE_DIR}/src/${entry} AND NOT entry IN_LIST declared)
      message(FATAL_ERROR "src/${entry} is not a declared layer: add recallguard_layer(${entry} USES ...) "
                          "to src/layers.cmake, after the layers it uses")
    endif()
  endforeach()
endfunction()
