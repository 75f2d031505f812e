#!/bin/sh
# Typed decoding in the two modes of the library (docs/client.md, "Header-only or compiled"), by
# instruction count (callgrind, so independent of the machine's load), over the bench corpus:
#  - compiled: bench_decode as CMake builds it (RENAULT_SEPARATE_COMPILATION): Boost.JSON's
#    basic_parser drives the decoder, in one pass;
#  - header-only: the same bench_decode.cpp compiled here without RENAULT_SEPARATE_COMPILATION:
#    Boost.JSON's compiled parser checks the body (building a DOM), then json_replay drives the
#    decoder (include/renault/model/impl/decode_checked.ipp).
# Each line is bench/decode_instructions.sh's output for that build: typed and DOM instructions
# per corpus pass, and their ratio.
#
#   bench/decode_modes.sh [BUILD_DIR] [N]      (defaults: build/dev, 20 passes)
#
# BUILD_DIR must have been built (bench_decode, and the generated headers). Needs valgrind, and
# about a minute to compile the header-only bench_decode.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build/dev}
passes=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

${CXX:-g++} -std=c++20 -O2 -DNDEBUG -DRENAULT_FIXTURES_DIR="\"$PWD/fixtures\"" -Iinclude -I"$build/generated/include" \
    bench/bench_decode.cpp -o "$tmp/bench_decode_header_only" -lbenchmark -lboost_json -lpthread

echo "compiled mode ($build/bench/bench_decode):"
sh bench/decode_instructions.sh "$build/bench/bench_decode" "$passes"
echo "header-only mode:"
sh bench/decode_instructions.sh "$tmp/bench_decode_header_only" "$passes"
