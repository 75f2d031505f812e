# consumer.pkg_config: installs the development component into a fresh prefix, moves the prefix
# (the .pc files must find it from their own place), then builds tests/consumer/pkg_config with
# make and nothing but `pkg-config --cflags --libs`, and runs the programs.
#   cmake -DBUILD_DIR=<build> -DPROJECT_DIR=<consumer> -DWORK_DIR=<scratch> -DCXX=<compiler> -P pkg_config.cmake
# Without pkg-config or make it prints "SKIPPED: ..." (the test's SKIP_REGULAR_EXPRESSION).
cmake_minimum_required(VERSION 3.25)

find_program(PKG_CONFIG NAMES pkg-config pkgconf)
find_program(MAKE NAMES make gmake)
if(NOT PKG_CONFIG OR NOT MAKE)
    message(STATUS "SKIPPED: consumer.pkg_config needs pkg-config and make (scripts/install-deps.sh)")
    return()
endif()

include("${CMAKE_CURRENT_LIST_DIR}/../support/run.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component development --prefix "${WORK_DIR}/staging")
file(RENAME "${WORK_DIR}/staging" "${WORK_DIR}/prefix")
file(GLOB_RECURSE pc_files "${WORK_DIR}/prefix/*.pc")
if(NOT pc_files)
    message(FATAL_ERROR "no .pc file installed under ${WORK_DIR}/prefix")
endif()
set(pc_dirs "")
foreach(file IN LISTS pc_files)
    get_filename_component(dir "${file}" DIRECTORY)
    list(APPEND pc_dirs "${dir}")
    file(READ "${file}" text)
    string(FIND "${text}" "${WORK_DIR}/staging" at_staging)
    string(FIND "${text}" "${BUILD_DIR}" at_build)
    if(NOT at_staging EQUAL -1 OR NOT at_build EQUAL -1)
        message(FATAL_ERROR "${file} names the install or build directory:\n${text}")
    endif()
endforeach()
list(REMOVE_DUPLICATES pc_dirs)
if(NOT pc_dirs MATCHES "/pkgconfig$")
    message(FATAL_ERROR "the .pc files are not in a pkgconfig folder: ${pc_dirs}")
endif()
# The prefix first; the system's folders stay searched (openssl.pc, libcurl.pc).
set(ENV{PKG_CONFIG_PATH} "${pc_dirs}")

run("${PKG_CONFIG}" --modversion renault)
run("${PKG_CONFIG}" --cflags renault)
if(NOT output MATCHES "-I${WORK_DIR}/prefix/[^ ]*include")
    message(FATAL_ERROR "pkg-config --cflags renault does not point into the prefix: ${output}")
endif()
run("${PKG_CONFIG}" --libs renault-compiled)
foreach(flag IN ITEMS "-lrenault" "-lboost_json" "-pthread")
    string(FIND "${output}" "${flag}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "pkg-config --libs renault-compiled lacks ${flag}: ${output}")
    endif()
endforeach()
run("${PKG_CONFIG}" --cflags renault-compiled)
if(NOT output MATCHES "-DRENAULT_SEPARATE_COMPILATION")
    message(FATAL_ERROR "pkg-config --cflags renault-compiled lacks -DRENAULT_SEPARATE_COMPILATION: ${output}")
endif()
# The backends' files resolve (their Requires are found) when installed.
foreach(name IN ITEMS renault-beast renault-curl)
    if(EXISTS "${pc_dirs}/${name}.pc")
        run("${PKG_CONFIG}" --print-errors --cflags --libs ${name})
    endif()
endforeach()

file(MAKE_DIRECTORY "${WORK_DIR}/build")
run("${MAKE}" -C "${WORK_DIR}/build" -f "${PROJECT_DIR}/Makefile" "SRC=${PROJECT_DIR}" "CXX=${CXX}"
    "PKG_CONFIG=${PKG_CONFIG}")
run("${WORK_DIR}/build/consumer_headers")
run("${WORK_DIR}/build/consumer_compiled")
