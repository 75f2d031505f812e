# Installs the build into a fresh prefix, builds TARGETS ('|'-separated) of tests/consumer/project
# against it and runs them.
file(REMOVE_RECURSE "${WORK_DIR}")
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "failed (${result}): ${ARGN}")
    endif()
endfunction()
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component development --prefix "${WORK_DIR}/prefix")
if(EXISTS "${WORK_DIR}/prefix/include/renault/generated/model.hpp")
    message(STATUS "generated headers installed")
else()
    message(FATAL_ERROR "the generated headers are not installed")
endif()
run("${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=) # no optimisation: the cheapest build; what is
    # tested is that the package is found, the programs link and run
string(REPLACE "|" ";" TARGETS "${TARGETS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target ${TARGETS})
foreach(target IN LISTS TARGETS)
    run("${WORK_DIR}/build/${target}")
endforeach()
