#!/usr/bin/env python3
"""The real renault-api against renault-mock over HTTPS, with HOME in a temporary directory:
a throw-away CA (tests/transport/make_certs.sh) trusted through --ca-file or RENAULT_CA_FILE,
the failures when it is not trusted or missing, plain http:// refused off loopback, and logs
without secrets."""

import json
import socket
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

import cli_support as support
from cli_support import PASSWORD, TOKEN, USER, ZOE

CLI = None
MOCK = None
URL = None
CERTS = None  # the directory of ca.pem, server.pem, server.key
MOCK_PROCESS = None
MOCK_DIR = None

ACCOUNT = "account-id-1"  # the mock's person has two accounts: without it the CLI asks which
MAKE_CERTS = Path(__file__).resolve().parents[1] / "transport" / "make_certs.sh"

STATUS_ROWS = [
    "--------------------  -------------------",
    "Battery level         50 %",
    "Last updated          2020-11-17 08:06:48",
    "Range estimate        128 km",
    "Plug state            unplugged",
    "Charging state        not_in_charge",
    "Charge mode           always",
    "Total mileage         49114.27 km",
    "HVAC status           off",
    "External temperature  8.0 °C",
    "--------------------  -------------------",
]
VEHICLE_ROW = ["REG-NUMBER", "RENAULT", "ZOE", ZOE]
HISTORY_ROWS = [
    "     Day  Number of charges  Total time charging  Errors",
    "--------  -----------------  -------------------  ------",
    "20201208                  2  8 h 15 min                0",
    "20201205                  1  10 h 57 min               0",
]
# What --log prints on stderr (the trace itself goes to ./logs/).
LOG_WARNING = ("Warning: Debug output enabled. Passwords, tokens and JWTs are masked, but the trace holds personal "
               "data (e-mail address, VINs, locations): review it before sending it to anyone.\n")
# What the CLI prints when the mock's certificate is not trusted (the system store, no --ca-file).
UNTRUSTED = ("Error: TLS handshake or certificate verification failed (if the server's certificate comes from a "
             "private CA, give it with --ca-file or RENAULT_CA_FILE)\n")


def start_mock():
    """Writes the certificates and starts renault-mock over HTTPS on a free port."""
    global MOCK_PROCESS, URL, MOCK_DIR, CERTS
    MOCK_DIR = tempfile.TemporaryDirectory()
    CERTS = Path(MOCK_DIR.name) / "certs"
    subprocess.run(["bash", str(MAKE_CERTS), str(CERTS)], check=True, capture_output=True, timeout=120)
    MOCK_PROCESS, URL, _ = support.launch_mock(MOCK, MOCK_DIR.name, "--tls-cert", str(CERTS / "server.pem"),
                                               "--tls-key", str(CERTS / "server.key"))
    if not URL.startswith("https://127.0.0.1:"):
        support.stop(MOCK_PROCESS)
        raise RuntimeError(f"renault-mock did not start over HTTPS: {URL!r}")


def stop_mock():
    support.stop(MOCK_PROCESS)
    MOCK_DIR.cleanup()


class Home(support.Home):
    """A temporary HOME (and working directory) for one test, against the HTTPS mock."""

    def __init__(self):
        super().__init__(CLI, lambda: ["--gigya-url", URL, "--kamereon-url", URL])


class HomeTest(unittest.TestCase):
    def setUp(self):
        self.home = Home()
        self.addCleanup(self.home.cleanup)
        self.ca = ["--ca-file", str(CERTS / "ca.pem")]

    def ok(self, *args, **kwargs):
        result = self.home.run(*args, **kwargs)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return result

    def login(self, *extra, env=None):
        """Logs in and stores the account, so that later commands ask nothing."""
        result = self.ok(*extra, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD, env=env)
        self.ok("set", "--account", ACCOUNT, server=False)
        return result

    def assert_one_error_line(self, result, code, text):
        """`result` failed with `code` and exactly `text` on stderr, nothing on stdout, no secret."""
        self.assertEqual(result.returncode, code, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, text)
        for secret in [PASSWORD, TOKEN, "eyJ", "Traceback", "terminate called"]:
            self.assertNotIn(secret, result.stderr)


class TrustedCa(HomeTest):
    def test_login_status_vehicles_and_charge_history_with_ca_file(self):
        self.assertEqual(self.login(*self.ca).stdout, "")
        self.assertEqual(json.loads(self.home.credentials.read_text())["gigya_login_token"], TOKEN)
        self.assertEqual(self.ok(*self.ca, "--vin", ZOE, "status").stdout.splitlines(), STATUS_ROWS)
        lines = self.ok(*self.ca, "vehicles").stdout.splitlines()
        self.assertEqual(lines[0].split(), ["Registration", "Brand", "Model", "VIN"])
        self.assertEqual(lines[2].split(), VEHICLE_ROW)
        self.assertEqual(len(lines), 2 + 6)
        self.ok("set", "--vin", ZOE, server=False)
        result = self.ok(*self.ca, "charge", "history", "--from", "2020-11-01", "--to", "2020-11-30",
                         "--period", "day")
        self.assertEqual(result.stdout.splitlines(), HISTORY_ROWS)

    def test_the_same_through_renault_ca_file(self):
        env = {"RENAULT_CA_FILE": str(CERTS / "ca.pem")}
        self.login(env=env)
        self.assertEqual(self.ok("--vin", ZOE, "status", env=env).stdout.splitlines(), STATUS_ROWS)
        self.assertEqual(self.ok("vehicles", env=env).stdout.splitlines()[2].split(), VEHICLE_ROW)
        self.ok("set", "--vin", ZOE, server=False)
        result = self.ok("charge", "history", "--from", "2020-11-01", "--to", "2020-11-30", "--period", "day",
                         env=env)
        self.assertEqual(result.stdout.splitlines(), HISTORY_ROWS)

    def test_ca_file_wins_over_the_environment(self):
        env = {"RENAULT_CA_FILE": str(self.home.path / "missing.pem")}
        self.login(*self.ca, env=env)

    def test_status_json_over_https(self):
        self.login(*self.ca)
        doc = json.loads(self.ok(*self.ca, "--json", "--vin", ZOE, "status").stdout)
        self.assertEqual(list(doc), ["battery-status", "charge-mode", "cockpit", "hvac-status"])
        self.assertEqual(doc["battery-status"]["batteryLevel"], 50)
        self.assertEqual(doc["cockpit"], {"totalMileage": 49114.27})

    def test_the_log_file_holds_no_secret(self):
        runs = [self.home.run("--log", *self.ca, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD),
                self.home.run("--log", *self.ca, "--account", ACCOUNT, "--vin", ZOE, "status")]
        for result in runs:
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stderr, LOG_WARNING)
        self.assertEqual(runs[1].stdout.splitlines(), STATUS_ROWS)
        logs = list((self.home.path / "logs").glob("*.log"))
        self.assertEqual(len(logs), 1)
        text = logs[0].read_text()
        self.assertIn("accounts.login", text)
        self.assertIn("accounts.getJWT", text)
        self.assertIn("battery-status", text)
        self.assertIn("https://127.0.0.1:", text)
        for secret in [PASSWORD, TOKEN, "eyJ"]:
            self.assertNotIn(secret, text)


class Untrusted(HomeTest):
    def test_without_a_ca_the_system_store_does_not_trust_the_mock(self):
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        self.assert_one_error_line(result, 1, UNTRUSTED)
        self.assertFalse(self.home.credentials.exists() and "gigya_login_token" in self.home.credentials.read_text())

    def test_a_stored_token_is_not_sent_to_an_untrusted_server(self):
        self.login(*self.ca)
        mock_log = Path(MOCK_DIR.name) / "mock.log"
        requests_before = len(mock_log.read_text().splitlines())
        self.assertGreater(requests_before, 0)  # the login's requests are in the log already
        result = self.home.run("--vin", ZOE, "status")
        self.assertEqual(len(mock_log.read_text().splitlines()), requests_before)  # no request got through
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, UNTRUSTED)
        for secret in [PASSWORD, TOKEN, "eyJ", "Traceback"]:
            self.assertNotIn(secret, result.stderr)

    def test_a_ca_file_that_does_not_exist_is_a_usage_error(self):
        missing = self.home.path / "no-such-ca.pem"
        message = f"Error: cannot read the CA file {missing} (--ca-file or RENAULT_CA_FILE): No such file or directory\n"
        result = self.home.run("--ca-file", str(missing), "--locale", "fr_FR", "login", "--user", USER,
                               "--password", PASSWORD)
        self.assert_one_error_line(result, 2, message)
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD,
                               env={"RENAULT_CA_FILE": str(missing)})
        self.assert_one_error_line(result, 2, message)

    def test_a_ca_file_that_is_not_pem(self):
        junk = self.home.path / "junk.pem"
        junk.write_text("not a certificate\n")
        result = self.home.run("--ca-file", str(junk), "--locale", "fr_FR", "login", "--user", USER,
                               "--password", PASSWORD)
        self.assert_one_error_line(result, 1, f"Error: cannot load the CA file {junk}\n")

    def test_plain_http_to_a_non_loopback_host_is_refused(self):
        # 192.0.2.1 is TEST-NET-1: nothing answers there, and the CLI must not even try.
        result = self.home.run("--gigya-url", "http://192.0.2.1:8080", "--kamereon-url", "http://192.0.2.1:8080",
                               "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD, server=False)
        self.assert_one_error_line(result, 2, refused("http://192.0.2.1:8080"))

    def test_plain_http_is_refused_before_connecting(self):
        # A plain-HTTP mock on 127.0.0.2: reachable, but not one of the loopback names the CLI allows
        # (127.0.0.1, localhost, [::1]). It must receive no request at all.
        process, url, log = support.launch_mock(MOCK, self.home.path, "--host", "127.0.0.2",
                                                log=self.home.path / "plain-mock.log")
        self.addCleanup(support.stop, process)
        self.assertTrue(url.startswith("http://127.0.0.2:"), url)
        result = self.home.run("--gigya-url", url, "--kamereon-url", url, "--locale", "fr_FR", "login",
                               "--user", USER, "--password", PASSWORD, server=False)
        self.assert_one_error_line(result, 2, refused(url))
        self.assertEqual(log.read_text() if log.exists() else "", "")

    def test_one_loopback_url_does_not_open_plain_http_to_the_other(self):
        # Gigya on the local mock, Kamereon somewhere else over http://: the JWT would travel in
        # clear text, so nothing is sent at all.
        plain, url, log = support.launch_mock(MOCK, self.home.path, log=self.home.path / "plain-mock.log")
        self.addCleanup(support.stop, plain)
        result = self.home.run("--gigya-url", url, "--kamereon-url", "http://192.0.2.1:8080", "--locale", "fr_FR",
                               "login", "--user", USER, "--password", PASSWORD, server=False)
        self.assert_one_error_line(result, 2, refused("http://192.0.2.1:8080"))
        self.assertEqual(log.read_text() if log.exists() else "", "")


class ConnectProxy:
    """A CONNECT proxy on 127.0.0.1 that records the targets it is asked for and tunnels bytes."""

    def __init__(self):
        self.targets = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(4096)
            if not chunk:
                client.close()
                return
            head += chunk
        target = head.split(b"\r\n")[0].split()[1].decode()
        self.targets.append(target)
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self):
        self.server.close()


class Proxy(HomeTest):
    def setUp(self):
        super().setUp()
        self.proxy = ConnectProxy()
        self.addCleanup(self.proxy.close)
        self.mock_host = URL[len("https://"):].rstrip("/")

    def test_https_proxy_from_the_environment_carries_the_requests(self):
        env = {"https_proxy": f"http://127.0.0.1:{self.proxy.port}"}
        self.login(*self.ca, env=env)
        self.assertEqual(self.ok(*self.ca, "--vin", ZOE, "status", env=env).stdout.splitlines(), STATUS_ROWS)
        self.assertGreaterEqual(len(self.proxy.targets), 2)  # a tunnel per run at least
        self.assertEqual(set(self.proxy.targets), {self.mock_host})

    def test_no_proxy_hosts_are_reached_directly(self):
        for no_proxy in ["127.0.0.1", "localhost,127.0.0.1:443", "*"]:
            env = {"HTTPS_PROXY": f"http://127.0.0.1:{self.proxy.port}", "NO_PROXY": no_proxy}
            self.login(*self.ca, env=env)
        self.assertEqual(self.proxy.targets, [])

    def test_an_unreachable_proxy_is_a_connection_error(self):
        closed = socket.create_server(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        closed.close()
        result = self.home.run(*self.ca, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD,
                               env={"https_proxy": f"http://127.0.0.1:{port}"})
        self.assert_one_error_line(result, 1, "Error: the connection to the server failed\n")

    def test_a_proxy_that_is_not_http_is_a_usage_error_without_its_password(self):
        result = self.home.run(*self.ca, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD,
                               env={"HTTPS_PROXY": "socks5://alice:s3cret@127.0.0.1:1080"})
        self.assert_one_error_line(result, 2, "Error: the HTTPS proxy must be an http:// URL (CONNECT over plain "
                                              "HTTP) (https_proxy or HTTPS_PROXY)\n")
        self.assertNotIn("s3cret", result.stderr)


def refused(url):
    """What the CLI prints for an http:// server URL that is not on this machine."""
    return (f"Error: refusing `{url}`: plain http:// is only allowed to this machine (127.0.0.1, localhost, [::1]); "
            "use https://\n")


def main():
    global CLI, MOCK
    CLI, MOCK, rest = support.programs()
    start_mock()
    try:
        status = support.run_tests(rest)
    finally:
        stop_mock()
    sys.exit(status)


if __name__ == "__main__":
    main()
