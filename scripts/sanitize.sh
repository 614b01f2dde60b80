#!/usr/bin/env bash
# sanitize.sh: builds wasm2native under AddressSanitizer and UBSan and runs lit tests with it.
#
#   bash scripts/sanitize.sh [LIT PATHS...]    default: the folders listed in DEFAULT_TESTS below
#
# The build has its own folder, W2N_SANITIZE_BUILD_DIR (default build-asan/), configured with clang-19,
# -O1 -g, assertions on and -DW2N_SANITIZE=address,undefined (W2N_SANITIZE overrides the list). Only the
# compiler is instrumented; the runtimes it links into executables are freestanding and are not.
#
# A sanitizer report must fail the run even where a test expects wasm2native to fail (`not
# %wasm2native` accepts any non-zero exit, a sanitizer's included), so every report is also written to
# BUILD/sanitizer-logs/ (ASAN_OPTIONS/UBSAN_OPTIONS log_path, passed through by llvm-lit.cfg) and any
# file there counts as a finding: the script prints them and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(realpath -m "${W2N_SANITIZE_BUILD_DIR:-build-asan}")
SANITIZERS=${W2N_SANITIZE:-address,undefined}
DEFAULT_TESTS=(test/decoder test/cli test/ir test/traps test/simd test/embed test/runtime test/wasi
               test/spec/loop-fallthrough.wat test/spec/multiple-memories.wat test/spec/nan-quieting.wat
               test/spec/spec-core.test test/programs/zlib.test test/wasi-testsuite.test)
[ $# -gt 0 ] && TESTS=("$@") || TESTS=("${DEFAULT_TESTS[@]}")

mkdir -p "$BUILD"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DW2N_SANITIZE="$SANITIZERS" \
  > "$BUILD/cmake.log" 2>&1 || { cat "$BUILD/cmake.log"; exit 1; }
ninja -C "$BUILD"

LOGS="$BUILD/sanitizer-logs"
rm -rf "$LOGS" && mkdir -p "$LOGS"
export W2N_BUILD_DIR="$BUILD"
export ASAN_OPTIONS="log_path=$LOGS/asan:detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="log_path=$LOGS/ubsan:print_stacktrace=1:halt_on_error=1"
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py --config-prefix=llvm-lit -sv -j "$(nproc)" "${TESTS[@]}" || status=$?

if [ -n "$(ls -A "$LOGS")" ]; then
  echo "sanitize.sh: $(ls "$LOGS" | wc -l) sanitizer report(s) in $LOGS:"
  for f in "$LOGS"/*; do echo "== $f"; head -40 "$f"; done
  exit 1
fi
echo "sanitize.sh: no sanitizer reports"
exit $status
