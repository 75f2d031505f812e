#!/usr/bin/env python3
"""renault-api's schedule and HVAC-history commands against a real renault-mock: tables (UTC and
Europe/Paris), --json shapes, what the mock received and kept, usage errors and unknown IDs.

Every test gets its own mock (actions change the mock's state) and a temporary HOME."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import cli_support as support
from cli_support import PASSWORD, USER, ZOE

CLI = None
MOCK = None

MEGANE = "VF1AAAAA555777222"
R5 = "VF1AAAAA555777333"
ROOT = "/commerce/v1/accounts/account-id-1/kamereon"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARIS = {"TZ": "Europe/Paris"}


def paris_offset():
    """Minutes Europe/Paris is ahead of UTC now (the CLI converts with the current offset)."""
    return int(datetime.now(ZoneInfo("Europe/Paris")).utcoffset().total_seconds() // 60)


def clock(hours, minutes, offset=0):
    total = (hours * 60 + minutes + offset) % 1440
    return f"{total // 60:02}:{total % 60:02}"


def utc_of_paris(hours, minutes):
    """The "Thh:mmZ" the CLI must send for a Paris wall-clock time."""
    return "T" + clock(hours, minutes, -paris_offset()) + "Z"


def default_scenario():
    return json.loads(subprocess.run([MOCK, "--print-default-scenario"], capture_output=True, text=True,
                                     timeout=30, check=True).stdout)


def strip_nulls(schedule):
    return {k: v for k, v in schedule.items() if v is not None}


class ScheduleTest(unittest.TestCase):
    """A mock of its own (default scenario unless `scenario` is set), logged in, Zoe chosen."""

    scenario = None  # a function changing the default scenario, given the scenario's directory

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.path = Path(self.dir.name)
        args = []
        if self.scenario:
            scenario = default_scenario()
            type(self).scenario(scenario, self.path)
            (self.path / "scenario.json").write_text(json.dumps(scenario))
            args = ["--scenario", str(self.path / "scenario.json")]
        process, self.url, self.log = support.launch_mock(MOCK, self.path, *args)
        self.addCleanup(support.stop, process)
        self.ok("--locale", "fr_FR", "login", "--user", USER, "--password", PASSWORD)
        self.ok("set", "--account", "account-id-1", "--vin", ZOE)

    def run_cli(self, *args, env=None):
        full_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.path), "TZ": "UTC"}
        full_env.update(env or {})
        command = [CLI, "--gigya-url", self.url, "--kamereon-url", self.url, *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=self.path, env=full_env)

    def ok(self, *args, env=None):
        result = self.run_cli(*args, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return result

    def lines(self, *args, env=None):
        return self.ok(*args, env=env).stdout.splitlines()

    def json_of(self, *args, env=None):
        return json.loads(self.ok("--json", *args, env=env).stdout)

    def requests(self):
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def kamereon_requests(self, since=0):
        return [(r["method"], r["path"], r["endpoint"], r["query"]) for r in self.requests()[since:]
                if r["path"].startswith("/commerce/")]

    def stored(self, vin, endpoint):
        """What the mock now serves for an endpoint (what an action stored)."""
        path = f"/commerce/v1/accounts/{{account_id}}/kamereon/kca/car-adapter/v1/cars/{vin}/{endpoint}"
        return json.loads(self.ok("http", "get", path).stdout)["data"]["attributes"]

    def error(self, code, *args, env=None):
        """Runs a command that must fail with `code`; returns stderr. Nothing may be sent."""
        before = len(self.requests())
        result = self.run_cli(*args, env=env)
        self.assertEqual(result.returncode, code, result.stderr)
        self.assertEqual(result.stdout, "")
        if code == 2:
            self.assertEqual(len(self.requests()), before, "a usage error must not reach the server")
        return result.stderr


ZOE_CALENDAR_UTC = [
    "Charge calendar",
    "Day        Start  End    Duration   Active",
    "---------  -----  -----  ---------  ------",
] + [f"{day:<9}  23:00  07:00  8 h 0 min  no" for day in
     ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]]

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def charge_block(number, state, rows, duration_width):
    return [f"Schedule {number}: {state}",
            "Day        Start  End    " + "Duration".ljust(duration_width).rstrip(),
            "---------  -----  -----  " + "-" * duration_width] + rows


def same_rows(start, end, duration):
    return [f"{day:<9}  {start}  {end}  {duration}" for day in DAY_NAMES]


class ChargeScheduleShow(ScheduleTest):
    def expected_zoe(self, offset):
        calendar = ZOE_CALENDAR_UTC[:3] + [f"{day:<9}  {clock(23, 0, offset)}  {clock(7, 0, offset)}  8 h 0 min  no"
                                           for day in DAY_NAMES]
        return calendar + ["", "Charge mode: scheduled", ""] \
            + charge_block(1, "active", same_rows(clock(0, 0, offset), clock(7, 30, offset), "7 h 30 min"), 10) \
            + [""] + charge_block(2, "active", same_rows(clock(23, 30, offset), clock(23, 45, offset), "15 min"), 8) \
            + ["", "Schedule 3: inactive, no days set", "", "Schedule 4: inactive, no days set",
               "", "Schedule 5: inactive, no days set"]

    def test_zoe_calendar_then_the_schedules_in_utc(self):
        self.assertEqual(self.lines("charge", "schedule", "show"), self.expected_zoe(0))
        self.assertEqual(self.lines("charge", "schedule", "show")[:len(ZOE_CALENDAR_UTC)], ZOE_CALENDAR_UTC)

    def test_zoe_in_local_time(self):
        offset = paris_offset()
        lines = self.lines("charge", "schedule", "show", env=PARIS)
        self.assertEqual(lines, self.expected_zoe(offset))
        if offset == 60:  # winter: 2300 UTC + 480 min is 00:00-08:00 local (docs/api/actions.md, "End times")
            self.assertEqual(lines[3], "Monday     00:00  08:00  8 h 0 min  no")

    def test_zoe_reads_the_calendar_and_the_charging_settings(self):
        before = len(self.requests())
        self.ok("charge", "schedule", "show")
        endpoints = [r[2] for r in self.kamereon_requests(before)]
        self.assertEqual(endpoints, ["vehicle-details", "charge-schedule", "charging-settings"])

    def test_zoe_json(self):
        doc = self.json_of("charge", "schedule", "show")
        self.assertEqual(list(doc), ["calendar", "mode", "schedules"])
        slot = {"startTime": "2300", "duration": 480, "activationState": False, "endTime": "0700"}
        self.assertEqual(doc["calendar"], {day: [slot] for day in DAYS})
        self.assertEqual(doc["mode"], "scheduled")
        self.assertEqual(len(doc["schedules"]), 5)
        self.assertEqual(doc["schedules"][0], {"id": 1, "activated": True, **{
            day: {"startTime": "T00:00Z", "duration": 450, "endTime": "T07:30Z"} for day in DAYS}})
        self.assertEqual(doc["schedules"][1]["monday"], {"startTime": "T23:30Z", "duration": 15, "endTime": "T23:45Z"})
        self.assertEqual(doc["schedules"][2], {"id": 3, "activated": False, **{day: None for day in DAYS}})

    def test_megane_has_no_calendar_only_the_schedules(self):
        before = len(self.requests())
        lines = self.lines("--vin", MEGANE, "charge", "schedule", "show")
        self.assertEqual(lines, self.expected_zoe(0)[len(ZOE_CALENDAR_UTC) + 1:])
        self.assertEqual([r[2] for r in self.kamereon_requests(before)], ["vehicle-details", "charging-settings"])
        self.assertEqual(list(self.json_of("--vin", MEGANE, "charge", "schedule", "show")), ["mode", "schedules"])

    def test_renault_5_shows_its_ev_settings(self):
        self.assertEqual(self.lines("--vin", R5, "charge", "schedule", "show"), [
            "---------------------------  -------------------",
            "Charge mode                  scheduled",
            "Charge start                 01:55",
            "Charge duration              5 h 0 min",
            "Preconditioning temperature  21.5 °C",
            "Heated steering wheel        yes",
            "Heated left seat             no",
            "Heated right seat            no",
            "Delegated charge             no",
            "Last updated                 2024-11-20 18:02:27",
            "---------------------------  -------------------",
            "",
            "ID  Active  Type             Departure  Days",
            "--  ------  ---------------  ---------  -------------------",
            " 1  yes     preconditioning  07:30      Mon Tue Wed Thu Fri",
        ])
        lines = self.lines("--vin", R5, "charge", "schedule", "show", env=PARIS)
        self.assertEqual(lines[9], "Last updated                 " +
                         datetime(2024, 11, 20, 18, 2, 27, tzinfo=timezone.utc)
                         .astimezone(ZoneInfo("Europe/Paris")).strftime("%Y-%m-%d %H:%M:%S"))
        self.assertEqual(lines[14], " 1  yes     preconditioning  07:30      Mon Tue Wed Thu Fri")

    def test_renault_5_json(self):
        doc = self.json_of("--vin", R5, "charge", "schedule", "show")
        self.assertEqual(list(doc), ["ev_settings"])
        settings = doc["ev_settings"]
        self.assertEqual(settings["chargeModeRq"], "SCHEDULED")
        self.assertEqual(settings["chargeTimeStart"], "01:55")
        self.assertEqual(settings["chargeDuration"], 300)
        self.assertEqual(settings["preconditioningTemperature"], 21.5)
        self.assertEqual(settings["programs"], [{
            "programActivationStatus": True, "programType": "PRECONDITIONING", "programDepartureTime": "07:30",
            "programActivationMonday": True, "programActivationTuesday": True, "programActivationWednesday": True,
            "programActivationThursday": True, "programActivationFriday": True,
            "programActivationSaturday": False, "programActivationSunday": False}])

    def test_a_fuel_car_has_no_charge_schedule(self):
        stderr = self.error(1, "--vin", "VF1AAAAA555777555", "charge", "schedule", "show")
        self.assertEqual(stderr, "Error: the endpoint is not available for this vehicle model: "
                                 "Endpoint 'charge-schedule' not available for model 'XJA1VP'\n")


class ChargeScheduleSet(ScheduleTest):
    def test_set_local_utc_and_clear_days_keeps_the_others(self):
        original = self.stored(ZOE, "charging-settings")["schedules"]
        before = len(self.requests())
        result = self.ok("charge", "schedule", "set", "1", "--monday", "08:00,60", "--tuesday", "clear",
                         "--wednesday", "T22:45Z,15", env=PARIS)
        offset = paris_offset()
        rest = [f"{day:<9}  {clock(0, 0, offset)}  {clock(7, 30, offset)}  7 h 30 min" for day in DAY_NAMES[3:]]
        self.assertEqual(result.stdout.splitlines(), [
            "Charge schedule 1 sent. It may take a few minutes to apply.",
            "",
        ] + charge_block(1, "active", [
            "Monday     08:00  09:00  1 h 0 min",
            "Tuesday    -      -      -",
            f"Wednesday  {clock(22, 45, offset)}  {clock(23, 0, offset)}  15 min",
        ] + rest, 10))
        # One read of the schedules, then one POST of all of them to the KCA v2 action.
        self.assertEqual([(m, p) for m, p, _, _ in self.kamereon_requests(before)], [
            ("GET", f"/commerce/v1/accounts/account-id-1/vehicles/{ZOE}/details"),
            ("GET", f"{ROOT}/kca/car-adapter/v1/cars/{ZOE}/charging-settings"),
            ("POST", f"{ROOT}/kca/car-adapter/v2/cars/{ZOE}/actions/charge-schedule"),
        ])
        # What the mock received (and now serves): schedule 1 changed, days not given kept,
        # the other schedules as they were; every day present, null when empty.
        schedules = self.stored(ZOE, "charging-settings")["schedules"]
        expected_first = dict(original[0])
        expected_first["monday"] = {"startTime": utc_of_paris(8, 0), "duration": 60}
        expected_first["tuesday"] = None
        expected_first["wednesday"] = {"startTime": "T22:45Z", "duration": 15}
        self.assertEqual(schedules[0], {"id": 1, "activated": True, **{day: expected_first[day] for day in DAYS}})
        self.assertEqual([strip_nulls(s) for s in schedules[1:]], original[1:])
        self.assertTrue(all(list(s) == ["id", "activated", *DAYS] for s in schedules))

    def test_set_json_is_the_echoed_request(self):
        doc = self.json_of("charge", "schedule", "set", "3", "--sunday", "T23:30Z,90")
        self.assertEqual(list(doc), ["schedules"])
        self.assertEqual(doc["schedules"][2], {"id": 3, "activated": False, **{day: None for day in DAYS[:6]},
                                               "sunday": {"startTime": "T23:30Z", "duration": 90}})
        self.assertEqual(doc["schedules"], self.stored(ZOE, "charging-settings")["schedules"])
        # shown again, in UTC
        lines = self.lines("charge", "schedule", "show")
        index = lines.index("Schedule 3: inactive")
        self.assertEqual(lines[index + 1:index + 3 + 7][-1], "Sunday     23:30  01:00  1 h 30 min")

    def test_activate_and_deactivate(self):
        self.assertEqual(self.ok("charge", "schedule", "activate", "3").stdout,
                         "Charge schedule 3 activated. It may take a few minutes to apply.\n")
        self.assertTrue(self.stored(ZOE, "charging-settings")["schedules"][2]["activated"])
        doc = self.json_of("charge", "schedule", "deactivate", "1")
        self.assertEqual([s["activated"] for s in doc["schedules"]], [False, True, True, False, False])
        self.assertEqual(doc["schedules"][0]["monday"], {"startTime": "T00:00Z", "duration": 450})
        self.assertEqual(self.ok("charge", "schedule", "deactivate", "3").stdout,
                         "Charge schedule 3 deactivated. It may take a few minutes to apply.\n")
        self.assertEqual([s["activated"] for s in self.stored(ZOE, "charging-settings")["schedules"]],
                         [False, True, False, False, False])

    def test_megane_sends_through_kcm(self):
        before = len(self.requests())
        doc = self.json_of("--vin", MEGANE, "charge", "schedule", "set", "2", "--friday", "T01:15Z,45")
        self.assertEqual(doc["schedules"][1]["friday"], {"startTime": "T01:15Z", "duration": 45})
        self.assertEqual(self.kamereon_requests(before)[-1][:3],
                         ("POST", f"{ROOT}/kcm/v1/vehicles/{MEGANE}/charge/schedule", "actions/charge-set-schedule"))

    def test_unknown_id_is_a_runtime_error_and_nothing_is_sent(self):
        for args in [["set", "7", "--monday", "08:00,60"], ["activate", "7"], ["deactivate", "7"]]:
            before = len(self.requests())
            self.assertEqual(self.error(1, "charge", "schedule", *args), "Error: Schedule id 7 not found.\n")
            self.assertNotIn("POST", [r[0] for r in self.kamereon_requests(before)])

    def test_renault_5_uses_ev_settings(self):
        before = len(self.requests())
        for verb, args in [("set", ["1", "--monday", "08:00,60"]), ("activate", ["1"])]:
            self.assertEqual(self.error(1, "--vin", R5, "charge", "schedule", verb, *args),
                             f"Error: the R5E1VE keeps its charge schedules in KCM ev/settings, which "
                             f"`charge schedule {verb}` cannot change (`charge schedule show` reads them)\n")
        self.assertNotIn("POST", [r[0] for r in self.kamereon_requests(before)])

    def test_bad_day_values_are_usage_errors(self):
        cases = {
            "24:00,60": "the hour must be 00 to 23",
            "08:10,60": "the minutes must be 00, 15, 30 or 45",
            "08:00,50": "the duration must be a multiple of 15 minutes, from 15 to 1440",
            "08:00,0": "the duration must be a multiple of 15 minutes, from 15 to 1440",
            "08:00,1455": "the duration must be a multiple of 15 minutes, from 15 to 1440",
            "08:00,-15": "the duration must be a number of minutes",
            "08:00": "expected HH:MM,DURATION (local time), Thh:mmZ,DURATION (UTC) or clear",
            "8:00,60": "expected HH:MM,DURATION (local time), Thh:mmZ,DURATION (UTC) or clear",
            "T08:00,60": "a UTC time needs both T and Z (Thh:mmZ)",
            "08:00Z,60": "a UTC time needs both T and Z (Thh:mmZ)",
            "Clear": "expected HH:MM,DURATION (local time), Thh:mmZ,DURATION (UTC) or clear",
        }
        for value, why in cases.items():
            self.assertEqual(self.error(2, "charge", "schedule", "set", "1", "--thursday", value),
                             f"Error: invalid value for --thursday: `{value}`: {why}\n")
        # checked before the ID is looked up, and for every day given
        self.assertEqual(self.error(2, "charge", "schedule", "set", "7", "--monday", "08:00,60", "--sunday", "x"),
                         "Error: invalid value for --sunday: `x`: expected HH:MM,DURATION (local time), "
                         "Thh:mmZ,DURATION (UTC) or clear\n")
        self.assertEqual(self.error(2, "charge", "schedule", "set", "1"),
                         "Error: nothing to change: give at least one of --monday … --sunday\n")
        stderr = self.error(2, "charge", "schedule", "set", "one", "--monday", "08:00,60")
        self.assertIn("one", stderr)
        self.assertEqual(self.error(2, "charge", "schedule", "activate").count("ID"), 1)


class UnknownMembersKept(ScheduleTest):
    """Schedules with members the library does not know (at the top, in a schedule, in a day):
    changing one schedule sends them all back untouched, in one read and one post."""

    SETTINGS = {"data": {"type": "Car", "id": ZOE, "attributes": {
        "mode": "scheduled", "futureAttribute": {"kept": [1, 2]},
        "schedules": [
            {"id": 1, "activated": True, "futureScheduleMember": "s1",
             "monday": {"startTime": "T12:00Z", "duration": 15, "futureDayMember": "d1"}},
            {"id": 2, "activated": False, "futureScheduleMember": {"x": None},
             "tuesday": {"startTime": "T01:00Z", "duration": 30, "futureDayMember": "d2"}}]}}}

    @staticmethod
    def scenario(scenario, directory):
        (directory / "charging-settings.json").write_text(json.dumps(UnknownMembersKept.SETTINGS))
        scenario["users"][0]["accounts"][0]["vehicles"][0]["fixtures"] = {
            "charging-settings": "charging-settings.json"}

    def test_activate_sends_back_what_it_does_not_know(self):
        before = len(self.requests())
        self.ok("charge", "schedule", "activate", "2")
        self.assertEqual([(m, e) for m, _, e, _ in self.kamereon_requests(before)][-2:],
                         [("GET", "charging-settings"), ("POST", "actions/charge-set-schedule")])
        sent = self.stored(ZOE, "charging-settings")["schedules"]
        self.assertEqual(sent[0]["futureScheduleMember"], "s1")
        self.assertEqual(sent[0]["monday"]["futureDayMember"], "d1")
        self.assertEqual(sent[1]["futureScheduleMember"], {"x": None})
        self.assertEqual(sent[1]["tuesday"]["futureDayMember"], "d2")
        self.assertTrue(sent[1]["activated"])
        self.assertTrue(sent[0]["activated"])

    def test_missing_id_is_refused_before_sending(self):
        before = len(self.requests())
        self.assertEqual(self.error(1, "charge", "schedule", "activate", "9"), "Error: Schedule id 9 not found.\n")
        self.assertNotIn("POST", [r[0] for r in self.kamereon_requests(before)])


class NoSchedules(ScheduleTest):
    """charging-settings and hvac-settings of the Zoe without any schedule."""

    @staticmethod
    def scenario(scenario, directory):
        for name in ["charging-settings", "hvac-settings"]:
            body = {"data": {"type": "Car", "id": ZOE, "attributes": {"mode": "always", "schedules": []}}}
            (directory / f"{name}.json").write_text(json.dumps(body))
        vehicle = scenario["users"][0]["accounts"][0]["vehicles"][0]
        vehicle["fixtures"] = {"charging-settings": "charging-settings.json", "hvac-settings": "hvac-settings.json",
                               "hvac-history": "hvac-history.json"}
        history = {"data": {"type": "Car", "id": ZOE, "attributes": {
            "hvacSummaries": [{"month": "202011", "totalHvacSessions": 3, "lastStart": "2020-11-30T06:45:00Z"},
                              {"month": "202012", "totalHvacSessions": 12}],
            "lastUpdate": "2020-12-31T23:00:00+01:00"}}}
        (directory / "hvac-history.json").write_text(json.dumps(history))
        scenario["users"][0]["accounts"][0]["vehicles"][3]["fixtures"] = {
            "charge-schedule-via-settings": "kamereon/vehicle_kcm_data/ev-settings.empty.json"}

    def test_no_schedules(self):
        for kind in ["charge", "hvac"]:
            for args in [["set", "1", "--monday", "T08:00Z" + (",60" if kind == "charge" else "")], ["activate", "1"]]:
                self.assertEqual(self.error(1, kind, "schedule", *args), "Error: No schedules found.\n")
        self.assertEqual(self.lines("charge", "schedule", "show")[-3:],
                         ["Charge mode: always", "", "No schedules found."])
        self.assertEqual(self.lines("hvac", "schedule", "show"), ["Mode: always", "", "No schedules found."])
        self.assertEqual(self.json_of("hvac", "schedule", "show"), {"mode": "always", "schedules": []})
        self.assertEqual(self.lines("--vin", R5, "charge", "schedule", "show")[-1], "No schedules found.")
        self.assertEqual(self.json_of("--vin", R5, "charge", "schedule", "show")["ev_settings"]["programs"], [])

    def test_hvac_history_with_content(self):
        self.assertEqual(self.lines("hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31"), [
            "hvacSummaries",
            " month  totalHvacSessions  lastStart",
            "------  -----------------  -------------------",
            "202011                  3  2020-11-30 06:45:00",
            "202012                 12",
            "",
            "----------  -------------------",
            "lastUpdate  2020-12-31 22:00:00",
            "----------  -------------------",
        ])
        lines = self.lines("hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31", env=PARIS)
        self.assertEqual(lines[3], "202011                  3  2020-11-30 07:45:00")
        self.assertEqual(lines[7], "lastUpdate  2020-12-31 23:00:00")
        doc = self.json_of("hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31")
        self.assertEqual(doc["lastUpdate"], "2020-12-31T23:00:00+01:00")
        self.assertEqual(doc["hvacSummaries"][1], {"month": "202012", "totalHvacSessions": 12})


class HvacSchedule(ScheduleTest):
    def hvac_block(self, number, state, wednesday, friday):
        return [f"Schedule {number}: {state}", "Day        Ready at", "---------  --------",
                "Monday     -", "Tuesday    -", f"Wednesday  {wednesday}", "Thursday   -", f"Friday     {friday}",
                "Saturday   -", "Sunday     -"]

    def expected(self, offset):
        return ["Mode: scheduled", "", "Schedule 1: inactive, no days set", ""] \
            + self.hvac_block(2, "active", clock(15, 15, offset), clock(15, 15, offset)) \
            + ["", "Schedule 3: inactive, no days set", "", "Schedule 4: inactive, no days set",
               "", "Schedule 5: inactive, no days set"]

    def test_show(self):
        self.assertEqual(self.lines("hvac", "schedule", "show"), self.expected(0))
        self.assertEqual(self.lines("hvac", "schedule", "show", env=PARIS), self.expected(paris_offset()))
        doc = self.json_of("hvac", "schedule", "show")
        self.assertEqual(doc["mode"], "scheduled")
        self.assertEqual(doc["schedules"][1], {"id": 2, "activated": True, **{day: None for day in DAYS},
                                               "wednesday": {"readyAtTime": "T15:15Z"},
                                               "friday": {"readyAtTime": "T15:15Z"}})
        self.assertEqual(doc["schedules"][0], {"id": 1, "activated": False, **{day: None for day in DAYS}})

    def test_set_activate_and_deactivate(self):
        before = len(self.requests())
        result = self.ok("hvac", "schedule", "set", "2", "--monday", "07:30", "--friday", "clear", env=PARIS)
        self.assertEqual(result.stdout.splitlines(), [
            "HVAC schedule 2 sent. It may take a few minutes to apply.", "",
            "Schedule 2: active", "Day        Ready at", "---------  --------",
            "Monday     07:30", "Tuesday    -", f"Wednesday  {clock(15, 15, paris_offset())}", "Thursday   -",
            "Friday     -", "Saturday   -", "Sunday     -"])
        self.assertEqual([(m, p) for m, p, _, _ in self.kamereon_requests(before)][-2:], [
            ("GET", f"{ROOT}/kca/car-adapter/v1/cars/{ZOE}/hvac-settings"),
            ("POST", f"{ROOT}/kca/car-adapter/v2/cars/{ZOE}/actions/hvac-schedule"),
        ])
        schedules = self.stored(ZOE, "hvac-settings")["schedules"]
        self.assertEqual(schedules[1], {"id": 2, "activated": True, **{day: None for day in DAYS},
                                        "monday": {"readyAtTime": utc_of_paris(7, 30)},
                                        "wednesday": {"readyAtTime": "T15:15Z"}})
        self.assertEqual([strip_nulls(s) for s in schedules[2:]],
                         [{"id": n, "activated": False} for n in (3, 4, 5)])

        self.assertEqual(self.ok("hvac", "schedule", "activate", "1").stdout,
                         "HVAC schedule 1 activated. It may take a few minutes to apply.\n")
        doc = self.json_of("hvac", "schedule", "deactivate", "2")
        self.assertEqual([s["activated"] for s in doc["schedules"]], [True, False, False, False, False])
        self.assertEqual(doc["schedules"], self.stored(ZOE, "hvac-settings")["schedules"])

    def test_errors(self):
        self.assertEqual(self.error(1, "hvac", "schedule", "set", "9", "--monday", "T07:30Z"),
                         "Error: Schedule id 9 not found.\n")
        self.assertEqual(self.error(1, "hvac", "schedule", "activate", "9"), "Error: Schedule id 9 not found.\n")
        for value, why in {"07:30,60": "expected HH:MM (local time), Thh:mmZ (UTC) or clear",
                           "07:20": "the minutes must be 00, 15, 30 or 45",
                           "T7:30Z": "expected HH:MM (local time), Thh:mmZ (UTC) or clear",
                           "T24:00Z": "the hour must be 00 to 23"}.items():
            self.assertEqual(self.error(2, "hvac", "schedule", "set", "2", "--saturday", value),
                             f"Error: invalid value for --saturday: `{value}`: {why}\n")
        # The Renault 5 has no HVAC schedule action: refused before anything is read or sent.
        before = len(self.requests())
        stderr = self.error(1, "--vin", R5, "hvac", "schedule", "set", "1", "--monday", "T07:30Z")
        self.assertTrue(stderr.startswith("Error: "), stderr)
        self.assertIn("actions/hvac-set-schedule", stderr)
        self.assertEqual([r[2] for r in self.kamereon_requests(before)], ["vehicle-details"])


class HvacHistory(ScheduleTest):
    def test_history_by_month_and_day(self):
        before = len(self.requests())
        self.assertEqual(self.ok("hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31").stdout,
                         "No data available.\n")
        self.assertEqual(self.json_of("hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31",
                                      "--period", "day"), {})
        queries = [(r[1], r[2], r[3]) for r in self.kamereon_requests(before) if r[2] == "hvac-history"]
        path = f"{ROOT}/kca/car-adapter/v1/cars/{ZOE}/hvac-history"
        self.assertEqual(queries, [
            (path, "hvac-history", {"type": "month", "start": "202011", "end": "202012", "country": "FR"}),
            (path, "hvac-history", {"type": "day", "start": "20201101", "end": "20201231", "country": "FR"}),
        ])

    def test_sessions(self):
        before = len(self.requests())
        self.assertEqual(self.ok("hvac", "sessions", "--from", "2020-11-01", "--to", "2020-11-30").stdout,
                         "No data available.\n")
        self.assertEqual(self.json_of("hvac", "sessions", "--from", "2020-11-01", "--to", "2020-11-30"), {})
        self.assertEqual([(r[1], r[3]) for r in self.kamereon_requests(before) if r[2] == "hvac-sessions"][0],
                         (f"{ROOT}/kca/car-adapter/v1/cars/{ZOE}/hvac-sessions",
                          {"start": "20201101", "end": "20201130", "country": "FR"}))

    def test_errors(self):
        # (dates.cpp words the rest of the message)
        stderr = self.error(2, "hvac", "history", "--from", "2020-13-01", "--to", "2020-12-31")
        self.assertTrue(stderr.startswith("Error: invalid value for --from: `2020-13-01` is not a date (YYYY-MM-DD"),
                        stderr)
        stderr = self.error(2, "hvac", "sessions", "--from", "2020-11-01", "--to", "soon")
        self.assertTrue(stderr.startswith("Error: invalid value for --to: `soon` is not a date (YYYY-MM-DD"), stderr)
        self.assertIn("--period", self.error(2, "hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31",
                                             "--period", "week"))
        self.assertIn("--to", self.error(2, "hvac", "history", "--from", "2020-11-01"))
        # not available for the Renault 5: nothing asked of the server but its details
        before = len(self.requests())
        stderr = self.error(1, "--vin", R5, "hvac", "history", "--from", "2020-11-01", "--to", "2020-12-31")
        self.assertEqual(stderr, "Error: the endpoint is not available for this vehicle model: "
                         "Endpoint 'hvac-history' not available for model 'R5E1VE'\n")
        self.assertEqual([r[2] for r in self.kamereon_requests(before)], ["vehicle-details"])


def main():
    global CLI, MOCK
    CLI, MOCK, rest = support.programs()
    sys.exit(support.run_tests(rest))


if __name__ == "__main__":
    main()
