"""What the CLI tests and bench/cli_startup.py share: the programs given on the command line,
renault-mock started on a free port, and the identities of the mock's default scenario."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

USER = "test@example.com"
PASSWORD = "test_password"
TOKEN = "sample-cookie-value"  # the mock's login token for USER
ZOE = "VF1AAAAA555777999"


def programs(description=None):
    """--cli and --mock (absolute paths), and the other arguments (for unittest)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--mock", required=True)
    args, rest = parser.parse_known_args()
    return str(Path(args.cli).resolve()), str(Path(args.mock).resolve()), rest


def launch_mock(mock, directory, *args, log=None):
    """Starts renault-mock on a free port with its request log in `directory` (or `log`);
    returns the process, its URL and the log's path."""
    log_path = log or Path(directory) / "mock.log"
    process = subprocess.Popen([mock, "--port", "0", "--log", str(log_path), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        process.kill()
        process.wait(timeout=10)
        raise RuntimeError(f"renault-mock did not start: {line!r}")
    return process, line[len("listening on "):], log_path


def stop(process):
    process.terminate()
    process.communicate(timeout=10)


def run_tests(rest):
    """Runs the unittest cases of __main__; returns the exit status."""
    program = unittest.main(argv=[sys.argv[0], *rest], exit=False)
    return 0 if program.result.wasSuccessful() else 1


class Home:
    """A temporary HOME (and working directory) for one test of the CLI at `cli`; `server_args()`
    gives the options naming the server, added to each run unless server=False. Standard input
    is empty unless `stdin` is given, so a question never waits."""

    def __init__(self, cli, server_args):
        self.cli = cli
        self.server_args = server_args
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)
        self.credentials = self.path / ".credentials" / "renault-api.json"

    def run(self, *args, stdin=None, server=True, env=None):
        full_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.path), "TZ": "UTC"}
        full_env.update(env or {})
        command = [self.cli, *(self.server_args() if server else []), *args]
        return subprocess.run(command, input=stdin if stdin is not None else "", capture_output=True, text=True,
                              timeout=60, cwd=self.path, env=full_env)

    def stored(self):
        return json.loads(self.credentials.read_text())

    def cleanup(self):
        self.dir.cleanup()
