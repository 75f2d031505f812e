#!/usr/bin/env bash
# Compile cost of a user's translation units (bench/compile_cost/*.cpp), in the header-only mode and
# in the separately compiled mode (RENAULT_SEPARATE_COMPILATION): CPU user seconds and peak
# compiler memory for each, one compile at a time, without ccache.
#
#     bash bench/compile_cost.sh [BUILD_DIR] [-- extra compiler flags]
#
# BUILD_DIR (default build/dev) must have been configured, for the generated headers
# (BUILD_DIR/generated/include). Default flags: -std=c++20 -O2. Results are in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/dev
if [ $# -gt 0 ] && [ "$1" != "--" ]; then build=$1; shift; fi
[ "${1:-}" = "--" ] && shift
flags=(-std=c++20 -O2 "$@")
generated="$build/generated/include"
if [ ! -d "$generated/renault/generated" ]; then
    echo "compile_cost: $generated has no generated headers; configure and build $build first" >&2
    exit 2
fi
cxx=${CXX:-g++}
units=(models_only decode_one client_fake client_any client_beast)
[ -n "${UNITS:-}" ] && read -r -a units <<<"$UNITS"

printf '%-14s %-12s %10s %12s\n' "unit" "mode" "user s" "peak MB"
for unit in "${units[@]}"; do
    for mode in ${MODES:-header-only compiled}; do
        defs=()
        [ "$mode" = compiled ] && defs=(-DRENAULT_SEPARATE_COMPILATION)
        out=$(mktemp)
        /usr/bin/time -f '%U %M' -o "$out" "$cxx" "${flags[@]}" "${defs[@]}" -Iinclude -I"$generated" \
            -c "bench/compile_cost/$unit.cpp" -o /dev/null
        read -r user kb <"$out"
        rm -f "$out"
        printf '%-14s %-12s %10s %12d\n' "$unit" "$mode" "$user" $((kb / 1024))
    done
done
