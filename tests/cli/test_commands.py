#!/usr/bin/env python3
"""The real renault-api against a real renault-mock (default scenario), with HOME in a temporary
directory: login and the credential file, settings precedence, tables, --json, errors, logs."""

import datetime
import json
import re
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import cli_support as support
from cli_support import PASSWORD, TOKEN, USER, ZOE

CLI = None
MOCK = None
URL = None
MOCK_PROCESS = None
MOCK_DIR = None

SERVER = ["--gigya-url", None, "--kamereon-url", None]


def launch_mock(directory, *args):
    """Starts renault-mock on a free port; returns the process and its URL."""
    process, url, _ = support.launch_mock(MOCK, directory, *args)
    return process, url


def start_mock():
    global MOCK_PROCESS, URL, MOCK_DIR
    MOCK_DIR = tempfile.TemporaryDirectory()
    MOCK_PROCESS, URL = launch_mock(MOCK_DIR.name)
    SERVER[1] = SERVER[3] = URL


stop = support.stop


def stop_mock():
    stop(MOCK_PROCESS)
    MOCK_DIR.cleanup()


class Home(support.Home):
    """A temporary HOME (and working directory) for one test, against the shared mock."""

    def __init__(self):
        super().__init__(CLI, lambda: SERVER)

    def login(self):
        result = self.run("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        assert result.returncode == 0, result.stderr
        return result


class HomeTest(unittest.TestCase):
    def setUp(self):
        self.home = Home()
        self.addCleanup(self.home.cleanup)  # runs last, after the other cleanups

    def ok(self, *args, **kwargs):
        result = self.home.run(*args, **kwargs)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result


class Login(HomeTest):
    def test_login_stores_the_token_with_mode_0600_and_never_the_password(self):
        result = self.home.login()
        self.assertEqual(result.stdout, "")
        self.assertEqual(stat.S_IMODE(self.home.credentials.stat().st_mode), 0o600)
        text = self.home.credentials.read_text()
        self.assertNotIn(PASSWORD, text)
        stored = json.loads(text)
        self.assertEqual(stored["gigya_login_token"], TOKEN)
        self.assertEqual(stored["locale"], "fr_FR")

    def test_login_prompts_for_user_and_password_on_stdin(self):
        result = self.ok("--locale", "fr_FR", "login", stdin=f"{USER}\n{PASSWORD}\n")
        self.assertEqual(result.stderr, "User: Password: ")
        self.assertEqual(self.home.stored()["gigya_login_token"], TOKEN)

    def test_login_without_input_is_a_usage_error(self):
        result = self.home.run("--locale", "fr_FR", "login", stdin="")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "User: \nError: no user given\n")

    def test_login_json(self):
        result = self.ok("--json", "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        self.assertEqual(json.loads(result.stdout), {"logged_in": True})

    def test_wrong_password_is_a_runtime_error_with_the_gigya_code(self):
        result = self.home.run("--locale", "fr_FR", "login", "--user", USER, "--password", "wrong")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertTrue(result.stderr.startswith("Error: "), result.stderr)
        self.assertIn("403042", result.stderr)
        self.assertNotIn("wrong", result.stderr.replace("Error:", ""))
        if self.home.credentials.exists():
            self.assertNotIn("gigya_login_token", self.home.stored())

    def test_no_locale_anywhere_is_a_usage_error(self):
        result = self.home.run("login", "--user", USER, "--password", PASSWORD)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "Please select a locale: \nError: no locale: give --locale (fr_FR, en_GB, …) "
                                        "or run `renault-api set --locale fr_FR`\n")

    def test_an_unknown_locale_is_a_usage_error(self):
        result = self.home.run("--locale", "xx_XX", "accounts")
        self.assertEqual(result.returncode, 2)
        self.assertTrue(result.stderr.startswith("Error: Locale `xx_XX` is unknown (known: bg_BG, "), result.stderr)

    def test_commands_without_a_login_ask_for_one(self):
        result = self.home.run("--locale", "fr_FR", "accounts")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "User: \nError: no user given\n")


class Settings(HomeTest):
    def test_set_settings_and_reset(self):
        self.ok("set", "--locale", "de_DE", "--account", "account-id-1", "--vin", ZOE, server=False)
        stored = self.home.stored()
        self.assertEqual(stored["locale"], "de_DE")
        self.assertEqual(stored["gigya-root-url"], "https://accounts.eu1.gigya.com")
        self.assertEqual(stored["accound-id"], "account-id-1")
        self.assertEqual(stored["vin"], ZOE)
        lines = self.ok("settings", server=False).stdout.splitlines()
        self.assertEqual(lines[0].split(), ["Key", "Value"])
        self.assertIn(["locale", "de_DE"], [line.split() for line in lines])
        self.assertIn(["accound-id", "account-id-1"], [line.split() for line in lines])
        doc = json.loads(self.ok("--json", "settings", server=False).stdout)
        self.assertEqual(doc["vin"], ZOE)
        self.ok("reset", server=False)
        self.assertFalse(self.home.credentials.exists())
        self.ok("reset", server=False)  # nothing to delete is fine

    def test_settings_hide_the_login_token(self):
        self.home.login()
        result = self.ok("settings")
        self.assertIn("(hidden)", result.stdout)
        self.assertNotIn(TOKEN, result.stdout)

    def test_unknown_locale_is_a_usage_error(self):
        result = self.home.run("set", "--locale", "xx_XX", server=False)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "Error: Locale `xx_XX` is unknown\n")

    def test_a_credential_file_written_by_the_reference_cli_is_read(self):
        # The reference writes json.dumps of its map: one line, ", " and ": " separators.
        reference = {"locale": "fr_FR", "country": "FR", "gigya-root-url": URL,
                     "gigya-api-key": "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N",
                     "kamereon-root-url": URL, "kamereon-api-key": "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J",
                     "gigya_login_token": TOKEN, "gigya_person_id": "person-id-1",
                     "accound-id": "account-id-1", "vin": ZOE}
        self.home.credentials.parent.mkdir()
        self.home.credentials.write_text(json.dumps(reference))
        result = self.ok("vehicle", server=False)
        self.assertEqual(result.stdout.splitlines(), [
            "Registration  Brand    Model  VIN",
            "------------  -------  -----  -----------------",
            "REG-NUMBER    RENAULT  ZOE    VF1AAAAA555777999",
        ])
        self.assertEqual(self.home.stored()["accound-id"], "account-id-1")


class Reads(HomeTest):
    def setUp(self):
        super().setUp()
        self.home.login()
        self.ok("set", "--account", "account-id-1")

    def test_accounts(self):
        self.assertEqual(self.ok("accounts").stdout.splitlines(), [
            "Type       ID",
            "---------  ------------",
            "MYRENAULT  account-id-1",
            "SFDC       account-id-2",
        ])
        self.assertEqual(json.loads(self.ok("--json", "accounts").stdout),
                         [{"type": "MYRENAULT", "id": "account-id-1"}, {"type": "SFDC", "id": "account-id-2"}])

    def test_settings_through_the_environment(self):
        env = {"RENAULT_GIGYA_URL": URL, "RENAULT_KAMEREON_URL": URL}
        result = self.ok("accounts", server=False, env=env)
        self.assertIn("MYRENAULT  account-id-1", result.stdout)

    def test_options_win_over_the_environment(self):
        env = {"RENAULT_GIGYA_URL": "http://127.0.0.1:1", "RENAULT_KAMEREON_URL": "http://127.0.0.1:1"}
        self.ok("accounts", env=env)

    def test_vehicles(self):
        lines = self.ok("vehicles").stdout.splitlines()
        self.assertEqual(lines[0].split(), ["Registration", "Brand", "Model", "VIN"])
        self.assertEqual(lines[2].split(), ["REG-NUMBER", "RENAULT", "ZOE", ZOE])
        self.assertEqual(len(lines), 2 + 6)
        doc = json.loads(self.ok("--json", "vehicles").stdout)
        self.assertEqual(len(doc), 6)
        self.assertEqual(doc[0], {"registration": "REG-NUMBER", "brand": "RENAULT", "model": "ZOE", "vin": ZOE})

    def test_several_vehicles_without_an_answer_is_a_usage_error_after_the_menu(self):
        result = self.home.run("status")
        self.assertEqual(result.returncode, 2)
        lines = result.stderr.splitlines()
        self.assertEqual(lines[0].split(), ["Vin", "Registration", "Brand", "Model"])
        self.assertEqual(lines[2].split(), ["1", ZOE, "REG-NUMBER", "RENAULT", "ZOE"])
        self.assertEqual(len(lines), 2 + 6 + 1 + 2)
        self.assertEqual(lines[-2:], ["Please select vehicle: ",
                                      "Error: no vehicle chosen: give --vin or run `renault-api set --vin VIN`"])
        self.assertEqual(result.stdout, "")

    def test_status_rows_of_the_zoe(self):
        result = self.ok("--vin", ZOE, "status")
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout.splitlines(), [
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
        ])

    def test_status_json_is_the_raw_attributes_by_section(self):
        result = self.ok("--json", "--vin", ZOE, "status")
        doc = json.loads(result.stdout)
        self.assertEqual(list(doc), ["battery-status", "charge-mode", "cockpit", "hvac-status"])
        self.assertEqual(doc["battery-status"], {
            "timestamp": "2020-11-17T09:06:48+01:00", "batteryLevel": 50, "batteryAutonomy": 128,
            "batteryCapacity": 0, "batteryAvailableEnergy": 0, "plugStatus": 0, "chargingStatus": -1.0,
            "chargingInstantaneousPower": 0.0})
        self.assertEqual(doc["cockpit"], {"totalMileage": 49114.27})
        self.assertEqual(doc["hvac-status"], {"externalTemperature": 8.0, "hvacStatus": "off"})
        self.assertIn('"chargingStatus": -1.0', result.stdout)  # numbers as the server wrote them

    def test_charge_history(self):
        self.ok("set", "--vin", ZOE)
        result = self.ok("charge", "history", "--from", "2020-11-01", "--to", "2020-11-30", "--period", "day")
        self.assertEqual(result.stdout.splitlines(), [
            "     Day  Number of charges  Total time charging  Errors",
            "--------  -----------------  -------------------  ------",
            "20201208                  2  8 h 15 min                0",
            "20201205                  1  10 h 57 min               0",
        ])
        result = self.ok("charge", "history", "--from", "2020-11-01", "--to", "2020-11-30")
        self.assertIn("202011                 10  3 d 8 h 12 min            1\n", result.stdout)
        doc = json.loads(self.ok("--json", "charge", "history", "--from", "2020-11-01", "--to", "2020-11-30").stdout)
        self.assertEqual(doc[0], {"month": "202011", "number_of_charges": 10,
                                  "total_time_charging_minutes": 4812, "errors": 1})

    def test_bad_dates_and_options_are_usage_errors(self):
        result = self.home.run("charge", "history", "--from", "tomorrowish", "--to", "2020-11-30")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr,
                         "Error: invalid value for --from: `tomorrowish` is not a date (YYYY-MM-DD, today, yesterday, "
                         "tomorrow, N days|weeks|months ago, in N days|weeks|months)\n")
        self.assertEqual(self.home.run("charge", "history", "--from", "2020-11-01").returncode, 2)
        self.assertEqual(self.home.run("--bogus", "accounts").returncode, 2)
        self.assertEqual(self.home.run("charge", "history", "--from", "2020-11-01", "--to", "2020-11-30",
                                       "--period", "year").returncode, 2)

    def test_contracts(self):
        lines = self.ok("--vin", ZOE, "contracts").stdout.splitlines()
        self.assertEqual(lines[0].split(), ["Type", "Code", "Description", "Start", "End", "Status"])
        self.assertEqual(lines[2].split(), ["WARRANTY", "40", "CONTRAT", "LOSANGE", "2018-04-04", "2022-04-03", "Actif"])
        doc = json.loads(self.ok("contracts", "--json", "--vin", ZOE).stdout)  # global options after the command
        self.assertEqual(len(doc), 4)
        self.assertEqual(doc[0], {"type": "WARRANTY", "code": "40", "description": "CONTRAT LOSANGE",
                                  "start": "2018-04-04", "end": "2022-04-03", "status": "Actif"})

    def test_soc_levels(self):
        r5 = "VF1AAAAA555777333"
        self.assertEqual(self.ok("--vin", r5, "charge", "soclevels", "show").stdout,
                         "Min charge level: 20%\nTarget charge level: 80%\n")
        result = self.home.run("--vin", r5, "charge", "soclevels", "set", "--min", "12", "--target", "80")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "Error: Invalid value: Minimum state of charge level must be between "
                                        "15 and 45 with a step of 5.\n")
        self.assertEqual(self.ok("--vin", r5, "charge", "soclevels", "set", "--min", "20", "--target", "80").stdout,
                         "Charge soc levels updated to 20-80 successfully. It may take up to a few minutes to apply.\n")

    def test_charge_sessions(self):
        lines = self.ok("--vin", ZOE, "charge", "sessions", "--from", "2020-11-01", "--to", "2020-11-30").stdout
        self.assertEqual(re.split(r"  +", lines.splitlines()[2]), [
            "2020-11-11 00:31:03", "2020-11-11 08:30:17", "7 h 59 min", "3.10 kW", "15 %", "74 %", "59 %",
            "24.2 kWh", "slow", "ok"])
        result = self.ok("--json", "--vin", ZOE, "charge", "sessions", "--from", "2020-11-01", "--to", "2020-11-30")
        doc = json.loads(result.stdout)
        self.assertEqual(doc[0]["duration_minutes"], 479)  # the Zoe ph1 reports minutes
        self.assertEqual(doc[0]["status"], "ok")

    def test_bad_at_is_a_usage_error(self):
        result = self.home.run("--vin", ZOE, "charge", "start", "--at", "in a while")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "Error: invalid value for --at: `in a while` is not a date and time "
                                        "(YYYY-MM-DDTHH:MM, HH:MM, today HH:MM, tomorrow HH:MM, "
                                        "in N minutes|hours|days, now)\n")

    def test_http_post(self):
        body = '{"data": {"type": "ChargingStart", "attributes": {"action": "start"}}}'
        path = "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/actions/charging-start"
        doc = json.loads(self.ok("--vin", ZOE, "http", "post", path, body).stdout)
        self.assertEqual(doc["data"]["attributes"], {"action": "start"})
        self.assertEqual(self.home.run("--vin", ZOE, "http", "post", path, "{not json").returncode, 2)

    def test_http_get(self):
        doc = json.loads(self.ok("http", "get", "/commerce/v1/accounts/{account_id}/vehicles").stdout)
        self.assertEqual(doc["accountId"], "account-id-1")
        self.assertEqual(doc["vehicleLinks"][0]["vin"], ZOE)


class Actions(HomeTest):
    def setUp(self):
        super().setUp()
        self.home.login()
        self.ok("set", "--vin", ZOE)

    def tearDown(self):
        # The mock keeps what actions change for its whole run: put the Zoe back as it was.
        self.home.run("charge", "mode", "--set", "always")
        self.home.run("hvac", "cancel")
        super().tearDown()

    def test_charge_mode_get_and_set(self):
        self.assertEqual(self.ok("charge", "mode").stdout, "Charge mode: always\n")
        doc = json.loads(self.ok("--json", "charge", "mode", "--set", "schedule_mode").stdout)
        self.assertEqual(doc, {"action": "schedule_mode"})
        self.assertEqual(json.loads(self.ok("--json", "charge", "mode").stdout), {"chargeMode": "schedule_mode"})

    def test_hvac_start_and_cancel(self):
        doc = json.loads(self.ok("--json", "hvac", "start", "--temperature", "21").stdout)
        self.assertEqual(doc["action"], "start")
        self.assertEqual(doc["targetTemperature"], 21)
        self.assertIn('"hvacStatus": "on"', self.ok("--json", "status").stdout)
        self.assertEqual(json.loads(self.ok("--json", "hvac", "cancel").stdout)["action"], "cancel")
        # --at: local time (TZ is Europe/Paris here) or UTC with Z. On the Zoe 50: the mock keeps
        # the start date, which would show in the Zoe's status.
        zoe_50 = ["--vin", "VF1AAAAA555777123"]
        doc = json.loads(self.ok(*zoe_50, "--json", "hvac", "start", "--temperature", "19", "--at", "2030-01-02T04:04",
                                 env={"TZ": "Europe/Paris"}).stdout)
        self.assertEqual(doc["startDateTime"], "2030-01-02T03:04:00Z")
        doc = json.loads(self.ok(*zoe_50, "--json", "hvac", "start", "--temperature", "19",
                                 "--at", "2030-01-02 03:04:00Z").stdout)
        self.assertEqual(doc["startDateTime"], "2030-01-02T03:04:00Z")

    def test_charge_start_and_horn(self):
        self.assertEqual(json.loads(self.ok("--json", "charge", "start").stdout), {"action": "start"})
        self.assertEqual(self.ok("horn").stdout,
                         "Request to horn 3 times sent. It may take a few seconds to take effect.\n")

    def test_charge_stop_lights_and_post_file(self):
        self.assertEqual(self.ok("charge", "stop").stdout, '{"action": "stop"}\n')
        # The Zoe phase 2 stops through KCM pause-resume.
        self.assertEqual(json.loads(self.ok("--json", "--vin", "VF1AAAAA555777123", "charge", "stop").stdout),
                         {"action": "pause"})
        self.assertEqual(self.ok("lights").stdout, "Request to flash lights 3 times has been sent. "
                                                   "It may take a few seconds to take effect.\n")
        (self.home.path / "body.json").write_text('{"data": {"type": "HornLights", "attributes": {"action": "start", '
                                                   '"target": "horn"}}}')
        path = "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/actions/horn-lights"
        doc = json.loads(self.ok("http", "post-file", path, "body.json").stdout)
        self.assertEqual(doc["data"]["attributes"], {"action": "start", "target": "horn"})
        result = self.home.run("http", "post-file", path, "missing.json")
        self.assertEqual((result.returncode, result.stderr), (2, "Error: cannot read missing.json: No such file or directory\n"))

    def test_relative_at(self):
        zoe_50 = ["--vin", "VF1AAAAA555777123"]
        before = datetime.datetime.now(datetime.timezone.utc)
        doc = json.loads(self.ok(*zoe_50, "--json", "hvac", "start", "--temperature", "19", "--at",
                                 "in 2 hours 30 minutes").stdout)
        sent = datetime.datetime.strptime(doc["startDateTime"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        self.assertLessEqual(abs((sent - before - datetime.timedelta(hours=2, minutes=30)).total_seconds()), 60)
        doc = json.loads(self.ok(*zoe_50, "--json", "hvac", "start", "--temperature", "19", "--at", "tomorrow 07:30",
                                 env={"TZ": "UTC"}).stdout)
        tomorrow = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).date()
        self.assertEqual(doc["startDateTime"], f"{tomorrow.isoformat()}T07:30:00Z")
        self.home.run(*zoe_50, "hvac", "cancel")

    def test_soc_levels(self):
        r5 = ["--vin", "VF1AAAAA555777333"]
        self.assertEqual(self.ok(*r5, "charge", "soclevels", "show").stdout,
                         "Min charge level: 20%\nTarget charge level: 80%\n")
        self.assertEqual(self.ok(*r5, "charge", "soclevels", "set", "--min", "25", "--target", "90").stdout,
                         "Charge soc levels updated to 25-90 successfully. It may take up to a few minutes to apply.\n")
        self.assertEqual(json.loads(self.ok(*r5, "--json", "charge", "soclevels", "show").stdout),
                         {"socMin": 25, "socTarget": 90})
        self.ok(*r5, "charge", "soclevels", "set", "--min", "20", "--target", "80")
        result = self.home.run(*r5, "charge", "soclevels", "set", "--min", "12", "--target", "80")
        self.assertEqual((result.returncode, result.stderr), (2, "Error: Invalid value: Minimum state of charge "
                                                                 "level must be between 15 and 45 with a step of 5.\n"))


class StatusErrors(HomeTest):
    """A section error is reported and status goes on; a quota error stops it (own mock each)."""

    def start_scenario(self, change):
        scenario = json.loads(subprocess.run([MOCK, "--print-default-scenario"], capture_output=True, text=True,
                                             timeout=30, check=True).stdout)
        change(scenario)
        path = self.home.path / "scenario.json"
        path.write_text(json.dumps(scenario))
        process, url = launch_mock(self.home.path, "--scenario", str(path))
        self.addCleanup(stop, process)
        self.server = ["--gigya-url", url, "--kamereon-url", url]
        result = self.home.run(*self.server, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD,
                               server=False)
        self.assertEqual(result.returncode, 0, result.stderr)

    def status(self):
        return self.home.run(*self.server, "--account", "account-id-1", "--vin", ZOE, "status", server=False)

    def test_a_failing_section_is_reported_and_the_others_shown(self):
        self.start_scenario(lambda s: s.update(errors={"cockpit": "kamereon/error/privacy_on.json"}))
        result = self.status()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertTrue(result.stderr.startswith("cockpit: "), result.stderr)
        self.assertIn("err.func.privacy.on", result.stderr)
        self.assertIn("Battery level         50 %", result.stdout)
        self.assertIn("External temperature  8.0 °C", result.stdout)
        self.assertNotIn("Total mileage", result.stdout)

    def test_a_quota_error_stops_status(self):
        # details and battery-status pass; charge-mode gets the quota error.
        self.start_scenario(lambda s: s.update(faults=[{"type": "quota", "limit": 2, "window_seconds": 3600}]))
        result = self.status()
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertTrue(result.stderr.startswith("Error: "), result.stderr)
        self.assertIn("err.func.wired.overloaded", result.stderr)


class StatusDecoding(StatusErrors):
    """status reads each section with the library's decoder, as `decode` does."""

    def vehicle_fixture(self, vin, key, name, text):
        (self.home.path / name).write_text(text)

        def change(scenario):
            for vehicle in scenario["users"][0]["accounts"][0]["vehicles"]:
                if vehicle["vin"] == vin:
                    vehicle.setdefault("fixtures", {})[key] = name
        return change

    def test_a_number_beyond_a_double_is_a_field_diagnostic_and_the_rest_is_shown(self):
        self.start_scenario(self.vehicle_fixture(ZOE, "battery-status", "battery-1e400.json", """{"data": {
            "type": "Car", "id": "VF1AAAAA555777999", "attributes": {"timestamp": "2020-11-17T09:06:48+01:00",
            "batteryLevel": 1e400, "batteryAutonomy": 128, "plugStatus": 0}}}"""))
        result = self.status()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "battery-status: data.attributes.batteryLevel: the number is beyond the "
                                        "range of a double [out_of_range]\n")
        self.assertNotIn("Battery level", result.stdout)
        self.assertIn("Range estimate        128 km", result.stdout)
        self.assertIn("Total mileage", result.stdout)
        result = self.home.run(*self.server, "--json", "--account", "account-id-1", "--vin", ZOE, "status",
                               server=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        doc = json.loads(result.stdout)
        self.assertIsNone(doc["battery-status"]["batteryLevel"])
        self.assertEqual(doc["battery-status"]["batteryAutonomy"], 128)
        self.assertIn("cockpit", doc)

    def test_latitude_91_longitude_181_is_no_position(self):
        r5 = "VF1AAAAA555777333"
        self.start_scenario(self.vehicle_fixture(r5, "location", "location-none.json", json.dumps({"data": {
            "type": "Car", "id": r5, "attributes": {"gpsLatitude": 91.0, "gpsLongitude": 181.0,
                                                    "lastUpdateTime": "2024-01-01T10:00:00Z"}}})))
        result = self.home.run(*self.server, "--account", "account-id-1", "--vin", r5, "status", server=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("GPS position", result.stdout)
        self.assertNotIn("GPS Latitude", result.stdout)
        self.assertNotIn("91", result.stdout)
        self.assertNotIn("181", result.stdout)
        result = self.home.run(*self.server, "--json", "--account", "account-id-1", "--vin", r5, "status",
                               server=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        location = json.loads(result.stdout)["location"]
        self.assertEqual(location, {"gpsLatitude": None, "gpsLongitude": None, "lastUpdateTime": "2024-01-01T10:00:00Z"})


class ErrorLineSecrets(StatusErrors):
    """The final Error: line never shows what the server echoes of secrets."""

    def test_an_echoed_jwt_and_login_token_are_masked(self):
        jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwZXJzb24taWQtMSJ9.c2lnbmF0dXJlLWVjaG9lZA"
        (self.home.path / "unauthorized-echo.json").write_text(json.dumps({"type": "FUNCTIONAL", "messages": [],
            "errors": [{"errorCode": "err.func.wired.unauthorized",
                        "errorMessage": f"token {jwt} rejected, login_token=3_echoedLoginToken password=" + PASSWORD}]}))
        self.start_scenario(lambda s: s.update(errors={"vehicle-details": {"fixture": "unauthorized-echo.json",
                                                                            "status": 401}}))
        result = self.home.run(*self.server, "--account", "account-id-1", "--vin", ZOE, "status", server=False)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("Error: ", result.stderr)
        self.assertIn("<redacted>", result.stderr)
        for secret in [jwt, jwt.split(".")[1], "3_echoedLoginToken", PASSWORD]:
            self.assertNotIn(secret, result.stderr)


class TwoFactor(HomeTest):
    """The two-factor scenario of renault-mock: the emailed code is asked on stdin."""

    def setUp(self):
        super().setUp()
        scenario = Path(__file__).resolve().parents[2] / "apps" / "mock" / "scenarios" / "two_factor.json"
        process, url = launch_mock(self.home.path, "--scenario", str(scenario))
        self.addCleanup(stop, process)
        self.server = ["--gigya-url", url, "--kamereon-url", url]

    def login(self, stdin):
        return self.home.run(*self.server, "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD,
                             stdin=stdin, server=False)

    def test_the_code_is_asked_again_when_wrong(self):
        result = self.login("000000\n123456\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr.count("Code sent to "), 2, result.stderr)
        self.assertIn("Wrong code.", result.stderr)
        self.assertNotIn("123456", result.stderr)
        self.assertIn("gigya_login_token", self.home.stored())
        vehicles = self.home.run(*self.server, "vehicles", server=False)
        self.assertEqual(vehicles.returncode, 0, vehicles.stderr)
        self.assertIn(ZOE, vehicles.stdout)

    def test_no_code_gives_up(self):
        # The end of input leaves the question unanswered: a usage error (docs/cli.md).
        result = self.login("")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.splitlines()[-1], "Error: no verification code given (standard input ended)")
        # An empty answer gives up the login: a runtime error (the answer's line ends on the terminal).
        result = self.login("\n")
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.endswith("Error: wrong verification code: no verification code given\n"),
                        result.stderr)


class Prompts(HomeTest):
    """The questions of docs/cli.md (locale, login, account, VIN), answered on stdin."""

    ANSWERS_NO = f"fr_FR\nN\n{USER}\n{PASSWORD}\n1\nN\n1\nN\n"

    def test_status_from_nothing_asks_everything_and_keeps_nothing_but_the_login(self):
        result = self.ok("status", stdin=self.ANSWERS_NO)
        self.assertIn("Battery level         50 %", result.stdout)
        err = result.stderr
        expected_in_order = [
            "Please select a locale: Do you want to save the locale to the credential store? [y/N]: \n",
            "User: Password: \n",
            "   ID            Type       Vehicles\n",
            "-  ------------  ---------  --------\n",
            "1  account-id-1  MYRENAULT         6\n",
            "2  account-id-2  SFDC              0\n",
            "Please select account [1]: Do you want to save the account ID to the credential store? [y/N]: \n",
            "1  VF1AAAAA555777999  REG-NUMBER    RENAULT  ZOE",
            "Please select vehicle: Do you want to save the VIN to the credential store? [y/N]: \n",
        ]
        position = 0
        for piece in expected_in_order:
            found = err.find(piece, position)
            self.assertGreaterEqual(found, 0, f"{piece!r} not after position {position} in:\n{err}")
            position = found + len(piece)
        stored = self.home.stored()
        self.assertEqual(stored["gigya_login_token"], TOKEN)
        for key in ["locale", "country", "gigya-api-key", "accound-id", "vin"]:
            self.assertNotIn(key, stored)

    def test_answers_yes_are_kept_and_not_asked_again(self):
        self.ok("vehicle", stdin=f"fr_FR\ny\n{USER}\n{PASSWORD}\n\ny\n1\ny\n")
        stored = self.home.stored()
        self.assertEqual([stored[k] for k in ["locale", "country", "accound-id", "vin"]],
                         ["fr_FR", "FR", "account-id-1", ZOE])
        self.assertEqual(stored["gigya-root-url"], "https://accounts.eu1.gigya.com")  # the table's, for later runs
        result = self.ok("vehicle")
        self.assertEqual(result.stderr, "")
        self.assertIn(ZOE, result.stdout)

    def test_wrong_answers_are_asked_again(self):
        answers = f"xx_XX\nfr_FR\nmaybe\nn\n{USER}\nwrong\n{USER}\n{PASSWORD}\n7\n\n\n6\n\n"
        result = self.ok("vehicle", stdin=answers)
        err = result.stderr
        self.assertIn("Locale `xx_XX` is unknown (known: bg_BG, ", err)
        self.assertIn("Error: invalid input\n", err)
        self.assertIn("Login failed: ", err)
        self.assertIn("403042", err)
        self.assertNotIn("wrong\n", err)
        self.assertIn("Error: 7 is not in the range 1<=x<=2.\n", err)
        self.assertIn("VF1AAAAA555777555", result.stdout)  # the sixth vehicle: the Clio
        self.assertNotIn(PASSWORD, err)

    def test_a_one_shot_locale_is_not_stored(self):
        self.home.login()  # stores fr_FR
        self.ok("set", "--account", "account-id-1")
        result = self.ok("--locale", "de_DE", "--vin", ZOE, "contracts")
        self.assertIn("WARRANTY", result.stdout)
        stored = self.home.stored()
        self.assertEqual(stored["locale"], "fr_FR")
        self.assertEqual(stored["country"], "FR")
        log = (Path(MOCK_DIR.name) / "mock.log").read_text().splitlines()
        contracts = [entry for entry in map(json.loads, log) if entry["path"].endswith("/contracts")]
        self.assertEqual(contracts[-1]["query"]["country"], "DE")
        self.assertEqual(contracts[-1]["query"]["locale"], "de_DE")


class Probe(HomeTest):
    def setUp(self):
        super().setUp()
        self.home.login()
        self.ok("set", "--account", "account-id-1")

    def test_probe_tries_every_read_endpoint_and_saves_what_the_table_should_say(self):
        result = self.ok("--vin", "VF1AAAAA555777333", "probe", "--save", "endpoints.json")
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "Endpoint               Model table    Tried   Probe")
        rows = {line.split()[0]: line for line in lines[2:20]}
        self.assertEqual(len(rows), 18)
        self.assertEqual(rows["battery-status"], "battery-status         listed         kca v2  ok")
        self.assertEqual(rows["charge-schedule"], "charge-schedule        listed         kcm v1  ok")  # ev/settings
        self.assertEqual(rows["pressure"],
                         "pressure               not available  kca v1  err.func.wired.notFound (HTTP 404)")
        self.assertEqual(lines[-1], "Saved 9 endpoints of R5E1VE to endpoints.json.")
        saved = json.loads((self.home.path / "endpoints.json").read_text())
        self.assertEqual(saved["version"], 1)
        self.assertEqual(list(saved["models"]), ["R5E1VE"])
        entries = saved["models"]["R5E1VE"]["endpoints"]
        self.assertEqual(entries["pressure"], None)
        self.assertNotIn("battery-status", entries)  # listed and answering: the table is right

        # A second vehicle is merged into the same file; --json shape.
        doc = json.loads(self.ok("--json", "--vin", ZOE, "probe", "--save", "endpoints.json").stdout)
        self.assertEqual(doc["model"], "X101VE")
        self.assertEqual(doc["saved"], "endpoints.json")
        by_key = {e["endpoint"]: e for e in doc["endpoints"]}
        self.assertEqual(by_key["location"], {"endpoint": "location", "table": "not available",
                                              "path": "/kca/car-adapter/v1/cars/{vin}/location", "ok": False,
                                              "error": "err.func.wired.notFound", "http_status": 404})
        self.assertEqual(by_key["charges"]["table"], "not listed")
        self.assertTrue(by_key["charges"]["ok"])
        saved = json.loads((self.home.path / "endpoints.json").read_text())
        self.assertEqual(sorted(saved["models"]), ["R5E1VE", "X101VE"])
        self.assertEqual(saved["models"]["X101VE"]["endpoints"]["charges"], "default")

    def test_an_endpoint_file_changes_what_commands_request(self):
        (self.home.path / "mine.json").write_text(
            '{"version": 1, "models": {"X101VE": {"endpoints": {"cockpit": null}}}}')
        result = self.ok("--endpoints", "mine.json", "--vin", ZOE, "status")
        self.assertIn("Battery level", result.stdout)
        self.assertNotIn("Total mileage", result.stdout)
        result = self.ok("--vin", ZOE, "status", env={"RENAULT_ENDPOINTS_FILE": str(self.home.path / "mine.json")})
        self.assertNotIn("Total mileage", result.stdout)
        (self.home.path / "bad.json").write_text('{"version": 1, "models": {"X101VE": {"endpoints": {"cockpit": 7}}}}')
        result = self.home.run("--endpoints", "bad.json", "--vin", ZOE, "status")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertIn("bad.json", result.stderr)
        self.assertIn("cockpit", result.stderr)


class Logs(HomeTest):
    def test_log_and_debug_output_hold_no_secret(self):
        result = self.ok("--log", "--debug", "--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        result2 = self.ok("--log", "--debug", "--vin", ZOE, "status")
        logs = list((self.home.path / "logs").glob("*.log"))
        self.assertEqual(len(logs), 1)
        text = logs[0].read_text()
        self.assertIn("accounts.login", text)
        self.assertIn("battery-status", text)
        traces = text + result.stderr + result2.stderr
        self.assertIn("accounts.getJWT", traces)
        for secret in [PASSWORD, TOKEN, "eyJ"]:
            self.assertNotIn(secret, traces)
        self.assertIn("Battery level", result2.stdout)
        warning = ("Debug output enabled. Passwords, tokens and JWTs are masked, but the trace holds personal data "
                   "(e-mail address, VINs, locations): review it before sending it to anyone.")
        self.assertIn(warning, text)
        self.assertIn(warning, result.stderr)


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
