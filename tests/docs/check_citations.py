#!/usr/bin/env python3
"""Fails when a file of the repository cites a reference document that is not part of it.

Comments and docs must cite files of the repository (docs/api/ carries the facts about the API),
never the reference notes the project was written from, which users do not have. This prints
every offending file:line and exits 1 when there is any, else prints a count and exits 0.

The files checked are the tracked files (`git ls-files`) when the source tree is a git checkout,
else every file below the root except .git/ and build/. Binary files are skipped.

Usage: check_citations.py [--root DIR]   (default: the repository holding this script)
"""

import argparse
import pathlib
import re
import subprocess
import sys

# Written with a character class so that this file does not match itself.
CITATION = re.compile(r"RENAULT[_]API\b|DESIGN[.]md|FIELDS[.]md|renault[-]api-docs")

SKIPPED_DIRS = {".git", "build"}


def tracked_files(root: pathlib.Path):
    """The tracked files, or None when git or the checkout is not available."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True,
                             capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [root / name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def all_files(root: pathlib.Path):
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts and relative.parts[0] in SKIPPED_DIRS:
            continue
        if path.is_file():
            files.append(path)
    return files


def citations(path: pathlib.Path):
    """(line number, line) of each citing line; nothing for a binary or unreadable file."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    if b"\0" in data:
        return []
    text = data.decode("utf-8", "replace")
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if CITATION.search(line)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parents[2])
    args = parser.parse_args()
    root = args.root.resolve()
    if not root.is_dir():
        print(f"check_citations: {root} is not a directory", file=sys.stderr)
        return 2

    files = tracked_files(root)
    if files is None:
        files = all_files(root)
    files = [f for f in files
             if f.relative_to(root).parts[:1] and f.relative_to(root).parts[0] not in SKIPPED_DIRS]

    found = []
    for path in files:
        for number, line in citations(path):
            found.append(f"{path.relative_to(root).as_posix()}:{number}: {line}")

    if found:
        print("\n".join(found))
        print(f"\n{len(found)} line(s) in {len({f.split(':', 1)[0] for f in found})} file(s) cite a "
              "reference document that is not in the repository; cite docs/api/ instead.")
        return 1
    print(f"check_citations: {len(files)} files, no citation of a missing reference document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
