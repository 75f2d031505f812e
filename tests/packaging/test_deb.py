"""packaging.deb: builds the Debian package of the tools with CPack (cmake/packaging.cmake), checks
its control fields and contents, unpacks it with `dpkg -x` (never installs it) and runs the unpacked
tools: both --version, and the unpacked renault-mock serving, to the unpacked renault-api, a fixture
that exists only in the unpacked share/renault-mock folder (a marker written into its copy)."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = "REG-FROM-THE-DEB"  # replaces the Zoe's registration number in the unpacked fixture
ZOE_FIXTURE = "usr/share/renault-mock/fixtures/kamereon/vehicles/zoe_40.1.json"
TIMEOUT = 60


def run(*command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=kwargs.pop("timeout", 300), **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAILED ({result.returncode}): {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def check(condition, message):
    if not condition:
        sys.exit(f"FAILED: {message}")
    print(f"ok: {message}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpack", required=True)
    parser.add_argument("--config", required=True, help="the build tree's CPackConfig.cmake")
    parser.add_argument("--work", required=True, help="folder for the package and its unpacked tree (emptied)")
    parser.add_argument("--version", required=True)
    args = parser.parse_args()

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    # --- build the package -----------------------------------------------------------------------
    run(args.cpack, "--config", args.config, "-G", "DEB", "-B", str(work / "out"))
    debs = sorted((work / "out").glob("*.deb"))
    check(len(debs) == 1, f"cpack wrote one .deb: {[d.name for d in debs]}")
    deb = debs[0]
    arch = run("dpkg", "--print-architecture").strip()
    check(deb.name == f"renault-cpp-tools_{args.version}-1_{arch}.deb", f"file name {deb.name}")

    # --- control fields ----------------------------------------------------------------------------
    fields = {}
    for name in ["Package", "Version", "Architecture", "Maintainer", "Depends", "Section", "Description"]:
        fields[name] = run("dpkg-deb", "--field", str(deb), name).strip()
    check(fields["Package"] == "renault-cpp-tools", f"Package: {fields['Package']}")
    check(fields["Version"] == f"{args.version}-1", f"Version: {fields['Version']}")
    check(fields["Architecture"] == arch, f"Architecture: {fields['Architecture']}")
    check(re.fullmatch(r".+ <[^@ ]+@[^@ ]+>", fields["Maintainer"]) is not None, f"Maintainer: {fields['Maintainer']}")
    # dpkg-shlibdeps: the C library, the C++ runtime, OpenSSL and Boost.JSON, with versions.
    depends = [d.strip() for d in fields["Depends"].split(",")]
    for library in ["libc6", "libstdc++6", "libssl3", "libboost-json1.81.0", "libmosquitto1"]:
        check(any(re.match(rf"{re.escape(library)}( \(>= [^)]+\))?$", d) for d in depends),
              f"Depends names {library}: {fields['Depends']}")
    summary, *long_description = fields["Description"].splitlines()
    check(summary == "MyRenault API command-line client, MQTT bridge and mock server", f"Description: {summary}")
    check(len(long_description) >= 2 and long_description[0].startswith(" renault-api ")
          and all(line.startswith(" ") and len(line) < 80 for line in long_description),
          "Description: a long description, indented, lines under 80 columns")

    # --- contents: the tools, the mock's data, the licence; not the library -----------------------
    contents = run("dpkg-deb", "--contents", str(deb))
    paths = {line.split()[-1].removeprefix("./") for line in contents.splitlines() if line.strip()}
    for path in ["usr/bin/renault-api", "usr/bin/renault-mock", "usr/bin/renault-bridge", ZOE_FIXTURE,
                 "usr/share/renault-mock/fixtures/kamereon/vehicle_data/battery-status.zoe_40.json",
                 "usr/share/renault-mock/scenarios/default.json", "usr/share/renault-mock/scenarios/two_factor.json",
                 "usr/share/doc/renault-cpp-tools/copyright"]:
        check(path in paths, f"the package holds {path}")
    check(not any(p.startswith(("usr/include", "usr/lib")) for p in paths), "no headers nor library in the package")
    fixtures = [p for p in paths if p.startswith("usr/share/renault-mock/fixtures/") and p.endswith(".json")]
    source_fixtures = list((Path(__file__).resolve().parents[2] / "fixtures").rglob("*.json"))
    check(len(fixtures) == len(source_fixtures), f"all {len(source_fixtures)} fixtures (.json) are packaged: {len(fixtures)}")

    # --- unpacked, as dpkg would lay it out ---------------------------------------------------------
    root = work / "root"
    run("dpkg", "-x", str(deb), str(root))
    api, mock, bridge = root / "usr/bin/renault-api", root / "usr/bin/renault-mock", root / "usr/bin/renault-bridge"
    for binary in [api, mock, bridge]:
        sections = run("readelf", "-S", "-W", str(binary))
        check(".symtab" not in sections and ".debug_info" not in sections, f"{binary.name} is stripped")
    env = {"PATH": os.environ.get("PATH", ""), "TZ": "UTC"}
    check(run(str(api), "--version", env=env).strip() == f"renault-api {args.version}", "renault-api --version")
    check(run(str(mock), "--version", env=env).strip() == f"renault-mock {args.version}", "renault-mock --version")
    check(run(str(bridge), "--version", env=env).strip() == f"renault-bridge {args.version}", "renault-bridge --version")
    # Their --help: a summary, the options, and (renault-mock) the fixtures it found beside itself.
    api_help, mock_help = run(str(api), "--help", env=env), run(str(mock), "--help", env=env)
    check(api_help.startswith("renault-api: ") and "Exit status:" in api_help, "renault-api --help")
    check(mock_help.startswith("renault-mock: ") and "Exit status:" in mock_help, "renault-mock --help")
    check(f"--fixtures TEXT={root / 'usr/share/renault-mock/fixtures'}" in mock_help,
          "the unpacked renault-mock defaults to the unpacked share/renault-mock/fixtures")

    # The unpacked mock serves its own share/renault-mock/fixtures: the marker is only there.
    fixture = root / ZOE_FIXTURE
    text = fixture.read_text()
    check('"registrationNumber": "REG-NUMBER"' in text, "the packaged Zoe fixture is the source tree's")
    fixture.write_text(text.replace('"registrationNumber": "REG-NUMBER"', f'"registrationNumber": "{MARKER}"'))

    with tempfile.TemporaryDirectory() as home:
        process = subprocess.Popen([str(mock), "--port", "0", "--log", str(Path(home) / "mock.log")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=home, env=env)
        try:
            line = process.stdout.readline().strip()
            match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)", line)
            check(match is not None, f"the unpacked renault-mock started: {line!r}")
            url = match.group(1)
            cli_env = dict(env, HOME=home)
            server = ["--gigya-url", url, "--kamereon-url", url, "--locale", "fr_FR"]
            run(str(api), *server, "login", "--user", "test@example.com", "--password", "test_password",
                env=cli_env, cwd=home, timeout=TIMEOUT)
            vehicles = run(str(api), *server, "--account", "account-id-1", "--json", "vehicles",
                           env=cli_env, cwd=home, timeout=TIMEOUT)
            check(MARKER in vehicles and "VF1AAAAA555777999" in vehicles,
                  "the unpacked renault-mock served the unpacked fixture to the unpacked renault-api")
        finally:
            process.terminate()
            process.communicate(timeout=10)
    print(f"packaging.deb: {deb.name}: {len(paths)} entries, Depends: {fields['Depends']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
