#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs the dependencies, configures,
# builds everything (library, generator output, CLI, tests, benchmarks) and runs CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev
ctest --preset dev -j2
