#!/usr/bin/env python3
"""renault-bridge's figures against renault-mock's default scenario (6 cars), with a broker of its
own on a free port: the time from start to the first published state, the idle CPU and memory
(RSS) after the first reads, and the requests per hour at the default budget (an hour run with
--time-scale 360 in 10 s, counted in the mock's log).

    bench/bridge_figures.py --bridge build/dev/apps/bridge/renault-bridge \\
        --cli build/dev/apps/cli/renault-api --mock build/dev/apps/mock/renault-mock [--idle 60]
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "bridge"))
sys.path.insert(0, str(HERE.parent / "tests" / "cli"))
import cli_support  # noqa: E402
from mqtt_client import Client  # noqa: E402
from test_bridge import Broker, find_mosquitto  # noqa: E402


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run(args, directory, bridge_args):
    """Broker, mock, login and bridge; returns (bridge process, subscriber, mock log, cleanup)."""
    path = Path(directory)
    broker = Broker(path)
    broker.start()
    mock, url, mock_log = cli_support.launch_mock(args.mock, path)
    home = path / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "RENAULT_GIGYA_URL": url, "RENAULT_KAMEREON_URL": url}
    subprocess.run([args.cli, "--locale", "fr_FR", "login", "--user", cli_support.USER, "--password",
                    cli_support.PASSWORD], env=env, check=True, capture_output=True, timeout=60)
    subscriber = Client(broker.port, "figures")
    subscriber.subscribe("renault/#")
    started = time.monotonic()
    bridge = subprocess.Popen([args.bridge, "--mqtt-host", "127.0.0.1", "--mqtt-port", str(broker.port), *bridge_args],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def cleanup():
        bridge.terminate()
        bridge.wait(timeout=20)
        subscriber.close()
        cli_support.stop(mock)
        broker.kill()

    return bridge, subscriber, mock_log, started, cleanup


def main():
    parser = argparse.ArgumentParser()
    for name in ("--bridge", "--cli", "--mock"):
        parser.add_argument(name, required=True)
    parser.add_argument("--idle", type=float, default=60, help="seconds of idle measurement")
    args = parser.parse_args()
    if not find_mosquitto():
        print("the mosquitto broker is not installed")
        return 1

    with tempfile.TemporaryDirectory() as directory:
        bridge, subscriber, _, started, cleanup = run(args, directory, [])
        try:
            first = subscriber.wait_for(lambda t, p, r: t.endswith("/battery-status/batteryLevel"), 30)
            first_state = time.monotonic() - started
            # Every car's first reads, then idle (the next read is minutes away).
            time.sleep(5)
            cpu0, t0 = cpu_seconds(bridge.pid), time.monotonic()
            time.sleep(args.idle)
            cpu = (cpu_seconds(bridge.pid) - cpu0) / (time.monotonic() - t0)
            rss = rss_kib(bridge.pid)
        finally:
            cleanup()
    print(f"first published state: {first_state * 1000:.0f} ms after start ({first[0] if first else 'none'})")
    print(f"idle CPU over {args.idle:.0f} s: {cpu * 100:.3f} % of a core; RSS {rss / 1024:.1f} MiB")

    with tempfile.TemporaryDirectory() as directory:
        bridge, _, mock_log, started, cleanup = run(args, directory, ["--time-scale", "360"])
        try:
            time.sleep(3 * 10 + 1)  # three simulated hours
        finally:
            cleanup()
        requests = [json.loads(line) for line in mock_log.read_text().splitlines() if line.strip()]
        times = [datetime.datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp() for r in requests
                 if r["path"].startswith(("/commerce/v1/persons/", "/commerce/v1/accounts/account-id-1/"))]
        most = max(sum(1 for u in times if t <= u < t + 10) for t in times)
        last_hour = sum(1 for u in times if u >= times[-1] - 10)
    print(f"requests of account-id-1 at the default budget (60), 3 simulated hours: {len(times)} in all, "
          f"at most {most} in any hour, {last_hour} in the last hour")
    return 0


if __name__ == "__main__":
    sys.exit(main())
