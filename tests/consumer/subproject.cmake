# consumer.add_subdirectory and consumer.fetchcontent: builds tests/consumer/subproject, which
# takes renault-cpp as a subproject, and checks that we leave the consumer's build alone:
#  - its CMakeCache.txt has no CMAKE_CXX_COMPILER_LAUNCHER (our ccache is for our own builds) and
#    the CMAKE_BUILD_TYPE it chose, an empty one included (we force none);
#  - our include directories reach it as SYSTEM ones (-isystem), so our headers cannot break its
#    -Werror;
#  - its `cmake --install` installs its own program and none of our files (RENAULT_INSTALL is off
#    for a subproject);
#  - the program runs.
#   cmake -DMODE=add_subdirectory|fetchcontent -DSOURCE_DIR=<renault-cpp> -DPROJECT_DIR=<subproject>
#         -DWORK_DIR=<scratch> -DGENERATOR=<generator> -DBUILD_TYPES="Debug|" -P subproject.cmake
# BUILD_TYPES: the first is configured, built, installed and run; the others are configured only.
# FetchContent needs git; without it the test prints "SKIPPED: ..." (its SKIP_REGULAR_EXPRESSION).
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/../support/run.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(source_args "")
if(MODE STREQUAL "add_subdirectory")
    set(source_args "-DRENAULT_SOURCE=${SOURCE_DIR}")
elseif(MODE STREQUAL "fetchcontent")
    find_package(Git QUIET)
    if(NOT GIT_FOUND)
        message(STATUS "SKIPPED: consumer.fetchcontent needs git")
        return()
    endif()
    # A repository holding the tree under test as it is now: the files git tracks or would track
    # (not ignored), with their uncommitted changes, committed once. Cloning HEAD instead would
    # test the last commit, not the tree being tested.
    set(repo "${WORK_DIR}/repo")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -c core.quotePath=false ls-files --cached --others --exclude-standard
        WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE files ERROR_VARIABLE error)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${SOURCE_DIR} is not a git work tree: ${error}")
    endif()
    string(REPLACE ";" "\\;" files "${files}")
    string(REPLACE "\n" ";" files "${files}")
    set(copied 0)
    foreach(file IN LISTS files)
        if(file STREQUAL "" OR NOT EXISTS "${SOURCE_DIR}/${file}" OR IS_DIRECTORY "${SOURCE_DIR}/${file}")
            continue() # deleted in the work tree, or a submodule
        endif()
        get_filename_component(dir "${file}" DIRECTORY)
        file(COPY "${SOURCE_DIR}/${file}" DESTINATION "${repo}/${dir}")
        math(EXPR copied "${copied} + 1")
    endforeach()
    message(STATUS "copied ${copied} files of ${SOURCE_DIR} into ${repo}")
    set(git "${GIT_EXECUTABLE}" -C "${repo}" -c user.name=consumer-test -c user.email=consumer-test@invalid
        -c commit.gpgsign=false)
    run(${git} init -q)
    run(${git} add -A)
    run(${git} commit -q -m "the tree under test")
    run(${git} rev-parse HEAD)
    string(STRIP "${output}" commit)
    set(source_args "-DRENAULT_GIT_URL=file://${repo}" "-DRENAULT_GIT_TAG=${commit}")
else()
    message(FATAL_ERROR "MODE must be add_subdirectory or fetchcontent, not '${MODE}'")
endif()

string(REPLACE "|" ";" BUILD_TYPES "${BUILD_TYPES}")
list(LENGTH BUILD_TYPES count)
math(EXPR last "${count} - 1")
foreach(index RANGE ${last})
    list(GET BUILD_TYPES ${index} build_type)
    set(build "${WORK_DIR}/build${index}")
    run("${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${build}" -G "${GENERATOR}" "-DCONSUMER_MODE=${MODE}" ${source_args}
        "-DCMAKE_BUILD_TYPE=${build_type}" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix${index}")

    file(STRINGS "${build}/CMakeCache.txt" launcher REGEX "^CMAKE_CXX_COMPILER_LAUNCHER:")
    if(launcher)
        message(FATAL_ERROR "the consumer's cache has a compiler launcher it did not set: ${launcher}")
    endif()
    file(STRINGS "${build}/CMakeCache.txt" cached_type REGEX "^CMAKE_BUILD_TYPE:")
    string(REGEX REPLACE "^CMAKE_BUILD_TYPE:[A-Z]*=" "" cached_value "${cached_type}")
    if(NOT cached_type MATCHES "^CMAKE_BUILD_TYPE:" OR NOT "${cached_value}" STREQUAL "${build_type}")
        message(FATAL_ERROR "the consumer chose the build type '${build_type}', its cache says: ${cached_type}")
    endif()
    file(STRINGS "${build}/CMakeCache.txt" ours REGEX "^RENAULT_")
    foreach(entry IN LISTS ours)
        if(NOT entry MATCHES "^RENAULT_(SOURCE|GIT_URL|GIT_TAG)|^RENAULT_(BUILD_[A-Z]+|INSTALL):BOOL=")
            message(FATAL_ERROR "our build wrote into the consumer's cache: ${entry}")
        endif()
    endforeach()
    message(STATUS "build type '${build_type}': the consumer's cache is its own")

    file(READ "${build}/compile_commands.json" commands)
    string(REGEX MATCH "\"command\": \"[^\"]*main\\.cpp[^\"]*\"" command "${commands}")
    if(NOT command MATCHES "-isystem [^ ]*/include " OR command MATCHES " -I[^ ]*/include ")
        message(FATAL_ERROR "our include directories are not SYSTEM ones for the consumer: ${command}")
    endif()

    if(index EQUAL 0)
        run("${CMAKE_COMMAND}" --build "${build}")
        run("${build}/consumer")
        message(STATUS "${output}")
        run("${CMAKE_COMMAND}" --install "${build}")
        file(GLOB_RECURSE installed RELATIVE "${WORK_DIR}/prefix${index}" "${WORK_DIR}/prefix${index}/*")
        if(NOT installed STREQUAL "bin/consumer")
            message(FATAL_ERROR "the consumer's install should hold bin/consumer alone, it holds: ${installed}")
        endif()
        message(STATUS "installed: ${installed}")
    endif()
endforeach()
