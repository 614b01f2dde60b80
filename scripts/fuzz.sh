#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer target w2n-fuzz-decode (decode + validate + translate at -O0, under
# AddressSanitizer and UBSan; compiler/tools/fuzz/decode-fuzzer.cpp) and runs it.
#
#   bash scripts/fuzz.sh SECONDS [JOBS]     fuzz for SECONDS (wall) on JOBS processes (default 1)
#   bash scripts/fuzz.sh --build-only       just build it
#
# The build has its own folder, W2N_FUZZ_BUILD_DIR (default build-fuzz/), configured with clang-19 and
# -DW2N_FUZZ=ON; the normal build/ is untouched. Inside it:
#   seeds/    every .wasm of the spec suite (../shared/testsuites/spec, or W2N_SHARED/testsuites/spec):
#             valid modules and, above all, the invalid and malformed ones of assert_invalid and
#             assert_malformed, copied once, named by content hash (duplicates fall away)
#   corpus/   the inputs libFuzzer found interesting, kept from run to run
#   crashes/  crash-*, timeout-*, oom-* inputs; reproduce one with build-fuzz/bin/w2n-fuzz-decode FILE
#   fuzz.log  the run's output; the last lines give executions, exec/s and the corpus size
# Exit status: 0 when the run ended without a crash, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || { [ "$1" != "--build-only" ] && ! [[ "$1" =~ ^[0-9]+$ ]]; }; then
  echo "usage: scripts/fuzz.sh SECONDS [JOBS] | --build-only" >&2
  exit 2
fi
SECONDS_TO_RUN=$1
JOBS=${2:-1}
BUILD=$(realpath -m "${W2N_FUZZ_BUILD_DIR:-build-fuzz}")
SHARED=${W2N_SHARED:-../shared}

# -O1 -g without NDEBUG: assertions on, fast enough for fuzzing, readable stack traces.
mkdir -p "$BUILD"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DW2N_FUZZ=ON > "$BUILD/cmake.log" 2>&1 ||
  { cat "$BUILD/cmake.log"; exit 1; }
ninja -C "$BUILD" w2n-fuzz-decode
[ "$1" = "--build-only" ] && exit 0

SEEDS="$BUILD/seeds"
if [ ! -d "$SEEDS" ]; then
  if [ ! -d "$SHARED/testsuites/spec" ]; then
    echo "error: $SHARED/testsuites/spec not found (set W2N_SHARED): no seed corpus" >&2
    exit 1
  fi
  mkdir -p "$SEEDS.tmp"
  find "$SHARED/testsuites/spec" -name '*.wasm' -print0 | while IFS= read -r -d '' f; do
    cp "$f" "$SEEDS.tmp/$(sha1sum < "$f" | cut -c1-40)"
  done
  mv "$SEEDS.tmp" "$SEEDS"
fi
mkdir -p "$BUILD/corpus" "$BUILD/crashes"

# -timeout: one input taking 10 s is a hang worth a report; -rss_limit_mb: libFuzzer's default.
# With JOBS > 1, fork mode: JOBS child processes share the corpus and the time budget.
FLAGS=(-max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
       -artifact_prefix="$BUILD/crashes/")
[ "$JOBS" -gt 1 ] && FLAGS+=(-fork="$JOBS")
# The user+system time of this script's finished children (the second line of bash's `times`, which
# must run in this shell, not in a $(...) subshell), before and after the fuzzer (fork mode's workers
# included): the CPU time of "crashes per CPU-hour".
children_cpu_seconds() {
  tail -1 "$1" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1]*60 + u[2] + s[1]*60 + s[2] }'
}
times > "$BUILD/times.before"
status=0
"$BUILD/bin/w2n-fuzz-decode" "${FLAGS[@]}" "$BUILD/corpus" "$SEEDS" > "$BUILD/fuzz.log" 2>&1 || status=$?
times > "$BUILD/times.after"
# One process: the DONE and stat:: lines; fork mode: the last "#EXECUTIONS: cov: ..." status line.
grep -E '^(#[0-9]+ +DONE|stat::|INFO: fuzzed for)|ERROR|SUMMARY|Test unit written' "$BUILD/fuzz.log" | tail -20 || true
[ "$JOBS" -gt 1 ] && { grep -E '^#[0-9]+: cov' "$BUILD/fuzz.log" | tail -1 || true; }
awk -v a="$(children_cpu_seconds "$BUILD/times.before")" -v b="$(children_cpu_seconds "$BUILD/times.after")" \
  'BEGIN { printf "CPU time: %.1f CPU-minutes\n", (b - a) / 60 }'
echo "crashes/: $(ls "$BUILD/crashes" | wc -l) files; log: $BUILD/fuzz.log"
[ "$status" -eq 0 ] || { echo "fuzz.sh: the fuzzer stopped with status $status (see the log)"; exit 1; }
