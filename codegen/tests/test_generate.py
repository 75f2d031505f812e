#!/usr/bin/env python3
"""Golden tests of the code generator, kept apart from the hand-written C++ tests.

    test_generate.py            check
    test_generate.py --update   rewrite expected/ from the test schema (review the diff!)
"""

import filecmp
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent / "generate.py"
SCHEMA = HERE / "schema"
EXPECTED = HERE / "expected"
BAD = HERE / "bad"


def generate(schema_dir, out_dir):
    return subprocess.run([sys.executable, str(GENERATOR), "--schema-dir", str(schema_dir),
                           "--out-dir", str(out_dir)], capture_output=True, text=True)


def files_under(root):
    return sorted(p.relative_to(root) for p in Path(root).rglob("*") if p.is_file())


class GoldenOutput(unittest.TestCase):
    def test_matches_expected(self):
        with tempfile.TemporaryDirectory() as out:
            result = generate(SCHEMA, out)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(files_under(out), files_under(EXPECTED))
            for rel in files_under(EXPECTED):
                got = (Path(out) / rel).read_text(encoding="utf-8")
                want = (EXPECTED / rel).read_text(encoding="utf-8")
                self.assertEqual(got, want, f"{rel} differs from the golden file "
                                            f"(run test_generate.py --update and review the diff)")

    def test_deterministic(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            self.assertEqual(generate(SCHEMA, a).returncode, 0)
            self.assertEqual(generate(SCHEMA, b).returncode, 0)
            match, mismatch, errors = filecmp.cmpfiles(a, b, [str(p) for p in files_under(a)], shallow=False)
            self.assertEqual(mismatch + errors, [])
            self.assertEqual(len(match), len(files_under(EXPECTED)))

    def test_unchanged_files_are_not_rewritten(self):
        with tempfile.TemporaryDirectory() as out:
            self.assertEqual(generate(SCHEMA, out).returncode, 0)
            header = Path(out) / "renault/generated/model/things.hpp"
            before = header.stat().st_mtime_ns
            self.assertEqual(generate(SCHEMA, out).returncode, 0)
            self.assertEqual(header.stat().st_mtime_ns, before)

    def test_banner_names_the_schema_file(self):
        text = (EXPECTED / "renault/generated/model/things.hpp").read_text(encoding="utf-8")
        self.assertTrue(text.startswith("// Generated from schema/things.yaml by codegen/generate.py — do not edit."))


class MalformedSchema(unittest.TestCase):
    def test_each_bad_schema_fails_with_file_line_and_reason(self):
        cases = [line.split("\t", 1) for line in (BAD / "expected_errors.txt").read_text().splitlines() if line]
        self.assertEqual(len(cases), len(list(BAD.glob("*.yaml"))), "every bad schema has an expected error")
        for name, expected in cases:
            with self.subTest(name), tempfile.TemporaryDirectory() as schema_dir, \
                    tempfile.TemporaryDirectory() as out:
                (Path(schema_dir) / name).write_text((BAD / name).read_text())
                result = generate(schema_dir, out)
                self.assertEqual(result.returncode, 1)
                self.assertIn(expected, result.stderr)
                self.assertEqual(list(Path(out).rglob("*.hpp")), [], "nothing is written on error")


def update():
    import shutil
    shutil.rmtree(EXPECTED, ignore_errors=True)
    result = generate(SCHEMA, EXPECTED)
    if result.returncode:
        print(result.stderr, file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    if "--update" in sys.argv:
        sys.exit(update())
    unittest.main()
