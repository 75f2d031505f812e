#!/usr/bin/env bash
# Installs what renault-cpp needs to build and test on Debian 12 (as root, or through sudo).
# libmosquitto-dev: renault-bridge's MQTT client; mosquitto: the broker its tests start.
# clang, libclang-rt-14-dev: the sanitizer build (preset asan, scripts/test-asan.sh) and libFuzzer.
# dpkg-dev: dpkg-shlibdeps, for the Debian package of the tools (cmake/packaging.cmake). The Python
# packages of the last lines are what Conan 2 runs on (the packaging.conan tests; Conan itself is
# not a Debian package: tests/packaging/conan_create.sh says where it is looked for).
set -euo pipefail

packages=(
    cmake ninja-build g++ ccache git make pkg-config
    libboost1.81-dev libboost-json1.81-dev
    python3 python3-jinja2 python3-yaml
    catch2 libbenchmark-dev libcli11-dev libfmt-dev
    libssl-dev openssl libcurl4-openssl-dev
    libmosquitto-dev mosquitto
    dpkg-dev
    clang libclang-rt-14-dev
    python3-requests python3-urllib3 python3-colorama python3-patch-ng python3-fasteners
    python3-distro python3-dateutil
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
