#!/usr/bin/env bash
# test.sh: builds wasm2native and runs every test suite; the README's test command and .ci/run call it.
#
# Runs the lit suite under test/ (decoder and validator errors, IR checks, execution tests at -O0 and -O2,
# WASI programs in C, real C programs, the producers corpus of test/corpus). Ends with one line "N passed, M failed, K skipped".
# Options: --no-build skips the build. W2N_BUILD_DIR picks the build folder (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${W2N_BUILD_DIR:-build}
export W2N_BUILD_DIR=$(realpath -m "$BUILD")

if [ "${1:-}" != "--no-build" ]; then
  mkdir -p "$BUILD"
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$BUILD/cmake.log" 2>&1 || { cat "$BUILD/cmake.log"; exit 1; }
  ninja -C "$BUILD"
fi

SHARED=${W2N_SHARED:-../shared}
if [ ! -d "$SHARED/testsuites" ]; then
  echo "note: $SHARED/testsuites not found: the suites that need it are skipped (set W2N_SHARED to point elsewhere)"
fi

RESULTS="$W2N_BUILD_DIR/lit-results.json"
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py --config-prefix=llvm-lit -sv -j "$(nproc)" \
  --output "$RESULTS" test || status=$?

python3 - "$RESULTS" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
counts = {"passed": 0, "failed": 0, "skipped": 0}
for t in data["tests"]:
    code = t["code"]
    if code in ("PASS", "XFAIL"):
        counts["passed"] += 1
    elif code in ("UNSUPPORTED", "SKIPPED", "EXCLUDED"):
        counts["skipped"] += 1
    else:
        counts["failed"] += 1
print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY
exit $status
