#!/usr/bin/env bash
# The demo on a fresh Debian 12 machine: installs the dependencies, builds renault-api, and decodes
# every fixture (saved MyRenault responses) into typed values.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target renault-api
cli=build/dev/apps/cli/renault-api

find fixtures -name '*.json' | sort | while read -r file; do
    echo "=== $file"
    "$cli" decode auto "$file" || true
    echo
done
