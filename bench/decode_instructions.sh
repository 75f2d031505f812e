#!/bin/sh
# Instruction counts of typed decoding and of the Boost.JSON DOM parse over the bench corpus,
# independent of the machine's load: runs `bench_decode --passes=WHICH:N` under callgrind with N
# passes and with 0 passes and subtracts (loading the corpus, which decodes every document once,
# is in both), then prints instructions per corpus pass and the typed/DOM ratio. Also the floor:
# basic_parser with a handler that stores nothing (what any decoder on basic_parser pays).
#
#   bench/decode_instructions.sh [path/to/bench_decode] [N]     (defaults: build/dev/bench/bench_decode, 50)
#
# Needs valgrind (apt-get install valgrind). RENAULT_BENCH_CORPUS chooses the corpus as for bench_decode.
set -eu
exe=${1:-build/dev/bench/bench_decode}
passes=${2:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Total instructions (Ir) of one run of the driver.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$exe" --passes="$1" >/dev/null 2>"$tmp/log" ||
        { cat "$tmp/log" >&2; exit 1; }
    sed -n 's/^summary: *//p' "$tmp/out"
}

typed=$(( $(count typed:"$passes") - $(count typed:0) ))
dom=$(( $(count dom:"$passes") - $(count dom:0) ))
parse=$(( $(count parse:"$passes") - $(count parse:0) ))
awk -v t="$typed" -v d="$dom" -v p="$parse" -v n="$passes" 'BEGIN {
    printf "typed: %.0f instructions per corpus pass\n", t / n
    printf "DOM:   %.0f instructions per corpus pass\n", d / n
    printf "parse only (no-op handler): %.0f instructions per corpus pass (%.3f of DOM)\n", p / n, p / d
    printf "ratio typed/DOM (instructions) = %.3f (target <= 0.6)\n", t / d
}'
