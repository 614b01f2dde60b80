#!/usr/bin/env bash
# difftest.sh: the long differential-testing run (docs/differential-testing.md): by default 10,000
# translate-to-fuzz modules (seeds 1..10000) at -O0 and -O2 against binaryen's interpreter, on every core.
# Any option of test/fuzz/difftest.py may be given and overrides the defaults, e.g.
#   scripts/difftest.sh --seed 20000 --count 500 --cpu x86-64-v4 -O 0,1,2,3,s
# Mismatches are saved under $W2N_BUILD_DIR/difftest (default build/difftest); exits 1 if there is one.
# Builds nothing: run `ninja -C build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${W2N_BUILD_DIR:-build}
exec python3 test/fuzz/difftest.py --seed 1 --count 10000 -j "$(nproc)" \
  --wasm2native "$BUILD/bin/wasm2native" --out "$BUILD/difftest" "$@"
