#!/usr/bin/env python3
"""renault-mock as a client sees it, over loopback HTTP and HTTPS: Gigya login and two-factor flow,
Kamereon endpoints with per-model availability, actions and the state they change, every fault,
the request log, signals. Every process wait and every request has a timeout."""

import argparse
import base64
import http.client
import json
import os
import re
import select
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

MOCK = None
FIXTURES = None
SCENARIOS = None

GIGYA_KEY = "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N"
KAMEREON_KEY = "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J"
LOGIN = "test@example.com"
PASSWORD = "test_password"
LOGIN_TOKEN = "sample-cookie-value"
PERSON = "person-id-1"
ACCOUNT = "account-id-1"
ZOE40 = "VF1AAAAA555777999"   # X101VE
ZOE50 = "VF1AAAAA555777123"   # X102VE
MEGANE = "VF1AAAAA555777222"  # XCB1VE
R5 = "VF1AAAAA555777333"      # R5E1VE
CAPTUR = "VF1AAAAA555777445"  # XJB1SU (plug-in hybrid)
CLIO = "VF1AAAAA555777555"    # XJA1VP (fuel)
TIMEOUT = 10


def fixture_bytes(rel):
    return (FIXTURES / rel).read_bytes()


def fixture(rel):
    return json.loads(fixture_bytes(rel))


def car(vin, tail, version=1, account=ACCOUNT):
    return f"/commerce/v1/accounts/{account}/kamereon/kca/car-adapter/v{version}/cars/{vin}/{tail}"


def kcm(vin, tail, account=ACCOUNT):
    return f"/commerce/v1/accounts/{account}/kamereon/kcm/v1/vehicles/{vin}/{tail}"


def b64decode(segment):
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def default_scenario():
    return json.loads((SCENARIOS / "default.json").read_text())


def with_faults(*faults):
    scenario = default_scenario()
    scenario["faults"] = list(faults)
    return scenario


class Certificates:
    """A throw-away CA and a server certificate for 127.0.0.1, made with the openssl CLI."""

    def __init__(self, directory):
        d = Path(directory)
        self.ca, self.cert, self.key = str(d / "ca.pem"), str(d / "server.pem"), str(d / "server.key")
        ext = d / "server.ext"
        ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                       "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        self._openssl("req", "-x509", *ec, "-keyout", str(d / "ca.key"), "-out", self.ca, "-days", "2",
                      "-subj", "/CN=renault-mock test CA",
                      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign")
        self._openssl("req", *ec, "-keyout", self.key, "-out", str(d / "server.csr"), "-subj", "/CN=127.0.0.1")
        self._openssl("x509", "-req", "-in", str(d / "server.csr"), "-CA", self.ca, "-CAkey", str(d / "ca.key"),
                      "-CAcreateserial", "-out", self.cert, "-days", "2", "-extfile", str(ext))
        self.context = ssl.create_default_context(cafile=self.ca)

    @staticmethod
    def _openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=30)


def die_with_this_process():
    """In the child: get SIGTERM when the test process dies, so that no mock outlives a killed test."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def read_line(stream, timeout):
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        raise AssertionError(f"no output within {timeout} s")
    return stream.readline()


class Mock:
    """A renault-mock process on an ephemeral port, with its request log in a temporary directory."""

    def __init__(self, *args, scenario=None, tls=None, log=True, files=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="renault-mock-test-")
        for name, content in (files or {}).items():  # next to the scenario file
            (Path(self.tmp.name) / name).write_bytes(content)
        self.log_path = Path(self.tmp.name) / "requests.jsonl"
        command = [MOCK, "--port", "0"]
        if log:
            command += ["--log", str(self.log_path)]
        if scenario is not None:
            path = Path(self.tmp.name) / "scenario.json"
            path.write_text(json.dumps(scenario) if not isinstance(scenario, str) else scenario)
            command += ["--scenario", str(path)]
        if tls is not None:
            command += ["--tls-cert", tls.cert, "--tls-key", tls.key]
        command += list(args)
        self.context = tls.context if tls is not None else None
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=die_with_this_process)
        try:
            self.first_line = read_line(self.proc.stdout, TIMEOUT)
            match = re.fullmatch(r"listening on (https?)://127\.0\.0\.1:(\d+)\n", self.first_line)
            if not match:
                raise AssertionError(f"unexpected first line {self.first_line!r}")
        except BaseException:
            self.stop()
            raise
        self.scheme, self.port = match.group(1), int(match.group(2))
        self.base = f"{self.scheme}://127.0.0.1:{self.port}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            stream.close()
        self.tmp.cleanup()

    def request(self, method, path, query=None, body=None, headers=None, context=None):
        """(status, headers with lower-case names, body bytes); HTTP errors are answers too."""
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT, context=context or self.context) as resp:
                return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def gigya(self, method, **fields):
        fields = {name: value for name, value in {"ApiKey": GIGYA_KEY, **fields}.items() if value is not None}
        status, headers, body = self.request("POST", "/" + method, body=urllib.parse.urlencode(fields).encode(),
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, (method, status, body)
        return json.loads(body), headers

    def jwt(self):
        answer, _ = self.gigya("accounts.getJWT", login_token=LOGIN_TOKEN,
                               fields="data.personId,data.gigyaDataCenter", expiration="900")
        return answer["id_token"]

    def kamereon(self, method, path, jwt, body=None, query=None, apikey=KAMEREON_KEY):
        headers = {"Content-type": "application/vnd.api+json"}
        if apikey is not None:
            headers["apikey"] = apikey
        if jwt is not None:
            headers["x-gigya-id_token"] = jwt
        data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
        status, _, answer = self.request(method, path, query={"country": "FR"} if query is None else query,
                                         body=data, headers=headers)
        return status, answer

    def log_lines(self):
        return [json.loads(line) for line in self.log_path.read_text().splitlines()]


class MockTest(unittest.TestCase):
    """A test class with one mock for all its tests (override `mock_args` / `mock_scenario`)."""

    mock_args = ()
    mock_scenario = None

    @classmethod
    def setUpClass(cls):
        cls.mock = Mock(*cls.mock_args, scenario=cls.mock_scenario)
        cls.addClassCleanup(cls.mock.stop)

    def start(self, *args, **kwargs):
        """A mock of this test alone, stopped when the test ends."""
        mock = Mock(*args, **kwargs)
        self.addCleanup(mock.stop)
        return mock

    def assertKamereonError(self, answer, code):
        self.assertEqual(json.loads(answer)["errors"][0]["errorCode"], code)


# -------------------------------------------------------------------------------------------------

class Process(unittest.TestCase):
    def run_mock(self, *args):
        return subprocess.run([MOCK, *args], capture_output=True, text=True, timeout=TIMEOUT)

    def test_version_and_help(self):
        version = self.run_mock("--version")
        self.assertEqual(version.returncode, 0)
        self.assertRegex(version.stdout, r"^renault-mock \d+\.\d+\.\d+\n$")
        usage = self.run_mock("--help")
        self.assertEqual(usage.returncode, 0)
        for option in ["--port", "--host", "--scenario", "--fixtures", "--tls-cert", "--tls-key", "--jwt-lifetime", "--log"]:
            self.assertIn(option, usage.stdout)

    def test_built_in_scenario_is_the_shipped_default(self):
        printed = self.run_mock("--print-default-scenario")
        self.assertEqual(printed.returncode, 0)
        self.assertEqual(json.loads(printed.stdout), default_scenario())

    def test_usage_and_scenario_errors_exit_2(self):
        with tempfile.TemporaryDirectory() as d:
            bad = Path(d) / "bad.json"
            cases = [
                ({"users": [], "colour": "red"}, "unknown key `colour`"),
                ({"users": []}, "at least one user"),
                ({**default_scenario(), "errors": {"battery-status": {"fixture": "kamereon/error/nope.json"}}},
                 "fixture `kamereon/error/nope.json` not found"),
                ({**default_scenario(), "faults": [{"type": "earthquake"}]}, "must be one of latency, quota"),
                ({**default_scenario(), "faults": [{"type": "latency", "endpoint": "no-such-endpoint"}]},
                 "unknown endpoint key `no-such-endpoint`"),
                ("{not json", "not valid JSON"),
                ('{"users": [],\n  x}', "scenario: not valid JSON: syntax error at line 2, column 3"),
                ("[]", "scenario: $: must be a JSON object"),
                ({**default_scenario(), "faults": [{"type": "latency", "fixture": "x.json"}]},
                 "scenario: $.faults[0]: unknown key `fixture` (not a member of a `latency` fault)"),
                ({**default_scenario(), "jwt_lifetime_seconds": "long"},
                 "scenario: $.jwt_lifetime_seconds: expected an integer, got a string \"long\""),
                ({**default_scenario(), "users": [{**default_scenario()["users"][0], "colour": 1}]},
                 "scenario: $.users[0]: unknown key `colour`"),
                ({**default_scenario(), "gigya_api_key": 3}, "scenario: $.gigya_api_key: must be a string or an array of strings"),
                ({**default_scenario(), "errors": {"location": {"fixture": "kamereon/error/privacy_on.json", "stat": 1}}},
                 "scenario: $.errors.location: unknown key `stat`"),
            ]
            for content, message in cases:
                with self.subTest(message):
                    bad.write_text(content if isinstance(content, str) else json.dumps(content))
                    result = self.run_mock("--scenario", str(bad), "--port", "0")
                    self.assertEqual(result.returncode, 2, result.stderr)
                    self.assertIn(message, result.stderr)
                    self.assertEqual(result.stdout, "")
            for args in [("--port", "70000"), ("--tls-cert", str(bad)), ("--no-such-option",), ("--scenario", "/nonexistent")]:
                with self.subTest(args):
                    self.assertEqual(self.run_mock(*args).returncode, 2)

    def test_the_documented_scenario_runs(self):
        doc = (SCENARIOS.parents[2] / "docs" / "mock.md").read_text()
        example = re.search(r"```jsonc\n(.*?)```", doc, re.S).group(1)
        mock = Mock(scenario=example, files={"my-cockpit.json": fixture_bytes("kamereon/vehicle_data/cockpit.zoe.json")})
        self.addCleanup(mock.stop)
        first, _ = mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        self.assertEqual(first["errorCode"], 403042, "the error fault on gigya/login fires once")
        second, _ = mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        self.assertEqual(second["errorCode"], 403101, "the user logs in with two factors")
        token = mock.jwt()
        started = time.monotonic()
        status, body = mock.kamereon("GET", car(ZOE40, "battery-status", 2), token)
        self.assertGreaterEqual(time.monotonic() - started, 0.25)
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/error/truncated.json")))
        self.assertEqual([e["fault"] for e in mock.log_lines()], ["error", None, None, "truncated_body"])

    def test_port_in_use_exits_1(self):
        first = Mock()
        self.addCleanup(first.stop)
        second = self.run_mock("--port", str(first.port))
        self.assertEqual(second.returncode, 1)
        self.assertIn(f"cannot listen on 127.0.0.1 port {first.port}", second.stderr)

    def test_sigterm_and_sigint_stop_it_quickly_with_exit_0(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(sig):
                mock = Mock()
                self.addCleanup(mock.stop)
                idle = socket.create_connection(("127.0.0.1", mock.port), timeout=TIMEOUT)  # an idle client
                self.addCleanup(idle.close)
                status, _, _ = mock.request("GET", "/")
                self.assertEqual(status, 404)
                started = time.monotonic()
                mock.proc.send_signal(sig)
                self.assertEqual(mock.proc.wait(timeout=5), 0)
                self.assertLess(time.monotonic() - started, 3)

    def test_log_goes_to_stdout_after_the_first_line_by_default(self):
        mock = Mock(log=False)
        self.addCleanup(mock.stop)
        mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        mock.proc.terminate()
        out, _ = mock.proc.communicate(timeout=5)
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        entry = json.loads(lines[0])
        self.assertEqual((entry["endpoint"], entry["status"], entry["path"]), ("accounts.login", 200, "/accounts.login"))
        self.assertNotIn(PASSWORD, out)
        self.assertNotIn(LOGIN_TOKEN, out)


# -------------------------------------------------------------------------------------------------

class Gigya(MockTest):
    def test_login_with_a_wrong_password_or_login_answers_403042(self):
        for login, password in [(LOGIN, "wrong"), ("nobody@example.com", PASSWORD), (LOGIN, "")]:
            with self.subTest(login=login, password=password):
                answer, _ = self.mock.gigya("accounts.login", loginID=login, password=password)
                self.assertEqual(answer, fixture("gigya/error/login.403042.json"))

    def test_login_with_a_wrong_api_key_answers_400093(self):
        answer, _ = self.mock.gigya("accounts.login", ApiKey="not-the-key", loginID=LOGIN, password=PASSWORD)
        self.assertEqual((answer["errorCode"], answer["errorMessage"]), (400093, "Invalid ApiKey parameter"))
        self.assertNotIn("sessionInfo", answer)

    def test_login_answers_the_login_token(self):
        answer, headers = self.mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        self.assertEqual(answer["errorCode"], 0)
        self.assertEqual(answer["sessionInfo"]["cookieValue"], LOGIN_TOKEN)
        expected = fixture("gigya/login.json")
        self.assertEqual(answer, expected)  # the fixture's token is the default scenario's
        self.assertTrue(headers["content-type"].startswith("text/javascript"))

    def test_account_info_gives_the_person_id(self):
        answer, _ = self.mock.gigya("accounts.getAccountInfo", login_token=LOGIN_TOKEN)
        self.assertEqual(answer["data"]["personId"], PERSON)
        self.assertEqual(answer, fixture("gigya/get_account_info.json"))
        bad, _ = self.mock.gigya("accounts.getAccountInfo", login_token="not-a-token")
        self.assertEqual(bad["errorCode"], 403005)

    def test_jwt_is_a_signed_jwt_with_exp(self):
        before = time.time()
        token = self.mock.jwt()
        header, payload, signature = token.split(".")
        self.assertEqual(json.loads(b64decode(header)), {"alg": "HS256", "typ": "JWT"})
        claims = json.loads(b64decode(payload))
        self.assertEqual(claims["data.personId"], PERSON)
        self.assertGreaterEqual(claims["exp"], int(before) + 900)
        self.assertLessEqual(claims["exp"], time.time() + 901)
        self.assertEqual(len(b64decode(signature)), 32)
        self.assertNotEqual(self.mock.jwt(), token, "every JWT is new")
        bad, _ = self.mock.gigya("accounts.getJWT", login_token="not-a-token")
        self.assertEqual(bad, fixture("gigya/error/get_jwt.403005.json"))

    def test_jwt_lifetime_option(self):
        mock = self.start("--jwt-lifetime", "60")
        claims = json.loads(b64decode(mock.jwt().split(".")[1]))
        self.assertAlmostEqual(claims["exp"] - time.time(), 60, delta=5)

    def test_unknown_gigya_method(self):
        status, _, body = self.mock.request("POST", "/accounts.noSuchMethod", body=b"ApiKey=x")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["errorCode"], 400096)


# -------------------------------------------------------------------------------------------------

class Kamereon(MockTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.mock.jwt()

    def get(self, path, query=None):
        return self.mock.kamereon("GET", path, self.token, query=query)

    def test_person(self):
        status, body = self.get(f"/commerce/v1/persons/{PERSON}")
        self.assertEqual(status, 200)
        person = json.loads(body)
        self.assertEqual(person, fixture("kamereon/person.json"))
        self.assertEqual([(a["accountId"], a["accountType"]) for a in person["accounts"]],
                         [("account-id-1", "MYRENAULT"), ("account-id-2", "SFDC")])
        status, body = self.get("/commerce/v1/persons/person-id-2")
        self.assertEqual(status, 403)
        self.assertEqual(body, fixture_bytes("kamereon/error/access_denied.json"))

    def test_vehicles(self):
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/vehicles")
        self.assertEqual(status, 200)
        answer = json.loads(body)
        self.assertEqual((answer["accountId"], answer["country"]), (ACCOUNT, "FR"))
        links = answer["vehicleLinks"]
        self.assertEqual([link["vin"] for link in links], [ZOE40, ZOE50, MEGANE, R5, CAPTUR, CLIO])
        self.assertEqual([link["vehicleDetails"]["model"]["code"] for link in links],
                         ["X101VE", "X102VE", "XCB1VE", "R5E1VE", "XJB1SU", "XJA1VP"])
        self.assertEqual([link["vehicleDetails"]["vin"] for link in links], [link["vin"] for link in links])
        self.assertEqual(links[0], fixture("kamereon/vehicles/zoe_40.1.json")["vehicleLinks"][0])
        energies = {link["vehicleDetails"].get("engineEnergyType") or link["vehicleDetails"]["energy"]["code"] for link in links}
        self.assertTrue({"ELEC", "PHEV"} <= energies, energies)
        status, body = self.get("/commerce/v1/accounts/account-id-2/vehicles")
        self.assertEqual((status, json.loads(body)),
                         (200, {"accountId": "account-id-2", "country": "FR", "vehicleLinks": []}))
        status, body = self.get("/commerce/v1/accounts/account-id-9/vehicles")
        self.assertEqual(status, 403)
        self.assertKamereonError(body, "err.func.403")

    def test_details_contracts_and_car_adapter(self):
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/vehicles/{ZOE40}/details")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), fixture("kamereon/vehicles/zoe_40.1.json")["vehicleLinks"][0]["vehicleDetails"])
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/vehicles/{ZOE40}/contracts",
                                query={"country": "FR", "locale": "fr_FR", "brand": "RENAULT",
                                       "connectedServicesContracts": "true", "warranty": "true",
                                       "warrantyMaintenanceContracts": "true"})
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/vehicle_contract/fr_FR.1.json")))
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/kamereon/kca/car-adapter/v2/cars/{ZOE40}")
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/vehicle_gateway/zoe_40.1.json")))
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/kamereon/kca/car-adapter/v2/cars/{CLIO}")
        adapter = json.loads(body)
        self.assertEqual((adapter["data"]["id"], adapter["data"]["attributes"]["vin"]), (CLIO, CLIO))
        self.assertEqual(adapter["data"]["attributes"]["energy"], "gasoline")
        status, body = self.get(f"/commerce/v1/accounts/{ACCOUNT}/vehicles/VF1AAAAA000000000/details")
        self.assertEqual(status, 403)
        self.assertKamereonError(body, "err.func.403")

    def test_battery_status_is_the_fixture_with_the_vehicles_vin(self):
        status, body = self.get(car(ZOE40, "battery-status", 2))
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/vehicle_data/battery-status.zoe_40.json")))
        status, body = self.get(car(ZOE50, "battery-status", 2))
        answer = json.loads(body)
        expected = fixture("kamereon/vehicle_data/battery-status.zoe_50.json")
        expected["data"]["id"] = ZOE50
        self.assertEqual(answer, expected)
        status, body = self.get(car(R5, "battery-status", 2))
        self.assertEqual(json.loads(body)["data"]["attributes"]["batteryLevel"], 62)

    def test_every_read_of_the_zoe(self):
        day = {"country": "FR", "start": "20201201", "end": "20201231"}
        reads = [
            ("battery-status", car(ZOE40, "battery-status", 2), None, "vehicle_data/battery-status.zoe_40.json"),
            ("charge-history", car(ZOE40, "charge-history"), {**day, "type": "day"}, "vehicle_data/charge-history.day.json"),
            ("charge-history", car(ZOE40, "charge-history"), {"country": "FR", "type": "month", "start": "202011",
                                                              "end": "202012"}, "vehicle_data/charge-history.month.json"),
            ("charge-mode", car(ZOE40, "charge-mode"), None, "vehicle_data/charge-mode.always.json"),
            ("charge-schedule", car(ZOE40, "charge-schedule"), None, "vehicle_data/charge-schedule.single.json"),
            ("charges", car(ZOE40, "charges"), day, "vehicle_data/charges.zoe_40.json"),
            ("charging-settings", car(ZOE40, "charging-settings"), None, "vehicle_data/charging-settings.multi.json"),
            ("cockpit", car(ZOE40, "cockpit"), None, "vehicle_data/cockpit.zoe.json"),
            ("hvac-history", car(ZOE40, "hvac-history"), {**day, "type": "day"}, "vehicle_data/hvac-history.json"),
            ("hvac-sessions", car(ZOE40, "hvac-sessions"), day, "vehicle_data/hvac-sessions.json"),
            ("hvac-settings", car(ZOE40, "hvac-settings"), None, "vehicle_data/hvac-settings.json"),
            ("hvac-status", car(ZOE40, "hvac-status"), None, "vehicle_data/hvac-status.zoe.json"),
            ("notification-settings", car(ZOE40, "notification-settings"), None, "vehicle_data/notification-settings.json"),
            ("alerts", f"/commerce/v1/accounts/{ACCOUNT}/kamereon/vehicles/{ZOE40}/alerts", None, "vehicle_info/alerts.json"),
        ]
        for key, path, query, rel in reads:
            with self.subTest(key=key, fixture=rel):
                status, body = self.get(path, query)
                self.assertEqual(status, 200, body)
                self.assertEqual(json.loads(body), fixture("kamereon/" + rel))

    def test_reads_of_other_models(self):
        status, body = self.get(car(ZOE50, "pressure"))
        self.assertEqual((status, json.loads(body)["data"]["id"]), (200, ZOE50))
        status, body = self.get(car(CAPTUR, "cockpit"))
        self.assertEqual(json.loads(body)["data"]["attributes"]["fuelQuantity"], 3.0)
        status, body = self.get(kcm(R5, "ev/soc-levels"))
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/vehicle_kcm_data/ev-soc-levels.json")))
        status, body = self.get(kcm(R5, "ev/settings"))
        self.assertEqual(json.loads(body), fixture("kamereon/vehicle_kcm_data/ev-settings.single.json"))
        status, body = self.get(car(MEGANE, "charges"), {"country": "FR", "start": "20201201", "end": "20201231"})
        self.assertEqual(json.loads(body)["data"]["attributes"], fixture("kamereon/vehicle_data/charges.megane.json")["data"]["attributes"])

    def test_unavailable_endpoints_answer_like_the_real_api(self):
        not_found = fixture_bytes("kamereon/error/resource_not_found.json")
        forbidden = fixture_bytes("kamereon/error/forbidden.json")
        cases = [
            (ZOE40, "GET", car(ZOE40, "lock-status"), None, 404, not_found),       # x for every model
            (ZOE40, "GET", car(ZOE40, "location"), None, 404, not_found),          # x for X101VE
            (ZOE40, "GET", kcm(ZOE40, "ev/soc-levels"), None, 404, not_found),
            (ZOE50, "GET", car(ZOE50, "charge-mode"), None, 404, not_found),       # only X101VE has charge-mode
            (CLIO, "GET", car(CLIO, "battery-status", 2), None, 404, not_found),   # a fuel car
            (ZOE50, "POST", car(ZOE50, "actions/horn-lights"),
             {"data": {"type": "HornLights", "attributes": {"action": "start", "target": "horn"}}}, 403, forbidden),
            (ZOE40, "POST", kcm(ZOE40, "charge/start"),                             # the Zoe ph1 starts through kca
             {"data": {"type": "ChargingStart", "attributes": {"action": "start"}}}, 403, forbidden),
            (R5, "POST", car(R5, "actions/charging-start"),                         # the R5 starts through ev/settings
             {"data": {"type": "ChargingStart", "attributes": {"action": "start"}}}, 403, forbidden),
        ]
        for vin, method, path, body, status, expected in cases:
            with self.subTest(path=path, method=method):
                got_status, got = self.mock.kamereon(method, path, self.token, body=body)
                self.assertEqual((got_status, got), (status, expected))

    def test_history_queries_are_checked(self):
        for query, parameter in [({"country": "FR", "start": "20201201", "end": "20201231"}, "type"),
                                 ({"country": "FR", "type": "week", "start": "20201201", "end": "20201231"}, "type"),
                                 ({"country": "FR", "type": "day", "end": "20201231"}, "start")]:
            with self.subTest(query):
                status, body = self.get(car(ZOE40, "charge-history"), query)
                self.assertEqual(status, 400)
                self.assertKamereonError(body, "err.func.400")
                self.assertIn(parameter, json.loads(body)["errors"][0]["errorMessage"])

    def test_country_is_required(self):
        status, body = self.get(car(ZOE40, "cockpit"), query={})
        self.assertEqual(status, 400)
        detail = json.loads(json.loads(body)["errors"][0]["errorMessage"])
        self.assertEqual(detail["errors"][0]["source"], {"parameter": "country"})

    def test_api_key_is_checked(self):
        for apikey in [None, "wrong-key"]:
            with self.subTest(apikey=apikey):
                status, body = self.mock.kamereon("GET", car(ZOE40, "cockpit"), self.token, apikey=apikey)
                self.assertEqual((status, body), (403, fixture_bytes("kamereon/error/access_denied.json")))

    def test_missing_invalid_or_forged_jwt_is_unauthorized(self):
        header, payload, signature = self.token.split(".")
        claims = json.loads(b64decode(payload))
        claims["data.personId"] = "person-id-2"
        forged = header + "." + base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=") + "." + signature
        flipped = header + "." + payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
        for jwt in [None, "", "sample-jwt-token", forged, flipped]:
            with self.subTest(jwt=jwt):
                status, body = self.mock.kamereon("GET", car(ZOE40, "cockpit"), jwt)
                self.assertEqual((status, body), (401, fixture_bytes("kamereon/error/unauthorized.json")))

    def test_expired_jwt_is_unauthorized(self):
        mock = self.start("--jwt-lifetime", "2")
        token = mock.jwt()
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)
        time.sleep(3.1)
        status, body = mock.kamereon("GET", car(ZOE40, "cockpit"), token)
        self.assertEqual((status, body), (401, fixture_bytes("kamereon/error/unauthorized.json")))
        self.assertEqual(mock.log_lines()[-1]["auth"], "jwt_expired")
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), mock.jwt())[0], 200)

    def test_unknown_path(self):
        for method, path in [("GET", f"/commerce/v1/accounts/{ACCOUNT}/kamereon/kca/car-adapter/v1/cars/{ZOE40}/nothing"),
                             ("POST", car(ZOE40, "cockpit")), ("GET", "/")]:
            with self.subTest(path=path):
                status, body = self.mock.kamereon(method, path, self.token, body=b"{}" if method == "POST" else None)
                self.assertEqual((status, body), (404, fixture_bytes("kamereon/error/not_found.json")))


# -------------------------------------------------------------------------------------------------

class Actions(MockTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.mock.jwt()

    def post(self, path, body):
        status, answer = self.mock.kamereon("POST", path, self.token, body=body)
        self.assertEqual(status, 200, answer)
        return json.loads(answer)

    def read(self, path):
        status, answer = self.mock.kamereon("GET", path, self.token)
        self.assertEqual(status, 200, answer)
        return json.loads(answer)

    def assertEcho(self, answer, data_type, attributes):
        self.assertEqual(set(answer), {"data"})
        self.assertEqual(answer["data"]["type"], data_type)
        self.assertEqual(str(uuid.UUID(answer["data"]["id"])), answer["data"]["id"])
        self.assertEqual(answer["data"].get("attributes"), attributes)

    def test_hvac_start_and_cancel_change_hvac_status(self):
        self.assertEqual(self.read(car(ZOE50, "hvac-status"))["data"]["attributes"]["hvacStatus"], "off")
        attributes = {"action": "start", "targetTemperature": 21.0}
        answer = self.post(car(ZOE50, "actions/hvac-start"), {"data": {"type": "HvacStart", "attributes": attributes}})
        self.assertEcho(answer, "HvacStart", attributes)
        status = self.read(car(ZOE50, "hvac-status"))
        self.assertEqual(status["data"]["attributes"], {"externalTemperature": 8.0, "hvacStatus": "on"})
        self.assertEqual(status["data"]["id"], ZOE50)
        answer = self.post(car(ZOE50, "actions/hvac-start"), {"data": {"type": "HvacStart", "attributes": {"action": "cancel"}}})
        self.assertEcho(answer, "HvacStart", {"action": "cancel"})
        self.assertEqual(self.read(car(ZOE50, "hvac-status"))["data"]["attributes"]["hvacStatus"], "off")
        log = self.mock.log_lines()
        self.assertEqual([e["endpoint"] for e in log if e["method"] == "POST" and "hvac" in e["path"]][-2:],
                         ["actions/hvac-start", "actions/hvac-stop"])

    def test_charge_mode_action_changes_charge_mode(self):
        self.assertEqual(self.read(car(ZOE40, "charge-mode"))["data"]["attributes"]["chargeMode"], "always")
        answer = self.post(car(ZOE40, "actions/charge-mode"),
                           {"data": {"type": "ChargeMode", "attributes": {"action": "schedule_mode"}}})
        self.assertEcho(answer, "ChargeMode", {"action": "schedule_mode"})
        self.assertEqual(self.read(car(ZOE40, "charge-mode"))["data"]["attributes"]["chargeMode"], "schedule_mode")

    def test_charge_schedule_action_changes_charging_settings(self):
        schedules = [{"id": 1, "activated": True, "monday": {"startTime": "T23:30Z", "duration": 60},
                      "tuesday": None, "wednesday": None, "thursday": None, "friday": None, "saturday": None,
                      "sunday": None}]
        answer = self.post(car(ZOE40, "actions/charge-schedule", 2),
                           {"data": {"type": "ChargeSchedule", "attributes": {"schedules": schedules}}})
        self.assertEcho(answer, "ChargeSchedule", {"schedules": schedules})
        settings = self.read(car(ZOE40, "charging-settings"))["data"]["attributes"]
        self.assertEqual(settings["schedules"], schedules)
        self.assertEqual(settings["mode"], fixture("kamereon/vehicle_data/charging-settings.multi.json")["data"]["attributes"]["mode"])

    def test_hvac_schedule_action_changes_hvac_settings(self):
        schedules = [{"id": 1, "activated": True, "monday": {"readyAtTime": "T12:00Z"}}]
        self.post(car(ZOE40, "actions/hvac-schedule", 2), {"data": {"type": "HvacSchedule", "attributes": {"schedules": schedules}}})
        self.assertEqual(self.read(car(ZOE40, "hvac-settings"))["data"]["attributes"]["schedules"], schedules)

    def test_soc_levels_post_answers_the_flat_fixture_and_changes_the_levels(self):
        status, answer = self.mock.kamereon("POST", kcm(R5, "ev/soc-levels"), self.token, body={"socMin": 30, "socTarget": 90})
        self.assertEqual((status, answer), (200, fixture_bytes("kamereon/vehicle_kcm_action/ev-soc-levels.json")))
        levels = self.read(kcm(R5, "ev/soc-levels"))
        self.assertEqual((levels["socMin"], levels["socTarget"]), (30, 90))
        self.assertRegex(levels["lastEnergyUpdateTimestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        status, answer = self.mock.kamereon("POST", kcm(R5, "ev/soc-levels"), self.token, body={"socMin": "low"})
        self.assertEqual(status, 400)

    def test_kcm_settings_post_is_echoed_and_read_back(self):
        settings = self.read(kcm(R5, "ev/settings"))
        for program in settings.get("programs", []):
            program["programActivationStatus"] = False
        status, answer = self.mock.kamereon("POST", kcm(R5, "ev/settings"), self.token, body=settings)
        self.assertEqual((status, json.loads(answer)), (200, settings))
        self.assertEqual(self.read(kcm(R5, "ev/settings")), settings)

    def test_actions_sharing_a_path_are_told_apart(self):
        cases = [
            (ZOE40, car(ZOE40, "actions/charging-start"), "ChargingStart", {"action": "start"}, "actions/charge-start"),
            (ZOE40, car(ZOE40, "actions/charging-start"), "ChargingStart", {"action": "stop"}, "actions/charge-stop"),
            (ZOE50, kcm(ZOE50, "charge/pause-resume"), "ChargePauseResume", {"action": "pause"},
             "actions/charge-stop-via-pause-resume"),
            (MEGANE, kcm(MEGANE, "charge/start"), "ChargingStart", {"action": "start", "startDateTime": "2030-01-08T22:00:00Z"},
             "actions/charge-start"),
            (MEGANE, car(MEGANE, "actions/horn-lights"), "HornLights", {"action": "start", "target": "lights"},
             "actions/lights-start"),
            (R5, car(R5, "actions/hvac-start"), "HvacStart", {"action": "stop"}, "actions/hvac-stop"),
        ]
        for vin, path, data_type, attributes, key in cases:
            with self.subTest(key=key, path=path):
                answer = self.post(path, {"data": {"type": data_type, "attributes": attributes}})
                self.assertEcho(answer, data_type, attributes)
                self.assertEqual(self.mock.log_lines()[-1]["endpoint"], key)

    def test_refresh_location_has_no_attributes(self):
        answer = self.post(car(R5, "actions/refresh-location"), {"data": {"type": "RefreshLocation"}})
        self.assertEcho(answer, "RefreshLocation", None)

    def test_malformed_action_bodies_are_rejected(self):
        cases = [
            (b"not json", "/"),
            ({"data": {"type": "ChargeMode", "attributes": {"action": "always"}}}, "/data/type"),
            ({"action": "start"}, "/data"),
            ({"data": {"type": "HvacStart", "attributes": {}}}, "/data/attributes/action"),
        ]
        for body, pointer in cases:
            with self.subTest(pointer=pointer):
                status, answer = self.mock.kamereon("POST", car(ZOE40, "actions/hvac-start"), self.token, body=body)
                self.assertEqual(status, 400)
                detail = json.loads(json.loads(answer)["errors"][0]["errorMessage"])
                self.assertEqual(detail["errors"][0]["source"], {"pointer": pointer})


# -------------------------------------------------------------------------------------------------

class TwoFactor(MockTest):
    @classmethod
    def setUpClass(cls):
        cls.mock_scenario = (SCENARIOS / "two_factor.json").read_text()
        super().setUpClass()

    def start_login(self):
        """Steps 1–4 of the two-factor login (docs/api/authentication.md); returns (regToken,
        gigyaAssertion, phvToken, cookie)."""
        answer, _ = self.mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        expected = fixture("gigya/error/login.403101.json")
        self.assertEqual(answer["errorCode"], 403101)
        self.assertEqual({k: v for k, v in answer.items() if k != "regToken"},
                         {k: v for k, v in expected.items() if k != "regToken"})
        reg_token = answer["regToken"]
        answer, headers = self.mock.gigya("accounts.webSdkBootstrap", ApiKey=None, apiKey=GIGYA_KEY)
        self.assertEqual(answer["errorCode"], 0)
        cookie = headers["set-cookie"].split(";")[0]
        self.assertTrue(cookie.startswith("gmid="), cookie)
        answer, _ = self.mock.gigya("accounts.tfa.initTFA", ApiKey=None, APIKey=GIGYA_KEY, regToken=reg_token,
                                    provider="gigyaEmail", mode="verify")
        assertion = answer["gigyaAssertion"]
        answer, _ = self.mock.gigya("accounts.tfa.email.getEmails", ApiKey=None, APIKey=GIGYA_KEY, gigyaAssertion=assertion)
        self.assertEqual(answer["emails"], [{"id": "email-id-1", "obfuscated": "e***l@email.com"}])
        answer, _ = self.mock.gigya("accounts.tfa.email.sendVerificationCode", ApiKey=None, APIKey=GIGYA_KEY,
                                    gigyaAssertion=assertion, emailID="email-id-1")
        return reg_token, assertion, answer["phvToken"]

    def complete(self, assertion, phv_token, code):
        answer, _ = self.mock.gigya("accounts.tfa.email.completeVerification", ApiKey=None, APIKey=GIGYA_KEY,
                                    gigyaAssertion=assertion, phvToken=phv_token, code=code)
        return answer

    def finish(self, reg_token, assertion, provider_assertion):
        answer, _ = self.mock.gigya("accounts.tfa.finalizeTFA", ApiKey=None, APIKey=GIGYA_KEY, gigyaAssertion=assertion,
                                    providerAssertion=provider_assertion, regToken=reg_token)
        self.assertEqual(answer["errorCode"], 0, answer)
        answer, _ = self.mock.gigya("accounts.finalizeRegistration", ApiKey=None, APIKey=GIGYA_KEY, regToken=reg_token,
                                    include="profile,data", includeUserInfo="true")
        return answer

    def test_right_code_gives_the_login_token(self):
        reg_token, assertion, phv = self.start_login()
        answer = self.complete(assertion, phv, "123456")
        self.assertEqual(answer["errorCode"], 0)
        answer = self.finish(reg_token, assertion, answer["providerAssertion"])
        self.assertEqual(answer["sessionInfo"]["cookieValue"], LOGIN_TOKEN)
        self.assertEqual(answer["errorCode"], 0)
        self.assertEqual(self.mock.kamereon("GET", car(ZOE40, "cockpit"), self.mock.jwt())[0], 200)
        again, _ = self.mock.gigya("accounts.finalizeRegistration", ApiKey=None, APIKey=GIGYA_KEY, regToken=reg_token)
        self.assertEqual(again["errorCode"], 400006, "a registration is finalized once")

    def test_wrong_code_then_right_code(self):
        reg_token, assertion, phv = self.start_login()
        self.assertEqual(self.complete(assertion, phv, "000000"), fixture("gigya/error/complete_verification.wrong_code.json"))
        answer = self.complete(assertion, phv, "123456")
        self.assertIn("providerAssertion", answer)
        self.assertEqual(self.finish(reg_token, assertion, answer["providerAssertion"])["sessionInfo"]["cookieValue"],
                         LOGIN_TOKEN)

    def test_too_many_wrong_codes(self):
        reg_token, assertion, phv = self.start_login()
        for _ in range(3):
            self.assertEqual(self.complete(assertion, phv, "999999")["errorDetails"], "Wrong verification code")
        for code in ["999999", "123456"]:
            self.assertEqual(self.complete(assertion, phv, code),
                             fixture("gigya/error/complete_verification.too_many_attempts.json"))

    def test_tokens_of_the_flow_are_checked(self):
        reg_token, assertion, phv = self.start_login()
        for method, fields in [
            ("accounts.tfa.initTFA", {"regToken": "reg-unknown", "provider": "gigyaEmail", "mode": "verify"}),
            ("accounts.tfa.email.getEmails", {"gigyaAssertion": "assertion-unknown"}),
            ("accounts.tfa.email.sendVerificationCode", {"gigyaAssertion": assertion, "emailID": "email-id-9"}),
            ("accounts.tfa.email.completeVerification", {"gigyaAssertion": assertion, "phvToken": "phv-x", "code": "123456"}),
            ("accounts.tfa.finalizeTFA", {"gigyaAssertion": assertion, "providerAssertion": "x", "regToken": reg_token}),
            ("accounts.finalizeRegistration", {"regToken": reg_token}),
        ]:
            with self.subTest(method):
                answer, _ = self.mock.gigya(method, ApiKey=None, APIKey=GIGYA_KEY, **fields)
                self.assertEqual((answer["errorCode"], answer["errorMessage"]), (400006, "Invalid parameter value"))


# -------------------------------------------------------------------------------------------------

class Faults(unittest.TestCase):
    def start(self, *faults, **kwargs):
        mock = Mock(scenario=with_faults(*faults), **kwargs)
        self.addCleanup(mock.stop)
        return mock, mock.jwt()

    def test_latency_is_added_to_the_selected_endpoint(self):
        mock, token = self.start({"type": "latency", "endpoint": "battery-status", "ms": 400})
        started = time.monotonic()
        status, _ = mock.kamereon("GET", car(ZOE40, "battery-status", 2), token)
        elapsed = time.monotonic() - started
        self.assertEqual(status, 200)
        self.assertGreaterEqual(elapsed, 0.4)
        self.assertLess(elapsed, 3.0)
        mock.kamereon("GET", car(ZOE40, "cockpit"), token)
        log = mock.log_lines()
        self.assertEqual([(e["endpoint"], e.get("latency_ms")) for e in log[-2:]], [("battery-status", 400), ("cockpit", None)])

    def test_quota_after_n_requests_per_window(self):
        mock, token = self.start({"type": "quota", "limit": 3, "window_seconds": 60})
        statuses = [mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0] for _ in range(3)]
        self.assertEqual(statuses, [200, 200, 200])
        status, headers, body = mock.request("GET", car(ZOE40, "cockpit"), {"country": "FR"},
                                             headers={"apikey": KAMEREON_KEY, "x-gigya-id_token": token})
        self.assertEqual((status, body), (429, fixture_bytes("kamereon/error/quota_limit.json")))
        self.assertTrue(1 <= int(headers["retry-after"]) <= 60, headers)
        self.assertEqual(mock.log_lines()[-1]["fault"], "quota")
        mock.jwt()  # Gigya is not counted
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "battery-status", 2), token)[0], 429)

    def test_quota_window_ends(self):
        mock, token = self.start({"type": "quota", "limit": 1, "window_seconds": 1})
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 429)
        time.sleep(1.1)
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)

    def test_error_every_nth_request(self):
        mock, token = self.start({"type": "error", "every": 3})
        answers = [mock.kamereon("GET", car(ZOE40, "cockpit"), token) for _ in range(6)]
        self.assertEqual([status for status, _ in answers], [200, 200, 500, 200, 200, 500])
        self.assertEqual(answers[2][1], fixture_bytes("kamereon/error/invalid_upstream.json"))

    def test_error_with_a_fixture_on_one_endpoint_once(self):
        mock, token = self.start({"type": "error", "endpoint": "cockpit", "fixture": "kamereon/error/privacy_on.json",
                                  "times": 1, "after": 1})
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "battery-status", 2), token)[0], 200)
        status, body = mock.kamereon("GET", car(ZOE40, "cockpit"), token)
        self.assertEqual((status, body), (403, fixture_bytes("kamereon/error/privacy_on.json")))
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)

    def test_fault_restricted_to_one_vehicle(self):
        mock, token = self.start({"type": "error", "vin": ZOE50, "fixture": "kamereon/error/failed_forward.json"})
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)
        status, body = mock.kamereon("GET", car(ZOE50, "cockpit"), token)
        self.assertEqual((status, json.loads(body)["errors"][0]["errorCode"]), (502, "err.tech.wired.kamereon-proxy"))

    def test_reject_jwt_once(self):
        mock, token = self.start({"type": "reject_jwt_once"})
        status, body = mock.kamereon("GET", car(ZOE40, "cockpit"), token)
        self.assertEqual((status, body), (401, fixture_bytes("kamereon/error/unauthorized.json")))
        self.assertEqual(mock.kamereon("GET", car(ZOE40, "cockpit"), token)[0], 200)
        self.assertEqual([e["fault"] for e in mock.log_lines()[-2:]], ["reject_jwt_once", None])

    def test_html_502(self):
        mock, token = self.start({"type": "html_502", "endpoint": "battery-status"})
        status, headers, body = mock.request("GET", car(ZOE40, "battery-status", 2), {"country": "FR"},
                                             headers={"apikey": KAMEREON_KEY, "x-gigya-id_token": token})
        self.assertEqual((status, body), (502, fixture_bytes("kamereon/error/bad_gateway.html")))
        self.assertEqual(headers["content-type"], "text/html")

    def test_dropped_connection_gives_an_incomplete_read(self):
        mock, token = self.start({"type": "drop_connection", "endpoint": ["actions/hvac-start"]})
        with self.assertRaises(http.client.IncompleteRead):
            mock.kamereon("POST", car(ZOE40, "actions/hvac-start"), token,
                          body={"data": {"type": "HvacStart", "attributes": {"action": "start", "targetTemperature": 21}}})
        self.assertEqual(mock.log_lines()[-1]["fault"], "drop_connection")
        status, body = mock.kamereon("GET", car(ZOE40, "hvac-status"), token)
        self.assertEqual((status, json.loads(body)["data"]["attributes"]["hvacStatus"]), (200, "on"),
                         "the server acted before the connection dropped")

    def test_truncated_body_has_a_correct_content_length(self):
        mock, token = self.start({"type": "truncated_body", "endpoint": "battery-status"})
        status, headers, body = mock.request("GET", car(ZOE40, "battery-status", 2), {"country": "FR"},
                                             headers={"apikey": KAMEREON_KEY, "x-gigya-id_token": token})
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/error/truncated.json")))
        self.assertEqual(int(headers["content-length"]), len(body))
        with self.assertRaises(json.JSONDecodeError):
            json.loads(body)

    def test_login_token_expired(self):
        mock, token = self.start({"type": "login_token_expired", "after": 1})
        answer, _ = mock.gigya("accounts.getJWT", login_token=LOGIN_TOKEN)
        self.assertEqual(answer, fixture("gigya/error/get_jwt.403005.json"))
        answer, _ = mock.gigya("accounts.getAccountInfo", login_token=LOGIN_TOKEN)
        self.assertEqual(answer["data"]["personId"], PERSON, "the default selector is accounts.getJWT")

    def test_scenario_errors_per_endpoint_and_per_vehicle(self):
        scenario = default_scenario()
        scenario["errors"] = {"location": {"fixture": "kamereon/error/privacy_on.json"}}
        scenario["users"][0]["accounts"][0]["vehicles"][0]["errors"] = {
            "hvac-status": {"fixture": "kamereon/error/hvac-status.403.403011.json", "status": 403},
            "cockpit": "kamereon/error/failed_forward.json"}
        mock = Mock(scenario=scenario)
        self.addCleanup(mock.stop)
        token = mock.jwt()
        for vin, tail, status, rel in [(ZOE50, "location", 403, "kamereon/error/privacy_on.json"),
                                       (ZOE40, "hvac-status", 403, "kamereon/error/hvac-status.403.403011.json"),
                                       (ZOE40, "cockpit", 502, "kamereon/error/failed_forward.json")]:
            with self.subTest(vin=vin, endpoint=tail):
                self.assertEqual(mock.kamereon("GET", car(vin, tail), token), (status, fixture_bytes(rel)))
        self.assertEqual(mock.kamereon("GET", car(ZOE50, "hvac-status"), token)[0], 200)


# -------------------------------------------------------------------------------------------------

class RequestLog(MockTest):
    @classmethod
    def setUpClass(cls):
        cls.mock_scenario = (SCENARIOS / "two_factor.json").read_text()
        super().setUpClass()

    def test_every_request_is_a_json_line_without_secrets(self):
        mock = self.mock
        secrets = {PASSWORD, LOGIN_TOKEN, GIGYA_KEY, KAMEREON_KEY, "123456"}
        mock.gigya("accounts.login", loginID=LOGIN, password="wrong-password-1")
        secrets.add("wrong-password-1")
        answer, _ = mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        reg_token = answer["regToken"]
        answer, headers = mock.gigya("accounts.webSdkBootstrap", ApiKey=None, apiKey=GIGYA_KEY)
        gmid = headers["set-cookie"].split(";")[0]
        answer, _ = mock.gigya("accounts.tfa.initTFA", ApiKey=None, APIKey=GIGYA_KEY, regToken=reg_token,
                               provider="gigyaEmail", mode="verify")
        assertion = answer["gigyaAssertion"]
        answer, _ = mock.gigya("accounts.tfa.email.sendVerificationCode", ApiKey=None, APIKey=GIGYA_KEY,
                               gigyaAssertion=assertion, emailID="email-id-1")
        phv = answer["phvToken"]
        answer, _ = mock.gigya("accounts.tfa.email.completeVerification", ApiKey=None, APIKey=GIGYA_KEY,
                               gigyaAssertion=assertion, phvToken=phv, code="123456")
        provider = answer["providerAssertion"]
        mock.gigya("accounts.tfa.finalizeTFA", ApiKey=None, APIKey=GIGYA_KEY, gigyaAssertion=assertion,
                   providerAssertion=provider, regToken=reg_token)
        mock.gigya("accounts.finalizeRegistration", ApiKey=None, APIKey=GIGYA_KEY, regToken=reg_token)
        token = mock.jwt()
        secrets |= {reg_token, gmid.split("=", 1)[1], assertion, phv, provider, token}
        # A Gigya call sent as GET with the token in the query: the value is not logged either.
        status, _, _ = mock.request("GET", "/accounts.getAccountInfo", {"ApiKey": GIGYA_KEY, "login_token": LOGIN_TOKEN})
        self.assertEqual(status, 200)
        mock.kamereon("GET", f"/commerce/v1/persons/{PERSON}", token)
        mock.kamereon("GET", car(ZOE40, "charge-history"), token,
                      query={"country": "FR", "type": "day", "start": "20201201", "end": "20201231"})
        mock.kamereon("POST", car(ZOE40, "actions/hvac-start"), token,
                      body={"data": {"type": "HvacStart", "attributes": {"action": "start", "targetTemperature": 21}}})
        mock.kamereon("GET", car(ZOE40, "cockpit"), "sample-jwt-token")

        text = mock.log_path.read_text()
        for secret in secrets:
            self.assertNotIn(secret, text)
        self.assertNotIn("eyJ", text)
        log = mock.log_lines()
        self.assertEqual(len(log), 14)
        for entry in log:
            self.assertTrue({"time", "method", "path", "query", "headers_present", "status", "endpoint", "fault"} <= set(entry))
            self.assertRegex(entry["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        by_endpoint = {}
        for entry in log:
            by_endpoint.setdefault(entry["endpoint"], []).append(entry)
        login = by_endpoint["accounts.login"]
        self.assertEqual([e.get("auth") for e in login], ["wrong_login_or_password", None])
        self.assertEqual(login[0]["form_fields"], ["ApiKey", "loginID", "password"])
        self.assertEqual(login[0]["query"], {})
        get_info = by_endpoint["accounts.getAccountInfo"][0]
        self.assertEqual((get_info["method"], get_info["query"]), ("GET", {"ApiKey": "***", "login_token": "***"}))
        history = by_endpoint["charge-history"][0]
        self.assertEqual(history["query"], {"country": "FR", "type": "day", "start": "20201201", "end": "20201231"})
        self.assertEqual(history["path"], car(ZOE40, "charge-history"))
        self.assertTrue({"apikey", "x-gigya-id_token"} <= set(history["headers_present"]))
        self.assertEqual((history["status"], history["fault"]), (200, None))
        self.assertEqual(by_endpoint["actions/hvac-start"][0]["method"], "POST")
        rejected = by_endpoint["cockpit"][0]
        self.assertEqual((rejected["status"], rejected["auth"]), (401, "jwt_malformed"))


# -------------------------------------------------------------------------------------------------

class Tls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="renault-mock-tls-")
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.certs = Certificates(cls.tmp.name)
        cls.mock = Mock(tls=cls.certs)
        cls.addClassCleanup(cls.mock.stop)

    def test_first_line_says_https(self):
        self.assertEqual(self.mock.first_line, f"listening on https://127.0.0.1:{self.mock.port}\n")

    def test_login_jwt_and_reads_over_https(self):
        answer, _ = self.mock.gigya("accounts.login", loginID=LOGIN, password=PASSWORD)
        self.assertEqual(answer["sessionInfo"]["cookieValue"], LOGIN_TOKEN)
        token = self.mock.jwt()
        status, body = self.mock.kamereon("GET", car(ZOE40, "battery-status", 2), token)
        self.assertEqual((status, body), (200, fixture_bytes("kamereon/vehicle_data/battery-status.zoe_40.json")))
        status, body = self.mock.kamereon("POST", car(ZOE40, "actions/hvac-start"), token,
                                          body={"data": {"type": "HvacStart", "attributes": {"action": "cancel"}}})
        self.assertEqual(json.loads(body)["data"]["attributes"], {"action": "cancel"})

    def test_keep_alive_connection_serves_several_requests(self):
        conn = http.client.HTTPSConnection("127.0.0.1", self.mock.port, context=self.certs.context, timeout=TIMEOUT)
        self.addCleanup(conn.close)
        for _ in range(3):
            conn.request("POST", "/accounts.getAccountInfo", body=f"ApiKey={GIGYA_KEY}&login_token={LOGIN_TOKEN}",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = conn.getresponse()
            self.assertEqual(json.loads(response.read())["data"]["personId"], PERSON)

    def test_a_client_that_does_not_trust_the_ca_fails(self):
        with self.assertRaises(urllib.error.URLError) as caught:
            self.mock.request("GET", "/", context=ssl.create_default_context())
        self.assertIsInstance(caught.exception.reason, ssl.SSLCertVerificationError)

    def test_plain_http_to_the_https_port_fails(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.mock.port, timeout=TIMEOUT)
        self.addCleanup(conn.close)
        with self.assertRaises((http.client.HTTPException, OSError)):
            conn.request("GET", "/")
            conn.getresponse().read()

    def test_unusable_certificate_exits_1(self):
        junk = Path(self.tmp.name) / "junk.pem"
        junk.write_text("not a certificate\n")
        result = subprocess.run([MOCK, "--port", "0", "--tls-cert", str(junk), "--tls-key", self.certs.key],
                                capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(result.returncode, 1)
        self.assertIn("cannot use the certificate", result.stderr)
        result = subprocess.run([MOCK, "--port", "0", "--tls-cert", self.certs.cert],
                                capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(result.returncode, 2, "--tls-cert needs --tls-key")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mock", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--scenarios", required=True)
    args, rest = parser.parse_known_args()
    MOCK = args.mock
    FIXTURES = Path(args.fixtures)
    SCENARIOS = Path(args.scenarios)
    unittest.main(argv=[sys.argv[0], *rest])
