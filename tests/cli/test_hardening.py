#!/usr/bin/env python3
"""renault-api against bad input and a hostile renault-mock: bounded input files and standard
input, directories given as files, values refused before anything is sent, server text escaped
and cut on the terminal (exact with --json), status without any section, unanswered questions."""

import json
import os
import shutil
import resource
import stat
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

import cli_support as support
from cli_support import PASSWORD, USER, ZOE

CLI = None
MOCK = None
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

LIMIT = 8 * 1024 * 1024  # apps/cli/input.hpp: max_input_size
LIMIT_MESSAGE = "holds more than 8 MiB (8388608 bytes), the limit for an input"
MEMORY_CAP = 2 * 1024 * 1024 * 1024  # address space of the CLI in these tests: a leak fails fast


def cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(*args, stdin=None, cwd=None, env=None, timeout=30):
    """Runs the CLI with a memory cap; `stdin` is a file object or None (empty)."""
    full_env = {"PATH": os.environ.get("PATH", ""), "HOME": cwd or "/nonexistent", "TZ": "UTC"}
    full_env.update(env or {})
    return subprocess.run([CLI, *args], stdin=stdin if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, timeout=timeout, cwd=cwd, env=full_env, preexec_fn=cap_memory)


class Mocked(unittest.TestCase):
    """A temporary HOME and a renault-mock of its own (default scenario unless `scenario`)."""

    def start(self, scenario=None, login=True):
        self.home = support.Home(CLI, lambda: self.server)
        self.addCleanup(self.home.cleanup)
        args = []
        if scenario is not None:
            path = self.home.path / "scenario.json"
            path.write_text(json.dumps(scenario))
            args = ["--scenario", str(path)]
        process, url, self.log = support.launch_mock(MOCK, self.home.path, *args)
        self.addCleanup(support.stop, process)
        self.server = ["--gigya-url", url, "--kamereon-url", url]
        if login:
            result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
            self.assertEqual(result.returncode, 0, result.stderr)
            result = self.home.run("set", "--account", "account-id-1", "--vin", ZOE)
            self.assertEqual(result.returncode, 0, result.stderr)

    def requests(self):
        return [json.loads(line) for line in self.log.read_text().splitlines()] if self.log.exists() else []

    def refused(self, *args, message=None, contains=()):
        """Runs a command that must be a usage error and send nothing; returns its stderr."""
        before = len(self.requests())
        result = self.home.run(*args)
        self.assertEqual(result.returncode, 2, (args, result.stderr))
        self.assertEqual(result.stdout, "")
        lines = result.stderr.splitlines()
        self.assertTrue(lines and lines[-1].startswith("Error: "), result.stderr)
        if message is not None:
            self.assertEqual(lines[-1], "Error: " + message)
        for piece in contains:
            self.assertIn(piece, lines[-1])
        self.assertEqual(self.requests()[before:], [], f"{args} sent requests")
        return result.stderr


# --- item 6: bounded input ----------------------------------------------------------------------

class InputLimits(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.path = Path(self.dir.name)

    def body_of_size(self, size):
        """A battery-status body of exactly `size` bytes."""
        head, tail = '{"data": {"attributes": {"batteryLevel": 50, "note": "', '"}}}'
        return head + "x" * (size - len(head) - len(tail)) + tail

    def test_decode_of_dev_zero_stops_at_the_limit(self):
        result = run_cli("decode", "battery-status", "/dev/zero")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stderr.decode(), f"Error: /dev/zero {LIMIT_MESSAGE}\n")
        self.assertEqual(result.stdout, b"")

    def test_decode_of_endless_standard_input_stops_at_the_limit(self):
        with open("/dev/zero", "rb") as zero:
            result = run_cli("decode", "battery-status", "-", stdin=zero)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stderr.decode(), f"Error: standard input {LIMIT_MESSAGE}\n")

    def test_post_file_of_dev_zero_stops_at_the_limit_before_any_request(self):
        result = run_cli("--locale", "fr_FR", "--gigya-url", "http://127.0.0.1:1", "--kamereon-url",
                         "http://127.0.0.1:1", "http", "post-file", "/commerce/v1/x", "/dev/zero", cwd=self.dir.name)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stderr.decode(), f"Error: /dev/zero {LIMIT_MESSAGE}\n")

    def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(self):
        exact = self.path / "exact.json"
        exact.write_text(self.body_of_size(LIMIT))
        result = run_cli("decode", "battery-status", str(exact), "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["value"]["batteryLevel"], 50)
        over = self.path / "over.json"
        over.write_text(self.body_of_size(LIMIT + 1))
        result = run_cli("decode", "battery-status", str(over))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.decode(), f"Error: {over} {LIMIT_MESSAGE}\n")

    def test_a_fifo_is_read_within_the_limit(self):
        fifo = self.path / "body.fifo"
        os.mkfifo(fifo)

        def write(data):
            with open(fifo, "wb") as out:
                try:
                    out.write(data)
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=write, args=(b'{"data": {"attributes": {"batteryLevel": 42}}}',))
        writer.start()
        result = run_cli("decode", "battery-status", str(fifo), "--json")
        writer.join(timeout=10)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["value"]["batteryLevel"], 42)

        writer = threading.Thread(target=write, args=(b" " * (LIMIT + 65536),))
        writer.start()
        result = run_cli("decode", "battery-status", str(fifo))
        writer.join(timeout=10)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.decode(), f"Error: {fifo} {LIMIT_MESSAGE}\n")


# --- item 11: files, URLs, read-only credentials, two-factor at the end of input ---------------

class Files(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.path = Path(self.dir.name)
        (self.path / "folder").mkdir()
        self.folder = str(self.path / "folder")

    def run_here(self, *args, env=None):
        result = run_cli(*args, cwd=self.dir.name, env=env)
        return result.returncode, result.stderr.decode()

    def local(self, *args):
        return ("--locale", "fr_FR", "--gigya-url", "http://127.0.0.1:1", "--kamereon-url", "http://127.0.0.1:1",
                *args)

    def test_a_directory_given_as_a_file_names_the_file(self):
        self.assertEqual(self.run_here("decode", "battery-status", self.folder),
                         (2, f"Error: cannot read {self.folder}: it is a directory\n"))
        self.assertEqual(self.run_here(*self.local("http", "post-file", "/x", self.folder)),
                         (2, f"Error: cannot read {self.folder}: it is a directory\n"))
        self.assertEqual(self.run_here(*self.local("--ca-file", self.folder, "accounts")),
                         (2, f"Error: cannot read the CA file {self.folder} (--ca-file or RENAULT_CA_FILE): "
                             "it is a directory\n"))
        self.assertEqual(self.run_here(*self.local("--endpoints", self.folder, "accounts")),
                         (2, f"Error: cannot read the endpoint file {self.folder} (--endpoints or "
                             "RENAULT_ENDPOINTS_FILE): it is a directory\n"))

    def test_a_missing_file_names_the_file_and_the_reason(self):
        missing = str(self.path / "missing.json")
        self.assertEqual(self.run_here("decode", "battery-status", missing),
                         (2, f"Error: cannot read {missing}: No such file or directory\n"))

    def test_a_bad_url_is_a_usage_error_naming_the_option(self):
        for option, url, why in [
                ("--gigya-url", "http://127.0.0.1:99999", "the port must be a number from 1 to 65535"),
                ("--kamereon-url", "http://127.0.0.1:0", "the port must be a number from 1 to 65535"),
                ("--gigya-url", "http://127.0.0.1:8x", "the port must be a number from 1 to 65535"),
                ("--kamereon-url", "http://[::1", "the IPv6 address has no closing ]"),
                ("--gigya-url", "http://", "no host"),
                ("--gigya-url", "ftp://example.com", "not an http:// or https:// URL")]:
            with self.subTest(url=url):
                other = "--kamereon-url" if option == "--gigya-url" else "--gigya-url"
                args = ["--locale", "fr_FR", other, "http://127.0.0.1:1", option, url, "accounts"]
                self.assertEqual(self.run_here(*args), (2, f"Error: invalid {option} `{url}`: {why}\n"))
        code, err = self.run_here("--locale", "fr_FR", "accounts",
                                  env={"RENAULT_GIGYA_URL": "https://[::1:443", "RENAULT_KAMEREON_URL": "https://x"})
        self.assertEqual((code, err), (2, "Error: invalid RENAULT_GIGYA_URL `https://[::1:443`: "
                                          "the IPv6 address has no closing ]\n"))


NOBODY = 65534


def as_nobody():
    os.setgid(NOBODY)
    os.setuid(NOBODY)


class ReadOnlyCredentials(Mocked):
    """A credential directory the user may not write: `login` names the file and the reason."""

    def run_as_user(self, *args):
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.home.path), "TZ": "UTC"}
        root = os.geteuid() == 0  # root writes anywhere: run as nobody
        cli = CLI
        if root:
            # nobody may not reach the build tree (a checkout under a 0700 folder): a copy in the
            # test's own home, which nobody owns, runs anywhere.
            cli = str(self.home.path / "renault-api")
            if not os.path.exists(cli):
                shutil.copy(CLI, cli)
                os.chmod(cli, 0o755)
        return subprocess.run([cli, *self.server, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=60, cwd=self.home.path, env=env, preexec_fn=as_nobody if root else None)

    def test_login_names_the_path_and_the_reason(self):
        self.start(login=False)
        if os.geteuid() == 0:
            os.chown(self.home.path, NOBODY, NOBODY)
        result = self.run_as_user("set", "--locale", "fr_FR")
        self.assertEqual(result.returncode, 0, result.stderr)
        directory = self.home.credentials.parent
        directory.chmod(0o500)
        self.addCleanup(directory.chmod, 0o700)
        result = self.run_as_user("login", "--user", USER, "--password", PASSWORD)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr, f"Error: cannot write the credential file {self.home.credentials}: "
                                        "Permission denied\n")
        # `set` says the same.
        result = self.run_as_user("set", "--account", "account-id-1")
        self.assertEqual((result.returncode, result.stderr),
                         (1, f"Error: cannot write the credential file {self.home.credentials}: Permission denied\n"))


class TwoFactorEndOfInput(Mocked):
    def test_an_unanswered_code_at_the_end_of_input_is_a_usage_error(self):
        scenario = Path(__file__).resolve().parents[2] / "apps" / "mock" / "scenarios" / "two_factor.json"
        self.home = support.Home(CLI, lambda: self.server)
        self.addCleanup(self.home.cleanup)
        process, url, self.log = support.launch_mock(MOCK, self.home.path, "--scenario", str(scenario))
        self.addCleanup(support.stop, process)
        self.server = ["--gigya-url", url, "--kamereon-url", url]
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD, stdin="")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stderr.splitlines()[-1],
                         "Error: no verification code given (standard input ended)")
        if self.home.credentials.exists():
            self.assertNotIn("gigya_login_token", self.home.stored())
        # An empty answer (a line) still gives up as a runtime error: the user chose not to answer.
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD, stdin="\n")
        self.assertEqual(result.returncode, 1, result.stderr)


# --- item 10: values refused before anything is sent ------------------------------------------

class Values(Mocked):
    def setUp(self):
        self.start()

    def test_hvac_temperature_outside_16_to_30_or_not_a_number(self):
        for value in ["", " ", "nan", "NaN", "inf", "-inf", "1000", "-273.16", "15.9", "30.5", "21abc", "0x15",
                      "1e400"]:
            with self.subTest(value=value):
                self.refused("hvac", "start", "--temperature", value,
                             message=f"invalid value for --temperature: `{value}`: the target temperature is a "
                                     "number of °C from 16 to 30 (e.g. 21 or 21.5)")
        for value in ["16", "30", "21.5"]:
            result = self.home.run("--json", "hvac", "start", "--temperature", value)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["targetTemperature"], float(value))
        self.assertEqual(len([r for r in self.requests() if r["endpoint"] == "actions/hvac-start"]), 3)
        self.home.run("hvac", "cancel")

    def test_an_empty_at_is_refused(self):
        self.refused("charge", "start", "--at", "", contains=["invalid value for --at: ``", "YYYY-MM-DDTHH:MM"])
        self.refused("hvac", "start", "--temperature", "21", "--at", "",
                     contains=["invalid value for --at: ``", "YYYY-MM-DDTHH:MM"])

    def test_an_unknown_charge_mode_is_refused(self):
        for value in ["bogus", "", "ALWAYS"]:
            with self.subTest(value=value):
                self.refused("charge", "mode", "--set", value,
                             message=f"invalid value for --set: `{value}` (accepted: always, always_charging, "
                                     "schedule_mode, scheduled)")

    def test_a_vin_that_is_not_17_letters_and_digits_is_refused_and_not_stored(self):
        stored = self.home.stored()["vin"]
        expected = "is not a VIN (17 capital letters and digits, without I, O or Q)"
        for value in ["VF1AAAAA\x1b[2J12345", "VF1AAAAA55577799", "VF1AAAAA5557779990", "VF1AAAAA55577799\r",
                      "vf1aaaaa555777999", "VF1AAAAA55577799O", "VF1AAAAA5557779 9", ""]:
            with self.subTest(value=value):
                err = self.refused("set", "--vin", value)
                self.assertNotIn("\x1b", err)
                self.assertIn(expected, err)
                self.assertEqual(self.home.stored()["vin"], stored)
                if value:
                    self.refused("--vin", value, "status", contains=[expected])
        result = self.home.run("set", "--vin", "VF1AAAAA555777123")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.home.stored()["vin"], "VF1AAAAA555777123")

    def test_a_schedule_id_must_be_a_whole_number(self):
        for command in [("charge", "schedule", "activate"), ("hvac", "schedule", "deactivate"),
                        ("charge", "schedule", "set")]:
            for value in ["", "abc", "1.5", " 1", "1x"]:
                with self.subTest(command=command, value=value):
                    self.refused(*command, value, message=f"invalid value for ID: `{value}`: a schedule ID is a "
                                                          "whole number (`schedule show` lists them)")
            self.refused(*command, "-1")

    def test_from_after_to_is_refused(self):
        for command in [("charge", "history"), ("charge", "sessions"), ("hvac", "history"), ("hvac", "sessions")]:
            with self.subTest(command=command):
                self.refused(*command, "--from", "2020-11-30", "--to", "2020-11-01",
                             message="--from (2020-11-30) is after --to (2020-11-01)")
        result = self.home.run("charge", "history", "--from", "2020-11-30", "--to", "2020-11-30")
        self.assertEqual(result.returncode, 0, result.stderr)


# --- item 9: server text on the terminal --------------------------------------------------------

HOSTILE = "\x1b[2J\x1b]0;owned\x07\x00\rX\x9b31m\u202e"
HOSTILE_SHOWN = "\\x1b[2J\\x1b]0;owned\\x07\\x00\\x0dX\\u009b31m\\u202e"
LONG = "\x1b[5m" + "A" * 100_000


def forbidden_in_terminal(text):
    """The characters that must never reach a terminal from the server."""
    bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2028"]
    return bad


class ServerText(Mocked):
    def setUp(self):
        vehicles = json.loads((FIXTURES / "kamereon/vehicles/zoe_40.1.json").read_text())
        details = vehicles["vehicleLinks"][0]["vehicleDetails"]
        details["registrationNumber"] = "REG" + HOSTILE
        details["model"]["label"] = "ZOE" + LONG
        hvac = {"data": {"type": "Car", "id": ZOE, "attributes": {"externalTemperature": 8.0,
                                                                   "hvacStatus": "off" + HOSTILE}}}
        error = {"type": "FUNCTIONAL", "errors": [{"errorCode": "err.func.privacy.on", "errorMessage": LONG + HOSTILE,
                                                   "errorType": "functional", "errorLevel": "error"}]}
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        for name, body in [("vehicles.json", vehicles), ("hvac.json", hvac), ("error.json", error)]:
            (Path(directory.name) / name).write_text(json.dumps(body))
        scenario = json.loads(subprocess.run([MOCK, "--print-default-scenario"], capture_output=True, text=True,
                                             timeout=30, check=True).stdout)
        zoe = scenario["users"][0]["accounts"][0]["vehicles"][0]
        self.assertEqual(zoe["vin"], ZOE)
        zoe["vehicle_fixture"] = str(Path(directory.name) / "vehicles.json")
        zoe["fixtures"] = {"hvac-status": str(Path(directory.name) / "hvac.json")}
        zoe["errors"] = {"cockpit": {"fixture": str(Path(directory.name) / "error.json"), "status": 403},
                         "contracts": {"fixture": str(Path(directory.name) / "error.json"), "status": 403}}
        self.start(scenario)

    def test_vehicles_table_escapes_and_cuts_and_json_is_exact(self):
        result = self.home.run("vehicles")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(forbidden_in_terminal(result.stdout), [])
        self.assertIn("REG" + HOSTILE_SHOWN, result.stdout)
        model = "ZOE\\x1b[5m" + "A" * (200 - len("ZOE\\x1b[5m") - 1) + "…"
        self.assertIn(f"  {model}  ", result.stdout)
        self.assertNotIn("A" * 200, result.stdout)
        doc = json.loads(self.home.run("--json", "vehicles").stdout)
        self.assertEqual(doc[0]["registration"], "REG" + HOSTILE)
        self.assertEqual(doc[0]["model"], "ZOE" + LONG)

    def test_status_rows_and_section_errors_are_escaped_and_cut(self):
        result = self.home.run("status")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(forbidden_in_terminal(result.stdout + result.stderr), [])
        self.assertIn("HVAC status           off" + HOSTILE_SHOWN, result.stdout)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr[:500])
        self.assertTrue(lines[0].startswith("cockpit: "), lines[0][:200])
        self.assertIn("err.func.privacy.on", lines[0])
        self.assertIn("\\x1b[5mAAAA", lines[0])
        self.assertLess(len(lines[0]), 400)
        self.assertTrue(lines[0].endswith("…"), lines[0][-50:])
        doc = json.loads(self.home.run("--json", "status").stdout)
        self.assertEqual(doc["hvac-status"]["hvacStatus"], "off" + HOSTILE)

    def test_an_error_line_is_escaped_and_cut(self):
        result = self.home.run("contracts")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(forbidden_in_terminal(result.stderr), [])
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr[:500])
        self.assertTrue(lines[0].startswith("Error: "), lines[0][:200])
        self.assertIn("err.func.privacy.on", lines[0])
        self.assertLess(len(lines[0]), 400)

    def test_menus_on_stderr_are_escaped(self):
        stored = self.home.stored()
        del stored["vin"]
        self.home.credentials.write_text(json.dumps(stored))
        result = self.home.run("vehicle", stdin="")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(forbidden_in_terminal(result.stderr), [])
        self.assertIn("REG" + HOSTILE_SHOWN, result.stderr)


# --- item 7: status without any section -------------------------------------------------------

class StatusWithoutSections(Mocked):
    def test_status_exits_1_when_no_section_could_be_read(self):
        error = {"fixture": "kamereon/error/privacy_on.json", "status": 403}
        sections = ["battery-status", "charge-mode", "cockpit", "location", "lock-status", "res-state", "hvac-status",
                    "pressure"]
        self.start({**json.loads(subprocess.run([MOCK, "--print-default-scenario"], capture_output=True, text=True,
                                                timeout=30, check=True).stdout),
                    "errors": {key: error for key in sections}})
        for json_flag in [[], ["--json"]]:
            result = self.home.run(*json_flag, "status")
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(result.stdout, "")
            lines = result.stderr.splitlines()
            self.assertEqual([line.split(":")[0] for line in lines[:-1]],
                             ["battery-status", "charge-mode", "cockpit", "hvac-status"])
            self.assertEqual(lines[-1], "Error: no section of the status could be read")


def main():
    global CLI, MOCK
    CLI, MOCK, rest = support.programs()
    sys.exit(support.run_tests(rest))


if __name__ == "__main__":
    main()
