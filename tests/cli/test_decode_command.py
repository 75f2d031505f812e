#!/usr/bin/env python3
"""`renault-api decode`: exit codes, --json validity and shape, readable output, errors."""

import argparse
import json
import subprocess
import sys
import unittest
from pathlib import Path

CLI = None
FIXTURES = None


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, timeout=30)


def fixture(rel):
    return str(FIXTURES / rel)


class ListKeys(unittest.TestCase):
    def test_list_prints_every_key(self):
        result = run("decode", "--list")
        self.assertEqual(result.returncode, 0, result.stderr)
        keys = result.stdout.split()
        for key in ["battery-status", "cockpit", "charge-schedule-via-settings", "soc-levels",
                    "actions/hvac-start", "person", "vehicles", "vehicle-details", "car-adapter",
                    "contracts", "alerts", "error", "gigya/login", "gigya/account-info", "gigya/jwt"]:
            self.assertIn(key, keys)
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(keys), len(set(keys)))


class JsonOutput(unittest.TestCase):
    def decode_json(self, key, rel, *extra):
        result = run("decode", key, fixture(rel), "--json", *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        doc = json.loads(result.stdout)
        self.assertEqual(set(doc), {"value", "diagnostics"})
        return doc

    def test_data_endpoint_value_is_the_attributes_as_sent(self):
        for key, rel in [("battery-status", "kamereon/vehicle_data/battery-status.zoe_50.json"),
                         ("cockpit", "kamereon/vehicle_data/cockpit.spring.json"),
                         ("hvac-status", "kamereon/vehicle_data/hvac-status.spring.json"),
                         ("charging-settings", "kamereon/vehicle_data/charging-settings.multi.json"),
                         ("charge-schedule", "kamereon/vehicle_data/charge-schedule.single.json"),
                         ("lock-status", "kamereon/vehicle_data/lock-status.locked.json"),
                         ("actions/hvac-start", "kamereon/vehicle_action/hvac-start.start.json")]:
            with self.subTest(key):
                doc = self.decode_json(key, rel, "--strict")
                source = json.loads(Path(fixture(rel)).read_text())
                self.assertEqual(doc["value"], source["data"]["attributes"])  # 40 == 40.0 in Python
                self.assertEqual(doc["diagnostics"], [])

    def test_flat_and_array_bodies(self):
        doc = self.decode_json("soc-levels", "kamereon/vehicle_kcm_data/ev-soc-levels.json", "--strict")
        self.assertEqual(doc["value"], json.loads(Path(fixture("kamereon/vehicle_kcm_data/ev-soc-levels.json")).read_text()))
        doc = self.decode_json("contracts", "kamereon/vehicle_contract/fr_FR.1.json", "--strict")
        self.assertIsInstance(doc["value"], list)
        self.assertEqual(doc["value"], json.loads(Path(fixture("kamereon/vehicle_contract/fr_FR.1.json")).read_text()))

    def test_keys_the_model_does_not_hold_are_left_out(self):
        body = '{"data": {"type": "Car", "attributes": {"batteryLevel": 60, "brandNewField": [1, 2]}}}'
        result = run("decode", "battery-status", "-", "--json", stdin=body)
        self.assertEqual(result.returncode, 0)
        self.assertEqual(json.loads(result.stdout)["value"], {"batteryLevel": 60})

    def test_data_body_without_attributes_gives_null(self):
        doc = self.decode_json("actions/refresh-location", "kamereon/vehicle_action/refresh-location.json", "--strict")
        self.assertIsNone(doc["value"])

    def test_diagnostics_are_listed_and_do_not_fail_without_strict(self):
        body = '{"data": {"attributes": {"plugStatus": 3, "batteryLevel": "x"}}}'
        result = run("decode", "battery-status", "-", "--json", stdin=body)
        self.assertEqual(result.returncode, 0)
        doc = json.loads(result.stdout)
        self.assertEqual(doc["value"], {"plugStatus": 3})
        self.assertEqual(doc["diagnostics"], [
            {"kind": "unknown_enum_value", "path": "data.attributes.plugStatus",
             "message": "unknown plug_state value 3 (kept)"},
            {"kind": "wrong_type", "path": "data.attributes.batteryLevel",
             "message": 'expected an integer, got a string "x"'}])

    def test_strict_fails_with_exit_1_and_still_prints_json(self):
        body = '{"data": {"attributes": {"plugStatus": 3}}}'
        result = run("decode", "battery-status", "-", "--json", "--strict", stdin=body)
        self.assertEqual(result.returncode, 1)
        doc = json.loads(result.stdout)
        self.assertEqual(doc["error"], "the body decoded with diagnostics (strict mode)")
        self.assertIn("Error:", result.stderr)

    def test_every_gigya_and_kamereon_kind_gives_valid_json(self):
        for key, rel in [("gigya/login", "gigya/login.json"), ("gigya/account-info", "gigya/get_account_info.json"),
                         ("gigya/jwt", "gigya/get_jwt.json"), ("person", "kamereon/person.json"),
                         ("vehicles", "kamereon/vehicles/zoe_40.1.json"),
                         ("vehicle-details", "kamereon/vehicle_details/zoe_40.1.json"),
                         ("car-adapter", "kamereon/vehicle_gateway/zoe_40.1.json"),
                         ("alerts", "kamereon/vehicle_info/alerts.json"), ("error", "kamereon/error/quota_limit.json"),
                         ("charge-schedule-via-settings", "kamereon/vehicle_kcm_data/ev-settings.single.json")]:
            with self.subTest(key):
                doc = self.decode_json(key, rel, "--strict")
                self.assertIsNotNone(doc["value"])
        doc = self.decode_json("error", "kamereon/error/quota_limit.json")
        self.assertEqual(doc["value"]["errors"][0]["errorCode"], "err.func.wired.overloaded")


class AutoKey(unittest.TestCase):
    def test_auto_takes_the_key_from_the_path(self):
        result = run("decode", "auto", fixture("kamereon/vehicle_data/cockpit.zoe.json"), "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["value"], {"totalMileage": 49114.27})
        table = run("decode", "auto", fixture("kamereon/vehicle_kcm_action/charging-start.now.json"))
        self.assertEqual(table.returncode, 0)
        self.assertTrue(table.stdout.startswith("actions/charge-start → charging_start_action"))

    def test_auto_on_an_unknown_place_is_a_usage_error(self):
        result = run("decode", "auto", fixture("kamereon/vehicle_data/no_data.json"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot tell the endpoint", result.stderr)


class ReadableOutput(unittest.TestCase):
    def test_table_with_units_and_enum_names(self):
        result = run("decode", "battery-status", fixture("kamereon/vehicle_data/battery-status.zoe_40.json"))
        self.assertEqual(result.returncode, 0)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "battery-status → battery_status (data.attributes)")
        rows = {line.split()[0]: " ".join(line.split()[1:]) for line in lines[2:] if line.strip()}
        self.assertEqual(rows["battery_level"], "50 %")
        self.assertEqual(rows["battery_autonomy"], "128 km")
        self.assertEqual(rows["plug_status"], "unplugged (0)")
        self.assertEqual(rows["charging_status"], "charge_error (-1.0)")
        self.assertEqual(rows["timestamp"], "2020-11-17T09:06:48+01:00")

    def test_nested_lists(self):
        result = run("decode", "charging-settings", fixture("kamereon/vehicle_data/charging-settings.multi.json"))
        self.assertEqual(result.returncode, 0)
        self.assertIn("schedules[1].monday.start_time", result.stdout)
        self.assertIn("T23:30Z", result.stdout)


class Errors(unittest.TestCase):
    def test_not_json_is_exit_1_with_reason(self):
        for rel, reason in [("kamereon/error/bad_gateway.html", "not JSON"),
                            ("kamereon/error/empty.txt", "the body is empty"),
                            ("kamereon/error/truncated.json", "truncated")]:
            with self.subTest(rel):
                result = run("decode", "battery-status", fixture(rel))
                self.assertEqual(result.returncode, 1)
                self.assertIn(reason, result.stderr)
                self.assertTrue(result.stderr.startswith("Error: "))
                self.assertNotIn("Traceback", result.stderr)
                json_result = run("decode", "battery-status", fixture(rel), "--json")
                self.assertEqual(json_result.returncode, 1)
                self.assertIn("error", json.loads(json_result.stdout))

    def test_wrong_root_is_exit_1(self):
        result = run("decode", "battery-status", fixture("kamereon/vehicle_contract/fr_FR.1.json"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("expected an object at the root, got an array", result.stdout + result.stderr)

    def test_missing_file_is_a_usage_error(self):
        result = run("decode", "cockpit", "/nonexistent/file.json")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "Error: cannot read /nonexistent/file.json: No such file or directory\n")

    def test_usage_errors_are_exit_2(self):
        for args in [("decode", "no-such-key", fixture("kamereon/person.json")), ("decode",),
                     ("decode", "cockpit"), ("decode", "--no-such-option"), ()]:
            with self.subTest(args):
                result = run(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertTrue(result.stderr.strip(), "a usage error says why")
                self.assertEqual(result.stdout, "")

    def test_help_and_version(self):
        self.assertEqual(run("--help").returncode, 0)
        self.assertIn("decode", run("--help").stdout)
        version = run("--version")
        self.assertEqual(version.returncode, 0)
        self.assertRegex(version.stdout, r"^renault-api \d+\.\d+\.\d+\n$")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--fixtures", required=True)
    args, rest = parser.parse_known_args()
    CLI = args.cli
    FIXTURES = Path(args.fixtures)
    unittest.main(argv=[sys.argv[0], *rest])
