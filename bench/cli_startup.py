#!/usr/bin/env python3
"""Cold start of renault-api: wall time and each child's own peak RSS for `renault-api --help`
and `renault-api status` (against renault-mock over plain HTTP, default scenario, logged in,
account and VIN stored, HOME in a temporary directory), with `renault-mock --version` as a
reference point, and the binaries' sizes.

Each run is a fresh process; the commands are interleaved run by run so that the machine's load
drifts over all of them alike. One untimed run of each comes first (the file cache is warm: this
measures process start, not disk reads).

Peak RSS is the child's own `ru_maxrss` from wait4. Linux carries the parent's peak over into a
child's `ru_maxrss` through fork/vfork + exec, so a child of this Python process never reports
less than Python's own peak (about 14 MiB). The runs are therefore started by a tiny launcher
(C, built here with `cc` into the temporary directory): fork, exec, wait4, with a parent of about
1 MiB; `/bin/true` is measured alongside as the floor. Without `cc` the script falls back to
os.wait4 on its own children and says that the RSS figures are floored at its own peak.

    python3 bench/cli_startup.py --cli build/dev/apps/cli/renault-api \\
        --mock build/dev/apps/mock/renault-mock [--runs 30] [--json]
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "cli"))
import cli_support as support  # noqa: E402  (renault-mock on a free port, as the CLI tests start it)

USER = "test@example.com"
PASSWORD = "test_password"
ACCOUNT = "account-id-1"
ZOE = "VF1AAAAA555777999"
TARGET_HELP_MS = 15.0
TARGET_HELP_MIB = 10.0


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (fraction in 0..1)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil(n * fraction), at least 1
    return ordered[int(rank) - 1]


LAUNCHER_C = r"""
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
/* launcher PROGRAM ARGS...: runs PROGRAM with its output discarded; prints
   "<exit status> <wall ns> <ru_maxrss KiB>" of that one child. */
int main(int argc, char** argv)
{
    if (argc < 2)
        return 2;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execv(argv[1], argv + 1);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (pid < 0 || wait4(pid, &status, 0, &usage) != pid)
        return 3;
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long ns = (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
    printf("%d %lld %ld\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), ns, usage.ru_maxrss);
    return 0;
}
"""


def build_launcher(directory):
    """Compiles the launcher into `directory`; None when there is no C compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        return None
    source = Path(directory) / "launcher.c"
    source.write_text(LAUNCHER_C)
    binary = Path(directory) / "launcher"
    subprocess.run([compiler, "-O2", "-o", str(binary), str(source)], check=True, capture_output=True, timeout=120)
    return str(binary)


def run_once(command, env, cwd, launcher):
    """Runs `command` to its end; returns (wall ms, peak RSS MiB). Output is discarded."""
    if launcher:
        out = subprocess.run([launcher, *command], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, check=True).stdout.split()
        code, wall_ns, rss_kib = (int(x) for x in out)
        if code != 0:
            raise RuntimeError(f"{' '.join(command)} exited with {code}")
        return wall_ns / 1e6, rss_kib / 1024.0
    start = time.perf_counter_ns()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall_ms = (time.perf_counter_ns() - start) / 1e6
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return wall_ms, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"system": f"{platform.system()} {platform.release()}", "cpu": model, "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def sizes(path):
    """File size and, when binutils' `size` is there, the loadable text + data + bss (MiB)."""
    result = {"file_mib": os.stat(path).st_size / 2**20}
    if shutil.which("size"):
        out = subprocess.run(["size", path], capture_output=True, text=True).stdout.splitlines()
        if len(out) == 2:
            text, data, bss = (int(x) for x in out[1].split()[:3])
            result.update(text_mib=text / 2**20, data_bss_mib=(data + bss) / 2**20)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the renault-api binary")
    parser.add_argument("--mock", required=True, help="the renault-mock binary")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each command (default 30, at least 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.runs < 20:
        parser.error("--runs: at least 20")
    cli, mock = str(Path(args.cli).resolve()), str(Path(args.mock).resolve())

    true = shutil.which("true") or "/bin/true"
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as tools:
        launcher = build_launcher(tools)
        if not launcher:
            print("warning: no C compiler: RSS figures include this Python process's own peak", file=sys.stderr)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "TZ": "UTC"}
        process, url, _ = support.launch_mock(mock, home)
        try:
            server = ["--gigya-url", url, "--kamereon-url", url]
            for setup in (["--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD],
                          ["set", "--account", ACCOUNT, "--vin", ZOE]):
                subprocess.run([cli, *server, *setup], env=env, cwd=home, check=True, capture_output=True,
                               timeout=60)
            # Server URLs given on the command line are not stored: `status` takes them again.
            commands = {
                "renault-api --help": [cli, "--help"],
                "renault-api status": [cli, *server, "status"],
                "renault-mock --version": [mock, "--version"],
                "true (launcher floor)": [true],
            }
            for command in commands.values():
                run_once(command, env, home, launcher)  # warm-up, untimed
            samples = {name: [] for name in commands}
            machine_before = machine()
            for _ in range(args.runs):
                for name, command in commands.items():
                    samples[name].append(run_once(command, env, home, launcher))
            load_after = [round(x, 2) for x in os.getloadavg()]
        finally:
            process.terminate()
            process.communicate(timeout=10)

    figures = {}
    for name, pairs in samples.items():
        wall = [w for w, _ in pairs]
        rss = [r for _, r in pairs]
        figures[name] = {"runs": len(pairs), "median_ms": statistics.median(wall), "p90_ms": percentile(wall, 0.9),
                         "min_ms": min(wall), "median_rss_mib": statistics.median(rss),
                         "p90_rss_mib": percentile(rss, 0.9), "max_rss_mib": max(rss)}
    help_figures = figures["renault-api --help"]
    report = {
        "machine": {**machine_before, "load_average_after": load_after},
        "launcher": "fork/exec/wait4 from a C launcher" if launcher else "os.wait4 (RSS floored at Python's peak)",
        "commands": figures,
        "binaries": {"renault-api": {"path": cli, **sizes(cli)}, "renault-mock": {"path": mock, **sizes(mock)}},
        "target": {"help_median_ms": TARGET_HELP_MS, "help_peak_rss_mib": TARGET_HELP_MIB,
                   # without the launcher the RSS figures say nothing about the target
                   "met": (help_figures["median_ms"] < TARGET_HELP_MS and help_figures["max_rss_mib"] < TARGET_HELP_MIB)
                          if launcher else None},
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    m = report["machine"]
    print(f"{m['system']}, {m['cpus']} × {m['cpu']}, load {m['load_average']} → {m['load_average_after']}")
    print(f"{'command':<24} {'runs':>4} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} "
          f"{'RSS median MiB':>15} {'RSS p90 MiB':>12} {'RSS max MiB':>12}")
    for name, f in figures.items():
        print(f"{name:<24} {f['runs']:>4} {f['median_ms']:>10.1f} {f['p90_ms']:>8.1f} {f['min_ms']:>8.1f} "
              f"{f['median_rss_mib']:>15.1f} {f['p90_rss_mib']:>12.1f} {f['max_rss_mib']:>12.1f}")
    for name, b in report["binaries"].items():
        extra = f", text {b['text_mib']:.1f} MiB, data+bss {b['data_bss_mib']:.2f} MiB" if "text_mib" in b else ""
        print(f"{name}: {b['file_mib']:.1f} MiB file{extra} ({b['path']})")
    met = report["target"]["met"]
    verdict = "unknown (no launcher)" if met is None else "met" if met else "NOT met"
    print(f"target (--help median < {TARGET_HELP_MS:g} ms and peak RSS < {TARGET_HELP_MIB:g} MiB): {verdict}")


if __name__ == "__main__":
    main()
