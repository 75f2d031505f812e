#!/usr/bin/env bash
# packaging.conan*: `conan create` of the repository's conanfile.py with test_package/, in a
# temporary CONAN_HOME, offline: Boost, OpenSSL and libcurl come from the system through
# tests/packaging/conan/debian.profile ([platform_requires]).
#
#   conan_create.sh SOURCE_DIR WORK_DIR VERSION [conan options, e.g. -o renault/*:compiled=True]
#
# Conan is $CONAN (.ci/run sets it to the copy beside the repository when there is one), else
# `conan` on PATH. Without either the test is skipped: exit 77 (CTest SKIP_RETURN_CODE).
set -euo pipefail
source_dir=$1 work_dir=$2 version=$3
shift 3

conan=${CONAN:-}
if [ -z "$conan" ]; then
    conan=$(command -v conan || true)
fi
if [ -z "$conan" ] || [ ! -f "$conan" ]; then
    echo "SKIPPED: no conan (set CONAN=/path/to/conan or put conan on PATH)"
    exit 77
fi
conan_cmd=("$conan")
[ -x "$conan" ] || conan_cmd=(bash "$conan") # e.g. a read-only copy without its execute bit
export PYTHONDONTWRITEBYTECODE=1             # write nothing beside a shared copy of conan

rm -rf "$work_dir"
mkdir -p "$work_dir"
export CONAN_HOME="$work_dir/home"
# test_package/ builds in its own folder: a copy keeps the source tree clean.
cp -r "$source_dir/test_package" "$work_dir/test_package"

# A conan that does not run (e.g. Python packages missing: scripts/install-deps.sh) is a failure.
if ! conan_version=$("${conan_cmd[@]}" --version 2>&1); then
    echo "$conan_version"
    echo "FAILED: ${conan_cmd[*]} does not run"
    exit 1
fi
echo "conan: ${conan_cmd[*]} ($conan_version)"
"${conan_cmd[@]}" profile detect >"$work_dir/profile-detect.log" 2>&1 || { cat "$work_dir/profile-detect.log"; exit 1; }
log="$work_dir/create.log"
set +e
# build_type=Debug: what is tested is the packaging, not the optimiser; -O0 compiles the library
# (the compiled=True package) in about half the time of the default profile's Release (-O3).
"${conan_cmd[@]}" create "$source_dir" -tf "$work_dir/test_package" \
    -pr:h default -pr:h "$source_dir/tests/packaging/conan/debian.profile" -pr:b default \
    -s:h build_type=Debug --build=missing -nr "$@" >"$log" 2>&1
status=$?
set -e
if [ $status -ne 0 ]; then
    tail -n 60 "$log"
    echo "FAILED: conan create $* exited with $status (log: $log)"
    exit 1
fi
# What test_package printed, and the package Conan made of it.
expected="renault $version: battery 60 %, plugged"
if ! grep -qF "$expected" "$log"; then
    tail -n 40 "$log"
    echo "FAILED: test_package did not print \"$expected\""
    exit 1
fi
grep -E "Package '[0-9a-f]+' created|^renault $version:" "$log"
echo "conan create $*: renault/$version created and test_package ran"
