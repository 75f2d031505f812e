#!/usr/bin/env bash
# The demo on a fresh Debian 12 machine: installs the dependencies, builds renault-api and
# renault-mock, starts the mock on a free port with its default scenario, and runs
# `renault-api status`, `vehicles` and `charge history` against it with a temporary HOME.
# `scripts/demo.sh --decode` also decodes every fixture (saved MyRenault responses).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target renault-api renault-mock
cli="$PWD/build/dev/apps/cli/renault-api"
mock="$PWD/build/dev/apps/mock/renault-mock"

work=$(mktemp -d)
mock_pid=
cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The mock prints "listening on http://127.0.0.1:PORT" first; its request log goes to a file.
mkfifo "$work/ready"
"$mock" --port 0 --log "$work/mock.log" >"$work/ready" &
mock_pid=$!
exec 3<"$work/ready"
read -r -t 30 first_line <&3
url=${first_line#listening on }
echo "renault-mock: $url"

# A temporary HOME keeps the demo's credential file away from yours.
export HOME="$work/home"
mkdir -p "$HOME"
export RENAULT_GIGYA_URL="$url" RENAULT_KAMEREON_URL="$url"

run() {
    echo
    echo "\$ renault-api $*"
    "$cli" "$@"
}
run --locale fr_FR login --user test@example.com --password test_password
run set --account account-id-1 --vin VF1AAAAA555777999
run status
run vehicles
run charge history --from 2020-11-01 --to 2020-11-30

if [ "${1:-}" = "--decode" ]; then
    find fixtures -name '*.json' | sort | while read -r file; do
        echo "=== $file"
        "$cli" decode auto "$file" || true
        echo
    done
fi
