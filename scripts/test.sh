#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs the dependencies, configures,
# builds everything (library, generator output, CLI, tests, benchmarks) and runs CTest. The build
# is the `test` preset (build/test): the `dev` build at -O1, which compiles faster; benchmark
# figures come from the dev and release builds.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset test
cmake --build --preset test
ctest --preset test -j2
