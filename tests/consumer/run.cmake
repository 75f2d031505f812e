# Installs the build into a fresh prefix, builds TARGETS ('|'-separated) of tests/consumer/project
# against it and runs them.
file(REMOVE_RECURSE "${WORK_DIR}")
include("${CMAKE_CURRENT_LIST_DIR}/../support/run.cmake")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component development --prefix "${WORK_DIR}/prefix")
if(EXISTS "${WORK_DIR}/prefix/include/renault/generated/model.hpp")
    message(STATUS "generated headers installed")
else()
    message(FATAL_ERROR "the generated headers are not installed")
endif()
run("${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=) # no optimisation: the cheapest build; what is
    # tested is that the package is found, the programs link and run
# find_package wrote nothing into the consumer's cache: no compiler launcher, the build type as set.
file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" launcher REGEX "^CMAKE_CXX_COMPILER_LAUNCHER")
file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" build_type REGEX "^CMAKE_BUILD_TYPE:")
if(launcher OR NOT build_type STREQUAL "CMAKE_BUILD_TYPE:STRING=")
    message(FATAL_ERROR "the consumer's cache was changed: '${launcher}' '${build_type}'")
endif()

# Components: an unknown one, and beast without OpenSSL, fail with a message naming the cause;
# without COMPONENTS and without OpenSSL, renault::beast is simply not defined.
function(expect_components components extra expected)
    set(dir "${WORK_DIR}/components-${expected}")
    string(MAKE_C_IDENTIFIER "${dir}" dir)
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${COMPONENTS_DIR}" -B "${WORK_DIR}/${dir}" -G "${GENERATOR}"
                            -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix "-DRENAULT_COMPONENTS=${components}" ${extra}
                    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(expected STREQUAL "ok")
        if(NOT result EQUAL 0)
            message(FATAL_ERROR "find_package(renault COMPONENTS ${components}) failed:\n${out}")
        endif()
    elseif(result EQUAL 0 OR NOT out MATCHES "${expected}")
        message(FATAL_ERROR "find_package(renault COMPONENTS ${components}) should fail naming '${expected}':\n${out}")
    endif()
endfunction()
if(COMPONENTS_DIR)
    expect_components("bogus" "" "unknown component \"bogus\"")
    expect_components("beast" "-DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON" "it needs OpenSSL, which was not found")
    expect_components("" "-DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON" "ok")
    message(STATUS "components: unknown and unavailable ones are named")
endif()

string(REPLACE "|" ";" TARGETS "${TARGETS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target ${TARGETS})
foreach(target IN LISTS TARGETS)
    run("${WORK_DIR}/build/${target}")
endforeach()
