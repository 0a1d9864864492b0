# Writes recallguard's man page: the frame FRAME with @COMMANDS@ replaced by the help of every
# command and subcommand as BINARY prints it (so the page lists every option there is), and
# @VERSION@ and @MODEL_VERSION@ filled in (the latter from `BINARY --version`).
#   cmake -DBINARY=... -DFRAME=docs/recallguard.1.in -DOUTPUT=recallguard.1 -DVERSION=x.y.z -P make_manpage.cmake

cmake_minimum_required(VERSION 3.25)

function(run_help out)
  execute_process(COMMAND ${BINARY} ${ARGN} --help OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "`recallguard ${ARGN} --help` failed (${rc}): ${err}")
  endif()
  # The usage line names the program as it was run: by its name, not the build machine's path.
  string(REPLACE "Usage: ${BINARY}" "Usage: recallguard" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The names listed under "Subcommands:" in a help text.
function(subcommands_of text out)
  set(names "")
  set(in_list OFF)
  string(REPLACE "\n" ";" lines "${text}")
  foreach(line IN LISTS lines)
    if(line MATCHES "^(SUBCOMMANDS|Subcommands):")
      set(in_list ON)
    elseif(in_list AND line MATCHES "^  ([a-z][a-z0-9-]*)( |$)")
      list(APPEND names ${CMAKE_MATCH_1})
    elseif(in_list AND NOT line MATCHES "^ ")
      set(in_list OFF)
    endif()
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# Help text as roff: verbatim lines, a backslash and a leading dot or quote escaped.
function(roff_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "\n." "\n\\&." text "${text}")
  string(REPLACE "\n'" "\n\\&'" text "${text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
  set(${out} ".PP\n.nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

set(commands_roff "")
function(add_command_help)
  run_help(help ${ARGN})
  roff_verbatim("${help}" verbatim)
  string(REPLACE ";" " " words "${ARGN}")
  if(words STREQUAL "")
    set(title "recallguard")
  else()
    set(title "recallguard ${words}")
  endif()
  set(commands_roff "${commands_roff}.SS \"${title}\"\n${verbatim}")
  subcommands_of("${help}" subs)
  foreach(sub IN LISTS subs)
    add_command_help(${ARGN} ${sub})  # appends to this scope's commands_roff
  endforeach()
  set(commands_roff "${commands_roff}" PARENT_SCOPE)
endfunction()
add_command_help()

execute_process(COMMAND ${BINARY} --version OUTPUT_VARIABLE version_text RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT version_text MATCHES "case data model version ([0-9]+)")
  message(FATAL_ERROR "`recallguard --version` did not name the case data model version: ${version_text}")
endif()
set(MODEL_VERSION ${CMAKE_MATCH_1})

file(READ ${FRAME} frame)
string(REPLACE "@COMMANDS@\n" "${commands_roff}" page "${frame}")
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@MODEL_VERSION@" "${MODEL_VERSION}" page "${page}")
get_filename_component(dir ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
file(WRITE ${OUTPUT}.tmp "${page}")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
