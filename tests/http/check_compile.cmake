# Compiles one translation unit and checks the outcome; run by CTest (tests/http/CMakeLists.txt):
#
#   cmake -DCOMPILER=c++ -DFLAGS="a|b" -DINCLUDE_DIRS="a|b" -DSYSTEM_INCLUDE_DIRS="a|b"
#         -DSOURCE=file -DEXPECT=fail|pass [-DEXPECT_MESSAGE=regex] [-DWORK_DIR=dir] -P check_compile.cmake
#
# EXPECT=fail: the compiler must reject the source and its output must match EXPECT_MESSAGE (the
# concept's name), so that a source broken for another reason does not pass.
# EXPECT=pass: the source must compile without a warning (proves the harness and the flags).
# CONTROL=file (optional, with EXPECT=fail): a source that differs only by what makes SOURCE wrong;
# it is compiled first and must compile without a warning, so that SOURCE fails for that alone.
# A Markdown SOURCE is reduced to its ```cpp blocks, concatenated in order (compiled documentation).
# Lists are separated by '|' because ';' does not survive add_test.
cmake_minimum_required(VERSION 3.25)

foreach(var IN ITEMS COMPILER SOURCE EXPECT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_compile.cmake: ${var} is not set")
    endif()
endforeach()

set(args "")
foreach(list_var IN ITEMS FLAGS INCLUDE_DIRS SYSTEM_INCLUDE_DIRS)
    string(REPLACE "|" ";" ${list_var} "${${list_var}}")
endforeach()
list(APPEND args ${FLAGS})
foreach(dir IN LISTS INCLUDE_DIRS)
    list(APPEND args "-I${dir}")
endforeach()
foreach(dir IN LISTS SYSTEM_INCLUDE_DIRS)
    list(APPEND args -isystem "${dir}")
endforeach()

set(source "${SOURCE}")
if(SOURCE MATCHES "\\.md$")
    file(READ "${SOURCE}" text)
    string(REPLACE ";" "@semicolon@" text "${text}") # keep CMake from splitting the code into a list
    string(REGEX MATCHALL "```cpp\n[^`]*```" blocks "${text}")
    if(NOT blocks)
        message(FATAL_ERROR "${SOURCE} has no ```cpp block")
    endif()
    set(code "// The C++ blocks of ${SOURCE}, in order.\n")
    foreach(block IN LISTS blocks)
        string(REGEX REPLACE "^```cpp\n" "" block "${block}")
        string(REGEX REPLACE "```$" "" block "${block}")
        string(APPEND code "${block}\n")
    endforeach()
    string(REPLACE "@semicolon@" ";" code "${code}")
    get_filename_component(name "${SOURCE}" NAME_WE)
    set(source "${WORK_DIR}/${name}_blocks.cpp")
    file(WRITE "${source}" "${code}")
endif()

if(DEFINED CONTROL)
    execute_process(
        COMMAND "${COMPILER}" ${args} -fsyntax-only -x c++ "${CONTROL}"
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result EQUAL 0 OR NOT output STREQUAL "")
        message(FATAL_ERROR "the control ${CONTROL} should compile cleanly, but:\n${output}")
    endif()
    message(STATUS "the control ${CONTROL} compiles, as expected")
endif()

execute_process(
    COMMAND "${COMPILER}" ${args} -fsyntax-only -x c++ "${source}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)

if(EXPECT STREQUAL "pass")
    if(NOT result EQUAL 0 OR NOT output STREQUAL "")
        message(FATAL_ERROR "${source} should compile cleanly, but:\n${output}")
    endif()
    message(STATUS "${source} compiles, as expected")
elseif(EXPECT STREQUAL "fail")
    if(result EQUAL 0)
        message(FATAL_ERROR "${source} compiled, but it must not")
    endif()
    if(NOT DEFINED EXPECT_MESSAGE)
        message(FATAL_ERROR "EXPECT=fail needs EXPECT_MESSAGE")
    endif()
    if(NOT output MATCHES "${EXPECT_MESSAGE}")
        message(FATAL_ERROR "${source} failed to compile, but the output does not match '${EXPECT_MESSAGE}':\n${output}")
    endif()
    message(STATUS "${source} fails to compile, as expected, naming the concept")
else()
    message(FATAL_ERROR "EXPECT must be pass or fail, not '${EXPECT}'")
endif()
