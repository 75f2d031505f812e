#!/usr/bin/env bash
# The demo on a fresh Debian 12 machine: installs the dependencies, builds renault-api and
# renault-mock, starts the mock on a free port with its default scenario, and runs
# `renault-api status`, `vehicles` and `charge history` against it with a temporary HOME.
# `scripts/demo.sh --decode` also decodes every fixture (saved MyRenault responses).
# `scripts/demo.sh --bridge` then also starts a mosquitto broker on a free port and renault-bridge
# on it (docs/bridge.md), and shows the topics it published.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset dev >/dev/null
targets=(renault-api renault-mock)
[ "${1:-}" = "--bridge" ] && targets+=(renault-bridge)
cmake --build --preset dev --target "${targets[@]}"
cli="$PWD/build/dev/apps/cli/renault-api"
mock="$PWD/build/dev/apps/mock/renault-mock"

work=$(mktemp -d)
mock_pid=
broker_pid=
bridge_pid=
cleanup() {
    for pid in "$bridge_pid" "$broker_pid" "$mock_pid"; do
        if [ -n "$pid" ]; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
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

if [ "${1:-}" = "--bridge" ]; then
    # A broker of our own on a free port (its own configuration), the bridge on it, and a look at
    # what it published after a few seconds (the test subscriber of tests/bridge).
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" >"$work/mosquitto.conf"
    [ "$(id -u)" -eq 0 ] && echo "user root" >>"$work/mosquitto.conf"
    mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
    "$mosquitto" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
    broker_pid=$!
    sleep 1
    echo
    echo "\$ renault-bridge --mqtt-host 127.0.0.1 --mqtt-port $port"
    "$PWD/build/dev/apps/bridge/renault-bridge" --mqtt-host 127.0.0.1 --mqtt-port "$port" 2>"$work/bridge.log" &
    bridge_pid=$!
    PYTHONPATH="$PWD/tests/bridge" python3 - "$port" <<'PY'
import sys, time
from mqtt_client import Client
client = Client(int(sys.argv[1]), "demo")
client.subscribe("#")
time.sleep(4)
configs = {}
for topic, payload, retained in client.messages:
    if topic.startswith("homeassistant/"):
        node = topic.split("/")[2]
        configs[node] = configs.get(node, 0) + 1
    elif topic.startswith("renault/VF1AAAAA555777999/") or topic == "renault/bridge/availability":
        print(f"{topic} = {payload[:100]}")
for node, count in sorted(configs.items()):
    print(f"homeassistant/…/{node}/…/config: {count} entities")
client.close()
PY
    echo
    echo "renault-bridge log:"
    cat "$work/bridge.log"
fi
