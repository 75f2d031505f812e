#!/usr/bin/env python3
"""The tables of schema/ are written once: no hand-written header repeats them.

    test_one_source.py

Checks, on the project's real schema and headers:
- the `renault::errc` enum of include/renault/errc.hpp declares no server error name itself (the
  names come from the generated lists it expands), and expands both lists;
- no hand-written source spells server error codes ("err.func.403", "403042") or endpoint mode
  names ("kcm-settings") as string literals, nor declares the enums the generator writes;
- the conditions the schema loader accepts are the enumerators of `renault::condition`.
"""

import re
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
from schema_loader import CONDITIONS, load_schema  # noqa: E402

SCHEMA = load_schema(sorted((ROOT / "schema").glob("*.yaml")), label_root=ROOT / "schema")


def hand_written_sources():
    """Hand-written headers of the library and sources of the apps (generated code excluded)."""
    files = [p for p in (ROOT / "include/renault").rglob("*.hpp") if "generated" not in p.parts]
    files += list((ROOT / "apps").rglob("*.hpp")) + list((ROOT / "apps").rglob("*.cpp"))
    return sorted(files)


def scan(text):
    """(code without comments, string literals) of C++ text."""
    code, literals, i, n = [], [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            code.append(" ")
        elif text[i] in "\"'":
            quote, j = text[i], i + 1
            while j < n and text[j] != quote and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if quote == '"':
                literals.append(text[i + 1:j])
            code.append(text[i:j + 1])
            i = j + 1
        else:
            code.append(text[i])
            i += 1
    return "".join(code), literals


def code_of(text):
    return scan(text)[0]


def string_literals(text):
    return scan(text)[1]


def enum_body(text, name):
    match = re.search(r"enum\s+class\s+" + name + r"\s*(?::[^{]*)?\{(.*?)\};", code_of(text), flags=re.S)
    return match.group(1) if match else None


class ServerErrors(unittest.TestCase):
    def test_the_schema_has_rows(self):
        self.assertGreater(len(SCHEMA.errors), 10)
        self.assertEqual({e["source"] for e in SCHEMA.errors}, {"kamereon", "gigya"})

    def test_errc_declares_no_server_name_and_expands_the_generated_lists(self):
        body = enum_body((ROOT / "include/renault/errc.hpp").read_text(encoding="utf-8"), "errc")
        self.assertIsNotNone(body, "enum class errc not found in errc.hpp")
        identifiers = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", body))
        written_twice = sorted(identifiers & {e["name"] for e in SCHEMA.errors})
        self.assertEqual(written_twice, [], "server error names are written in errc.hpp; they belong in schema/errors.yaml")
        self.assertIn("RENAULT_ERRC_KAMEREON_CODES", body)
        self.assertIn("RENAULT_ERRC_GIGYA_CODES", body)
        self.assertLess(body.index("RENAULT_ERRC_KAMEREON_CODES"), body.index("kamereon_error"))
        self.assertLess(body.index("RENAULT_ERRC_GIGYA_CODES"), body.index("gigya_error"))

    def test_no_hand_written_source_spells_a_table_of_server_error_codes(self):
        # One code in a source is a use (the mock answers err.func.400 to a bad request); two or
        # more are a copy of the table.
        codes = {e["code"] for e in SCHEMA.errors}
        for path in hand_written_sources():
            with self.subTest(str(path.relative_to(ROOT))):
                found = sorted(set(string_literals(path.read_text(encoding="utf-8"))) & codes)
                self.assertLess(len(found), 2, f"server error codes {found}: they belong in schema/errors.yaml (use find_server_error)")

    def test_conditions_are_those_of_the_condition_enum(self):
        body = enum_body((ROOT / "include/renault/errc.hpp").read_text(encoding="utf-8"), "condition")
        self.assertIsNotNone(body)
        enumerators = set(re.findall(r"^\s*([a-z_]+)\b", body, flags=re.M))
        self.assertEqual(enumerators, CONDITIONS)


class EndpointModes(unittest.TestCase):
    def test_the_schema_lists_modes_and_uses_them(self):
        names = [m.name for m in SCHEMA.endpoint_modes]
        self.assertIn("kcm-settings", names)
        self.assertTrue({ep.mode for ep in SCHEMA.endpoints} <= set(names))

    def test_no_hand_written_source_spells_a_mode_table(self):
        # "default" and "kcm" are also ordinary words of the override format; a source that
        # spells any other mode name, or two of them, mirrors the table.
        names = {m.name for m in SCHEMA.endpoint_modes}
        for path in hand_written_sources():
            with self.subTest(str(path.relative_to(ROOT))):
                found = sorted(set(string_literals(path.read_text(encoding="utf-8"))) & names)
                self.assertFalse(len(found) > 1 or set(found) - {"default", "kcm"}, f"mode names {found}: use endpoint_mode_names")

    def test_no_hand_written_enum_of_generated_or_retired_tables(self):
        for path in hand_written_sources():
            text = code_of(path.read_text(encoding="utf-8"))
            with self.subTest(str(path.relative_to(ROOT))):
                self.assertIsNone(re.search(r"enum\s+class\s+endpoint_mode\b", text))
                self.assertNotIn("error_condition_kind", text)


if __name__ == "__main__":
    unittest.main()
