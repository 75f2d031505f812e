# run(<command> [args...]): the checked execute_process of the test drivers run with `cmake -P`
# (tests/consumer/*.cmake, tests/packaging/vcpkg_replay.cmake). Fails the test with the command and
# its output when it exits non-zero; on success leaves its output (stdout and stderr) in `output`.
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "failed (${result}): ${ARGN}\n${output}")
    endif()
    set(output "${output}" PARENT_SCOPE)
endfunction()
