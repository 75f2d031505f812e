#!/usr/bin/env python3
"""renault-bridge against real parts on loopback: its own mosquitto broker on a free port (with its
own configuration file), renault-mock for the API, a login made by renault-api into a temporary
HOME, and a test subscriber (mqtt_client.py, raw MQTT 3.1.1). Checks the discovery configs and the
states against the mock's data, a command reaching the mock (its request log) with the published
result, malformed commands answered with an error and nothing sent, the broker killed and
restarted (reconnection, everything published again), and SIGTERM (offline published, exit 0);
with faults of the mock: the quota cooldown honoured and recovery, a JWT rejected once and
refreshed, an endpoint failing alone, and the metrics.
Exits 77 (skipped) only when the mosquitto broker is not installed."""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cli"))
import cli_support  # noqa: E402
from mqtt_client import Client  # noqa: E402

ZOE40 = "VF1AAAAA555777999"  # X101VE: no location, the only one with charge-mode
R5 = "VF1AAAAA555777333"     # R5E1VE: charging, location
CLIO = "VF1AAAAA555777555"   # XJA1VP: fuel, no battery-status
MEGANE = "VF1AAAAA555777222"  # XCB1VE: horn, lights, SoC levels
TIMEOUT = 20

ARGS = None
MAKE_CERTS = Path(__file__).resolve().parents[1] / "transport" / "make_certs.sh"


def find_mosquitto():
    return shutil.which("mosquitto") or next((p for p in ("/usr/sbin/mosquitto",) if os.access(p, os.X_OK)), None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


class Broker:
    def __init__(self, directory, tls=False, user=None, password=None):
        """A broker on a free port: anonymous and plain by default; with `tls`, the test CA's server
        certificate (tests/transport/make_certs.sh) and only `user` / `password` let in."""
        self.port = free_port()
        self.config = Path(directory) / "mosquitto.conf"
        config = f"listener {self.port} 127.0.0.1\npersistence false\n"
        if os.geteuid() == 0:  # started as root, mosquitto would become the user mosquitto: keep our files readable
            config += "user root\n"
        if tls:
            certs = Path(directory) / "certs"
            subprocess.run(["bash", str(MAKE_CERTS), str(certs)], check=True, capture_output=True, timeout=120)
            self.ca_file = str(certs / "ca.pem")
            passwords = Path(directory) / "passwords"
            passwords.write_text("")
            subprocess.run(["mosquitto_passwd", "-b", str(passwords), user, password], check=True, capture_output=True,
                           timeout=TIMEOUT)
            config += (f"cafile {certs / 'ca.pem'}\ncertfile {certs / 'server.pem'}\nkeyfile {certs / 'server.key'}\n"
                       f"allow_anonymous false\npassword_file {passwords}\n")
        else:
            config += "allow_anonymous true\n"
        self.config.write_text(config)
        self.log = open(Path(directory) / "mosquitto.log", "a")
        self.process = None

    def start(self):
        self.process = subprocess.Popen([find_mosquitto(), "-c", str(self.config)], stdout=self.log, stderr=self.log)
        wait_port(self.port)

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=TIMEOUT)


def fixture(rel):
    return json.loads((Path(ARGS.fixtures) / rel).read_text())


class BridgeTest(unittest.TestCase):
    """A broker, the mock (with `scenario`, a dict, when given), a login and one bridge (with
    `bridge_args`) for a whole class; its tests run in the order of their names."""
    scenario = None
    mock_args = []
    bridge_args = []
    broker_options = {}
    bridge_env = {}

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        path = Path(cls.dir.name)
        cls.broker = Broker(path, **cls.broker_options)
        cls.broker.start()
        mock_args = list(cls.mock_args)
        if cls.scenario is not None:
            (path / "scenario.json").write_text(json.dumps(cls.scenario))
            mock_args += ["--scenario", str(path / "scenario.json"), "--fixtures", ARGS.fixtures]
        cls.mock, cls.url, cls.mock_log = cli_support.launch_mock(ARGS.mock, path, *mock_args)
        cls.home = path / "home"
        cls.home.mkdir()
        cls.env = {"PATH": os.environ.get("PATH", ""), "HOME": str(cls.home), "TZ": "UTC",
                   "RENAULT_GIGYA_URL": cls.url, "RENAULT_KAMEREON_URL": cls.url}
        login = subprocess.run([ARGS.cli, "--locale", "fr_FR", "login", "--user", cli_support.USER,
                                "--password", cli_support.PASSWORD], env=cls.env, capture_output=True, text=True,
                               timeout=60, stdin=subprocess.DEVNULL)
        assert login.returncode == 0, login.stderr
        cls.login_requests = len(cls.read_mock_log())
        cls.subscriber = cls.client("subscriber-1")
        cls.subscriber.subscribe("#")
        cls.bridge_err = open(path / "bridge.err", "w+")
        tls = ["--mqtt-ca-file", cls.broker.ca_file] if cls.broker_options.get("tls") else []
        cls.bridge = subprocess.Popen([ARGS.bridge, "--mqtt-host", "127.0.0.1", "--mqtt-port", str(cls.broker.port),
                                       "--debug", *tls, *cls.bridge_args],
                                      env={**cls.env, **cls.bridge_env}, stdout=subprocess.DEVNULL, stderr=cls.bridge_err,
                                      stdin=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        if cls.bridge.poll() is None:
            cls.bridge.kill()
            cls.bridge.wait(timeout=TIMEOUT)
        cls.subscriber.close()
        cli_support.stop(cls.mock)
        if cls.broker.process.poll() is None:
            cls.broker.kill()
        cls.bridge_err.close()
        cls.dir.cleanup()

    @classmethod
    def client(cls, client_id):
        """A test client of the broker (with TLS and the user of a TLS broker)."""
        if cls.broker_options.get("tls"):
            return Client(cls.broker.port, client_id, ca_file=cls.broker.ca_file, user=cls.broker_options["user"],
                          password=cls.broker_options["password"])
        return Client(cls.broker.port, client_id)

    @classmethod
    def read_mock_log(cls):
        return [json.loads(line) for line in cls.mock_log.read_text().splitlines() if line.strip()]

    def bridge_log(self):
        self.bridge_err.flush()
        return (Path(self.dir.name) / "bridge.err").read_text()

    def wait_topic(self, topic, client=None, predicate=lambda payload: True, timeout=TIMEOUT):
        message = (client or self.subscriber).wait_for(lambda t, p, r: t == topic and predicate(p), timeout)
        self.assertIsNotNone(message, f"nothing on {topic}; bridge log:\n{self.bridge_log()}")
        return message[1]

    def mock_requests(self):
        return self.read_mock_log()

    def config(self, component, vin, object_id):
        return json.loads(self.wait_topic(f"homeassistant/{component}/renault_{vin.lower()}/{object_id}/config"))


class Bridge(BridgeTest):
    """The default scenario of the mock."""
    bridge_args = ["--after-action", "1", "--budget", "200"]

    def test_1_discovery_configs_describe_each_car(self):
        self.assertEqual(self.wait_topic("renault/bridge/availability"), "online")
        details = fixture("kamereon/vehicles/zoe_40.1.json")["vehicleLinks"][0]["vehicleDetails"]
        level = self.config("sensor", ZOE40, "battery_level")
        self.assertEqual(level["device"]["manufacturer"], details["brand"]["label"])
        self.assertEqual(level["device"]["model"], details["model"]["label"])
        self.assertEqual(level["device"]["serial_number"], ZOE40)
        self.assertEqual(level["device"]["identifiers"], [f"renault_{ZOE40.lower()}"])
        self.assertEqual(level["device_class"], "battery")
        self.assertEqual(level["unit_of_measurement"], "%")
        self.assertEqual(level["state_topic"], f"renault/{ZOE40}/battery-status/batteryLevel")
        self.assertEqual([a["topic"] for a in level["availability"]],
                         ["renault/bridge/availability", f"renault/{ZOE40}/battery-status/availability"])
        # The Zoe phase 1 reports its charging power in W, the Renault 5 in kW.
        self.assertEqual(self.config("sensor", ZOE40, "charging_power")["unit_of_measurement"], "W")
        self.assertEqual(self.config("sensor", R5, "charging_power")["unit_of_measurement"], "kW")
        self.assertEqual(self.config("sensor", ZOE40, "mileage")["device_class"], "distance")
        self.assertEqual(self.config("binary_sensor", R5, "charging")["device_class"], "battery_charging")
        # Location: a device tracker for the Renault 5, none for the Zoe phase 1 (no location).
        tracker = self.config("device_tracker", R5, "location")
        self.assertEqual(tracker["json_attributes_topic"], f"renault/{R5}/location/tracker")
        # Controls.
        select = self.config("select", ZOE40, "charge_mode")
        self.assertEqual(select["command_topic"], f"renault/{ZOE40}/charge_mode/set")
        self.assertEqual(select["state_topic"], f"renault/{ZOE40}/charge-mode/chargeMode")
        self.assertIn("schedule_mode", select["options"])
        self.assertEqual(self.config("button", ZOE40, "horn")["command_topic"], f"renault/{ZOE40}/horn/set")
        self.assertEqual(self.config("number", R5, "soc_target")["min"], 55)
        self.assertEqual(self.config("number", ZOE40, "hvac_temperature")["max"], 30)
        # What a model lacks gets no entity.
        self.assertEqual(self.subscriber.count(lambda t, p, r: t.startswith(f"homeassistant/device_tracker/renault_{ZOE40.lower()}/")), 0)
        self.assertEqual(self.subscriber.count(lambda t, p, r: t.startswith(f"homeassistant/sensor/renault_{CLIO.lower()}/battery")), 0)
        # The Clio (fuel): no charge controls, no HVAC (its model has no HVAC start); its fuel level.
        self.assertEqual(self.config("sensor", CLIO, "fuel_quantity")["unit_of_measurement"], "L")
        self.wait_topic(f"homeassistant/button/renault_{CLIO.lower()}/refresh_location/config")
        clio = [t for t, p, r in self.subscriber.messages if t.startswith("homeassistant/") and CLIO.lower() in t]
        self.assertFalse([t for t in clio if "charge" in t or "hvac" in t], clio)

    def test_2_states_hold_the_mock_data(self):
        zoe = fixture("kamereon/vehicle_data/battery-status.zoe_40.json")["data"]["attributes"]
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/batteryLevel"), str(zoe["batteryLevel"]))
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/batteryAutonomy"), str(zoe["batteryAutonomy"]))
        state = json.loads(self.wait_topic(f"renault/{ZOE40}/battery-status"))
        self.assertEqual(state["batteryLevel"], zoe["batteryLevel"])
        r5 = fixture("kamereon/vehicle_data/battery-status.renault_5.json")["data"]["attributes"]
        self.assertEqual(self.wait_topic(f"renault/{R5}/battery-status/chargingInstantaneousPower"),
                         str(r5["chargingInstantaneousPower"]))
        mileage = fixture("kamereon/vehicle_data/cockpit.zoe.json")["data"]["attributes"]["totalMileage"]
        self.assertEqual(float(self.wait_topic(f"renault/{ZOE40}/cockpit/totalMileage")), mileage)
        location = fixture("kamereon/vehicle_data/location.1.json")["data"]["attributes"]
        tracker = json.loads(self.wait_topic(f"renault/{R5}/location/tracker"))
        self.assertEqual(tracker["latitude"], location["gpsLatitude"])
        self.assertEqual(tracker["longitude"], location["gpsLongitude"])
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/charge-mode/chargeMode"), "always")
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/availability"), "online")
        # Only what the models offer was read: no location of the Zoe phase 1, no battery of the Clio.
        paths = [r["path"] for r in self.mock_requests()]
        self.assertFalse([p for p in paths if ZOE40 in p and p.endswith("/location")])
        self.assertFalse([p for p in paths if CLIO in p and p.endswith("/battery-status")])

    def test_3_a_command_reaches_the_mock_and_its_result_is_published(self):
        self.wait_topic(f"renault/{ZOE40}/charge-mode/chargeMode")
        self.subscriber.publish(f"renault/{ZOE40}/charge_mode/set", "schedule_mode")
        result = json.loads(self.wait_topic(f"renault/{ZOE40}/charge_mode/result"))
        self.assertEqual(result, {"command": "charge_mode", "payload": "schedule_mode", "result": "done"})
        posts = [r for r in self.mock_requests() if r["method"] == "POST" and r.get("endpoint") == "actions/charge-set-mode"]
        self.assertEqual(len(posts), 1)
        self.assertIn(f"/cars/{ZOE40}/actions/charge-mode", posts[0]["path"])
        self.assertEqual(posts[0]["status"], 200)
        # The state is read again shortly after the action.
        self.wait_topic(f"renault/{ZOE40}/charge-mode/chargeMode", predicate=lambda p: p == "schedule_mode")

    def test_3b_every_command_reaches_the_mock_once_with_its_result(self):
        self.wait_topic(f"renault/{MEGANE}/battery-status/batteryLevel")
        # (car, command, payload, the action's endpoint key in the mock's log)
        cases = [(ZOE40, "charge", "start", "actions/charge-start"),
                 (ZOE40, "charge", "stop", "actions/charge-stop"),
                 (ZOE40, "hvac", "21.5", "actions/hvac-start"),
                 (ZOE40, "hvac", "stop", "actions/hvac-stop"),
                 (ZOE40, "horn", "PRESS", "actions/horn-start"),
                 (ZOE40, "lights", "PRESS", "actions/lights-start"),
                 (ZOE40, "refresh_location", "PRESS", "actions/refresh-location"),
                 (MEGANE, "soc_target", "80", "actions/soc-levels"),
                 (MEGANE, "soc_min", "20", "actions/soc-levels")]
        for vin, command, payload, endpoint in cases:
            with self.subTest(command=command, payload=payload):
                before = len(self.mock_requests())
                self.subscriber.publish(f"renault/{vin}/{command}/set", payload)
                result = json.loads(self.wait_topic(f"renault/{vin}/{command}/result",
                                                    predicate=lambda p, payload=payload: json.loads(p)["payload"] == payload))
                self.assertEqual(result["result"], "done", result)
                posts = [r for r in self.mock_requests()[before:] if r["method"] == "POST" and "/kamereon/" in r["path"]]
                self.assertEqual([(r.get("endpoint"), r["status"]) for r in posts], [(endpoint, 200)])
                self.assertIn(f"/{vin}/", posts[0]["path"])
        # hvac_temperature is kept for the next "start": nothing is sent for it.
        before = len(self.mock_requests())
        self.subscriber.publish(f"renault/{ZOE40}/hvac_temperature/set", "19")
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/hvac_temperature", predicate=lambda p: p == "19"), "19")
        time.sleep(0.3)
        self.assertFalse([r for r in self.mock_requests()[before:] if r["method"] == "POST" and "/kamereon/" in r["path"]])

    def test_4_malformed_commands_are_refused_and_nothing_is_sent(self):
        self.wait_topic("renault/bridge/availability")
        before = len([r for r in self.mock_requests() if r["method"] == "POST" and "/kamereon/" in r["path"]])
        cases = [("charge_mode", "turbo", "invalid value for charge_mode/set: `turbo`"),
                 ("hvac", "1000", "invalid value for hvac/set: `1000`"),
                 ("soc_target", "42", "Target state of charge level must be between 55 and 100"),
                 ("charge", "maybe", "accepted: start, stop"),
                 ("horn", "{\"x\": 1}", "accepted: PRESS"),
                 ("lights", "\x1b[31mred", "invalid value for lights/set: `?[31mred`"),
                 ("hvac_temperature", "2" * 5000, "a payload of 5000 bytes (at most 64)")]
        for command, payload, expected in cases:
            self.subscriber.publish(f"renault/{R5}/{command}/set", payload)
            shown = payload.replace("\x1b", "?")[:128] + ("..." if len(payload) > 128 else "")
            result = json.loads(self.wait_topic(f"renault/{R5}/{command}/result",
                                                predicate=lambda p, shown=shown: json.loads(p)["payload"] == shown))
            self.assertEqual(result["result"], "error", result)
            self.assertIn(expected, result["error"])
        # The Renault 5 has no charge stop: refused before sending too.
        self.subscriber.publish(f"renault/{R5}/charge/set", "stop")
        result = json.loads(self.wait_topic(f"renault/{R5}/charge/result",
                                            predicate=lambda p: json.loads(p)["payload"] == "stop"))
        self.assertIn("not offered by this model", result["error"])
        time.sleep(0.5)
        after = len([r for r in self.mock_requests() if r["method"] == "POST" and "/kamereon/" in r["path"]])
        self.assertEqual(after, before)

    def test_5_broker_restart_reconnects_and_republishes(self):
        self.wait_topic(f"homeassistant/sensor/renault_{ZOE40.lower()}/battery_level/config")
        self.broker.kill()
        self.broker.start()
        # A new broker without persistence: everything it holds was published again by the bridge.
        fresh = Client(self.broker.port, "subscriber-2")
        try:
            fresh.subscribe("#")
            self.assertEqual(self.wait_topic("renault/bridge/availability", client=fresh, timeout=40), "online")
            config = json.loads(self.wait_topic(f"homeassistant/sensor/renault_{ZOE40.lower()}/battery_level/config",
                                                client=fresh))
            self.assertEqual(config["device"]["serial_number"], ZOE40)
            self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/batteryLevel", client=fresh), "50")
            # Home Assistant's birth message: the configs again.
            seen = fresh.count(lambda t, p, r: t.endswith("/battery_level/config") and ZOE40.lower() in t)
            fresh.publish("homeassistant/status", "online")
            fresh.wait_for(lambda t, p, r: False, timeout=1.5)
            self.assertGreater(fresh.count(lambda t, p, r: t.endswith("/battery_level/config") and ZOE40.lower() in t), seen)
        finally:
            fresh.close()
        self.__class__.subscriber.close()
        self.__class__.subscriber = Client(self.broker.port, "subscriber-3")
        self.__class__.subscriber.subscribe("renault/bridge/availability")
        self.wait_topic("renault/bridge/availability")

    def test_6_sigterm_publishes_offline_and_exits_0(self):
        self.bridge.send_signal(signal.SIGTERM)
        self.assertEqual(self.bridge.wait(timeout=TIMEOUT), 0, self.bridge_log())
        self.wait_topic("renault/bridge/availability", predicate=lambda p: p == "offline")
        log = self.bridge_log()
        self.assertIn("offline published", log)
        # Logs redacted, even with --debug (every request traced): never the login token nor a JWT.
        self.assertIn("GET http://127.0.0.1", log)
        self.assertNotIn(cli_support.TOKEN, log)
        self.assertNotIn("eyJ", log)


def log_time(request):
    return datetime.datetime.strptime(request["time"], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()


def default_scenario():
    return json.loads(subprocess.run([ARGS.mock, "--print-default-scenario"], capture_output=True, text=True,
                                     timeout=TIMEOUT, check=True).stdout)


class Faults(BridgeTest):
    """The quota (429 after 10 requests in 4 s), a JWT rejected once, and the Zoe's cockpit failing:
    the cooldown honoured, one refresh of the JWT, per-endpoint availability, recovery, metrics."""
    bridge_args = ["--quota-cooldown", "3", "--budget", "200", "--metrics", "127.0.0.1:0"]

    @classmethod
    def setUpClass(cls):
        scenario = default_scenario()
        zoe = scenario["users"][0]["accounts"][0]["vehicles"][0]
        assert zoe["vin"] == ZOE40
        zoe["errors"] = {"cockpit": {"fixture": "kamereon/error/resource_not_found.json", "status": 404}}
        scenario["faults"] = [{"type": "reject_jwt_once", "after": 3},
                              {"type": "quota", "limit": 10, "window_seconds": 4}]
        cls.scenario = scenario
        super().setUpClass()

    def kamereon(self):
        return [r for r in self.mock_requests()[self.login_requests:] if r["path"].startswith("/commerce/")]

    def test_1_quota_cooldown_is_honoured_and_the_bridge_recovers(self):
        # Every car's battery (or cockpit for the Clio) gets through in the end.
        for vin, topic in [(ZOE40, "battery-status/batteryLevel"), (R5, "battery-status/batteryLevel"),
                           (CLIO, "cockpit/totalMileage"), ("VF1AAAAA555777445", "location/tracker")]:
            self.wait_topic(f"renault/{vin}/{topic}", timeout=60)
        requests = self.kamereon()
        limited = [i for i, r in enumerate(requests) if r["status"] == 429]
        self.assertTrue(limited, "the quota was never hit")
        for i in limited:
            later = requests[i + 1:]
            if later:  # nothing before the 3 s cooldown is over
                self.assertGreaterEqual(log_time(later[0]) - log_time(requests[i]), 2.9, requests[i:i + 2])
        self.assertIsNone(self.bridge.poll(), self.bridge_log())
        self.assertIn("quota cooldown of account account-id-1", self.bridge_log())

    def test_2_a_rejected_jwt_is_refreshed_once(self):
        requests = self.mock_requests()[self.login_requests:]
        rejected = [i for i, r in enumerate(requests) if r["status"] == 401]
        self.assertEqual(len(rejected), 1, rejected)
        after = requests[rejected[0] + 1:]
        self.assertEqual(after[0]["path"], "/accounts.getJWT")
        self.assertEqual(after[1]["path"], requests[rejected[0]]["path"])  # the same read, once more

    def test_3_a_failing_endpoint_is_unavailable_alone(self):
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/cockpit/availability"), "offline")
        error = json.loads(self.wait_topic(f"renault/{ZOE40}/cockpit/error"))
        self.assertEqual(error["kind"], "not_supported")
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/availability", timeout=60), "online")
        mileage = self.config("sensor", ZOE40, "mileage")
        self.assertIn(f"renault/{ZOE40}/cockpit/availability", [a["topic"] for a in mileage["availability"]])

    def test_4_metrics(self):
        match = re.search(r"metrics on http://127\.0\.0\.1:(\d+)/metrics", self.bridge_log())
        self.assertIsNotNone(match, self.bridge_log())
        with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/metrics", timeout=TIMEOUT) as answer:
            text = answer.read().decode()
        self.assertIn("text/plain", answer.headers["Content-Type"])
        self.assertRegex(text, r'renault_bridge_errors_total\{kind="rate_limited"\} [1-9]')
        self.assertRegex(text, r'renault_bridge_errors_total\{kind="not_supported"\} [1-9]')
        self.assertRegex(text, r'renault_bridge_budget_left\{account="account-id-1"\} \d+')
        self.assertRegex(text, rf'renault_bridge_last_good_read_age_seconds\{{vin="{R5}"\}} \d+')
        self.assertIn("renault_bridge_mqtt_connected 1", text)
        sent = int(re.search(r"renault_bridge_requests_total (\d+)", text).group(1))
        self.assertGreater(sent, 10)


class Tls(BridgeTest):
    """The broker over TLS (the test CA), with the user given in the environment and the password
    in a file: the bridge connects, publishes, and never shows the password. And an endpoint
    override file (RENAULT_ENDPOINTS_FILE) taking the location away from the Renault 5: no device
    tracker, no location read."""
    broker_options = {"tls": True, "user": "renault", "password": "mqtt-secret-password"}
    bridge_env = {"RENAULT_BRIDGE_MQTT_USER": "renault"}

    @classmethod
    def setUpClass(cls):
        cls.files = tempfile.TemporaryDirectory()
        password = Path(cls.files.name) / "mqtt-password"
        password.write_text("mqtt-secret-password\n")
        overrides = Path(cls.files.name) / "endpoints.json"
        overrides.write_text(json.dumps({"version": 1, "models": {"R5E1VE": {"endpoints": {
            "location": None, "lock-status": "default"}}}}))
        cls.bridge_args = ["--mqtt-password-file", str(password)]
        cls.bridge_env = {**cls.bridge_env, "RENAULT_ENDPOINTS_FILE": str(overrides)}
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.files.cleanup()

    def test_tls_with_user_and_password(self):
        self.assertEqual(self.wait_topic("renault/bridge/availability"), "online")
        self.assertEqual(self.wait_topic(f"renault/{ZOE40}/battery-status/batteryLevel"), "50")
        self.assertEqual(self.wait_topic(f"renault/{R5}/cockpit/availability"), "online")
        self.config("sensor", R5, "mileage")
        self.assertEqual(self.subscriber.count(lambda t, p, r: t.startswith(f"homeassistant/device_tracker/renault_{R5.lower()}/")), 0)
        self.assertFalse([r for r in self.mock_requests() if r["path"].endswith(f"/cars/{R5}/location")])
        # lock-status, added by the file: a Lock entity, and reads (the mock, which follows the
        # built-in table, refuses them: the entity is unavailable, the others are not).
        lock = self.config("binary_sensor", R5, "lock")
        self.assertEqual(lock["device_class"], "lock")
        self.assertEqual(lock["state_topic"], f"renault/{R5}/lock-status/lockStatus")
        self.assertEqual(self.subscriber.count(
            lambda t, p, r: t == f"homeassistant/binary_sensor/renault_{ZOE40.lower()}/lock/config"), 0)
        self.assertEqual(self.wait_topic(f"renault/{R5}/lock-status/availability"), "offline")
        self.assertTrue([r for r in self.mock_requests() if r["path"].endswith(f"/cars/{R5}/lock-status")])
        self.bridge.send_signal(signal.SIGTERM)
        self.assertEqual(self.bridge.wait(timeout=TIMEOUT), 0, self.bridge_log())
        self.assertNotIn("mqtt-secret-password", self.bridge_log())


class Accelerated(BridgeTest):
    """An hour and a half of polling in 15 s (--time-scale 360: a virtual hour is 10 s), two cars,
    a budget of 18 requests an hour below what the cadences ask: never more than 18 requests in
    any hour (counted in the mock's log), the budget used, and the charging Renault 5's battery
    read far more often than the parked Zoe's. JWTs live 66 s here: each is renewed before it expires
    (the client renews 60 s before), never sent expired."""
    mock_args = ["--jwt-lifetime", "66"]
    bridge_args = ["--time-scale", "360", "--budget", "18", "--vin", R5, "--vin", ZOE40]
    HOUR = 3600 / 360

    def test_budget_and_cadence_over_an_hour_and_a_half(self):
        self.wait_topic(f"renault/{R5}/battery-status/batteryLevel")
        time.sleep(1.5 * self.HOUR)
        # The requests of account-id-1 (the person's, which the bridge counts for every account,
        # included; the list of account-id-2's vehicles is that account's).
        requests = [r for r in self.mock_requests()[self.login_requests:]
                    if r["path"].startswith(("/commerce/v1/persons/", "/commerce/v1/accounts/account-id-1/"))]
        times = [log_time(r) for r in requests]
        most = max(sum(1 for u in times if t <= u < t + self.HOUR) for t in times)
        self.assertLessEqual(most, 18, f"{most} requests in an hour: " + "\n".join(
            f"{t - times[0]:.3f} {r['method']} {r['path']} {r['status']}" for t, r in zip(times, requests)))
        self.assertGreaterEqual(most, 17, "the budget is used")
        battery = lambda vin: sum(1 for r in requests if r["path"].endswith(f"/cars/{vin}/battery-status"))
        # Charging: every 5 min while the budget allows (13 or so); parked: every 30 min ± 10 %
        # (0, 27, 54 and 81 min at the shortest).
        self.assertGreaterEqual(battery(R5), 8)
        self.assertLessEqual(battery(ZOE40), 4)
        self.assertGreaterEqual(battery(ZOE40), 2)
        self.assertIn("budget of account account-id-1 used (18 of 18 requests in the last hour)", self.bridge_log())
        # The JWT: renewed every 6 s or so (60 s before its exp, which the mock writes in whole
        # seconds: 5 to 6 s after it was issued), one getJWT each time, no 401.
        everything = self.mock_requests()[self.login_requests:]
        renewals = [log_time(r) for r in everything if r["path"] == "/accounts.getJWT"]
        self.assertGreaterEqual(len(renewals), 2)
        self.assertLessEqual(len(renewals), 4)
        for earlier, later in zip(renewals, renewals[1:]):
            self.assertGreaterEqual(later - earlier, 4.9)
        self.assertFalse([r for r in everything if r["status"] == 401])


class Usage(unittest.TestCase):
    """Bad options and a missing login: exit 2 with a message, before any connection."""

    def run_bridge(self, *args, home):
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "TZ": "UTC"}
        return subprocess.run([ARGS.bridge, *args], env=env, capture_output=True, text=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)

    def test_bad_options_and_no_login_are_usage_errors(self):
        with tempfile.TemporaryDirectory() as home:
            for args, message in [(["--mqtt-port", "99999"], "--mqtt-port"), (["--budget", "abc"], "--budget"),
                                  (["--vin", "X"], "--vin"), (["--no-such-option"], "no-such-option"),
                                  ([], "run `renault-api login` first")]:
                result = self.run_bridge(*args, home=home)
                self.assertEqual(result.returncode, 2, (args, result.stderr))
                self.assertIn(message, result.stderr)
            version = self.run_bridge("--version", home=home)
            self.assertEqual(version.returncode, 0)
            self.assertTrue(version.stdout.startswith("renault-bridge "), version.stdout)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    for name in ("--bridge", "--cli", "--mock", "--fixtures"):
        parser.add_argument(name, required=True)
    ARGS, rest = parser.parse_known_args()
    if not find_mosquitto():
        print("SKIP: the mosquitto broker is not installed (Debian package mosquitto)")
        return 77
    return cli_support.run_tests(rest)


if __name__ == "__main__":
    sys.exit(main())
