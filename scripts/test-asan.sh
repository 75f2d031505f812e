#!/usr/bin/env bash
# The library's test executables under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# `asan`: clang, Debug, RENAULT_SANITIZE=ON, which instruments the tests and the library's own
# translation units; clang compiles it in about half the time g++ takes, and so CI also builds the
# library and its tests with a second compiler). CI (.ci/run) runs it after scripts/test.sh. Only the executables whose tests carry the
# CTest label `library` are built and run: not the apps, examples, benchmarks, end-to-end,
# consumer or packaging tests. Any sanitizer report fails the test that produced it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The executables behind `ctest -L library` (tests/CMakeLists.txt and its subdirectories). A new
# library test executable goes here as well as getting the label.
targets=(
    renault_model_tests
    renault_util_tests
    renault_http_tests
    renault_session_tests
    renault_protocol_tests
    renault_client_tests
    renault_client_header_only_tests
    renault_overrides_tests
    renault_transport_tests
    renault_poll_tests
    fuzz_decode
    fuzz_response
    fuzz_overrides
)

cmake --preset asan
cmake --build --preset asan --target "${targets[@]}"

# Every report is fatal: the first error stops the process with a non-zero status (UBSan checks are
# also compiled with -fno-sanitize-recover=undefined), with a stack trace.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --preset asan -L library -j2 --no-tests=error
