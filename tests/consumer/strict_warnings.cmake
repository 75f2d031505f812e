# consumer.strict_warnings: every public header (include/renault/**/*.hpp but <renault/src.hpp> and
# src/, plus the generated headers) and the documented idioms (strict/idioms.cpp) compile without a
# warning under a user's strict flags, with our headers on plain -I (not SYSTEM), in the
# header-only and the separately compiled modes:
#  - one translation unit including every header, per mode, with -fsyntax-only (each header on its
#    own is tests/standalone's job);
#  - strict/idioms.cpp with -fsyntax-only in the header-only mode, and compiled for real (-O2,
#    object file only) in the separately compiled mode, where the optimiser's warnings show.
#   cmake -DCXX=<compiler> -DINCLUDE_DIR=<include> -DGENERATED_DIR=<generated include>
#         -DSYSTEM_INCLUDE_DIRS="a|b" -DSOURCE_DIR=<tests/consumer> -DWORK_DIR=<scratch> -P strict_warnings.cmake
cmake_minimum_required(VERSION 3.25)

set(flags -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
          -Wold-style-cast -Werror)
set(includes "-I${INCLUDE_DIR}" "-I${GENERATED_DIR}")
string(REPLACE "|" ";" SYSTEM_INCLUDE_DIRS "${SYSTEM_INCLUDE_DIRS}")
foreach(dir IN LISTS SYSTEM_INCLUDE_DIRS)
    list(APPEND includes -isystem "${dir}") # Boost: not ours
endforeach()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/renault/*.hpp")
file(GLOB_RECURSE generated RELATIVE "${GENERATED_DIR}" "${GENERATED_DIR}/renault/*.hpp")
list(FILTER headers EXCLUDE REGEX "^renault/src(\\.hpp|/)")
list(APPEND headers ${generated})
list(SORT headers)
list(LENGTH headers count)
if(count LESS 50 OR NOT "renault/version.hpp" IN_LIST headers OR NOT "renault/generated/model.hpp" IN_LIST headers)
    message(FATAL_ERROR "expected the public and generated headers, found ${count}: ${headers}")
endif()
set(code "// Every public header of renault-cpp (tests/consumer/strict_warnings.cmake).\n")
foreach(header IN LISTS headers)
    string(APPEND code "#include <${header}>\n")
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/all_headers.cpp" "${code}")

set(failures "")
function(compile what)
    execute_process(COMMAND "${CXX}" ${flags} ${includes} ${ARGN}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0 OR NOT output STREQUAL "")
        message(SEND_ERROR "${what}: warnings or errors:\n${output}")
    else()
        message(STATUS "${what}: no warning")
    endif()
endfunction()

compile("${count} headers, header-only" -fsyntax-only "${WORK_DIR}/all_headers.cpp")
compile("${count} headers, RENAULT_SEPARATE_COMPILATION" -DRENAULT_SEPARATE_COMPILATION -fsyntax-only
        "${WORK_DIR}/all_headers.cpp")
compile("idioms, header-only" -fsyntax-only "${SOURCE_DIR}/strict/idioms.cpp")
compile("idioms, RENAULT_SEPARATE_COMPILATION, -O2" -DRENAULT_SEPARATE_COMPILATION -O2 -c
        "${SOURCE_DIR}/strict/idioms.cpp" -o "${WORK_DIR}/idioms.o")
