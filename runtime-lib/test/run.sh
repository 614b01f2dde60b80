#!/usr/bin/env bash
# runtime-lib/test/run.sh: builds the runtime archives, links test_main.c against them for each target,
# and checks behaviour (output, traps, exit status, sandbox). aarch64, armv7 and riscv64 run under
# qemu-user (qemu-aarch64-static, qemu-arm-static, qemu-riscv64-static); a target whose qemu is missing
# is skipped.
#
# Usage: run.sh [BUILD_DIR]   BUILD_DIR holds lib/wasm2native/<target>/libw2nrt.a; if it is not
# given, the runtime is configured and built standalone in a temporary directory.
# Prints "N passed, M failed" and exits non-zero if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
rtdir=$(dirname "$here")
CLANG=${CLANG:-$(command -v clang-19 || command -v clang)}
LLD=${LLD:-$(command -v ld.lld-19 || command -v ld.lld)}
QEMU_AARCH64=${QEMU_AARCH64:-$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)}
QEMU_ARM=${QEMU_ARM:-$(command -v qemu-arm-static || command -v qemu-arm || true)}
QEMU_RISCV64=${QEMU_RISCV64:-$(command -v qemu-riscv64-static || command -v qemu-riscv64 || true)}
work=$(mktemp -d /tmp/w2n-rt-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  build=$1
else
  build=$work/build
  cmake -S "$rtdir" -B "$build" -G Ninja >/dev/null && ninja -C "$build" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1; }
fi

pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL [$target] $*"; }

# run NAME EXPECTED_STATUS [stdout-pattern] [stderr-exact]
run_case() {
  local name=$1 want_status=$2 want_out=${3-} want_err=${4-}
  local dir=$work/run-$target-$name
  rm -rf "$dir"; mkdir -p "$dir/sandbox/dir" "$dir/sandbox2" "$dir/outside"
  echo secret >"$dir/outside/secret.txt"
  echo inside >"$dir/sandbox/inside.txt"
  ln -s /etc "$dir/sandbox/etc_link"
  ln -s ../outside "$dir/sandbox/rel_escape"
  ln -s ../outside/secret.txt "$dir/sandbox/rel_escape_file"
  ln -s ../outside/created_by_guest "$dir/sandbox/dangling_out"
  ln -s .. "$dir/sandbox/dir/up_link"
  ln -s ../.. "$dir/sandbox/dir/up_up_link"
  ln -s loop2 "$dir/sandbox/loop1"; ln -s loop1 "$dir/sandbox/loop2"
  (cd "$dir" && HOST_SECRET=1 timeout 120 $runner "$exe" "$name" extra-arg >"$dir/out" 2>"$dir/err") 2>/dev/null
  local status=$?
  if [ "$status" != "$want_status" ]; then
    bad "$name: exit status $status, expected $want_status"; sed 's/^/    /' "$dir/out" "$dir/err" | head -20; return
  fi
  if [ -n "$want_out" ] && ! grep -q -- "$want_out" "$dir/out"; then
    bad "$name: stdout lacks '$want_out'"; sed 's/^/    /' "$dir/out" | head -20; return
  fi
  if [ -n "$want_err" ] && [ "$(cat "$dir/err")" != "$(printf "$want_err")" ]; then
    bad "$name: stderr was:"; sed 's/^/    /' "$dir/err"; return
  fi
  if [ -z "$want_err" ] && grep -q "wasm trap" "$dir/err"; then
    bad "$name: unexpected trap report"; sed 's/^/    /' "$dir/err"; return
  fi
  if [ -e "$dir/outside/created_by_guest" ] || [ -e "$dir/outside/moved_out" ] || [ -e "$dir/evil_dir" ]; then
    bad "$name: something was created outside the sandbox"; return
  fi
  ok
}

for target in x86_64-linux aarch64-linux armv7-linux riscv64-linux; do
  bits=64; flags=""
  case $target in
    x86_64-linux) triple=x86_64-linux-gnu; runner="" ;;
    aarch64-linux) triple=aarch64-linux-gnu; runner=$QEMU_AARCH64 ;;
    armv7-linux) triple=armv7-linux-gnueabihf; runner=$QEMU_ARM; bits=32
      flags="-march=armv7-a -marm -mfpu=vfpv3-d16 -mfloat-abi=hard" ;;
    riscv64-linux) triple=riscv64-linux-gnu; runner=$QEMU_RISCV64; flags="-march=rv64gc -mabi=lp64d" ;;
  esac
  if [ "$target" != x86_64-linux ] && [ -z "$runner" ]; then echo "skip $target: no qemu"; continue; fi
  lib=$build/lib/wasm2native/$target/libw2nrt.a
  exe=$work/test-$target
  if ! "$CLANG" --target=$triple $flags -O1 -ffreestanding -fno-builtin -nostdlibinc -fno-pic -fno-stack-protector \
        -Wall -Wno-infinite-recursion -I"$rtdir/include" -c "$here/test_main.c" -o "$work/test-$target.o" ||
     ! "$LLD" -static -nostdlib -e _start -o "$exe" "$work/test-$target.o" "$lib"; then
    bad "build"; continue
  fi
  ok
  if file "$exe" | grep -q "statically linked"; then ok; else bad "file(1) does not say statically linked: $(file "$exe")"; fi

  run_case hello 0 "hello, world"
  run_case exit7 7
  run_case args 0 "arg: extra-arg"
  if grep -q "HOST_SECRET" "$work/run-$target-args/out"; then bad "host environment leaked"; else ok; fi
  grep -q "^env: FOO=bar$" "$work/run-$target-args/out" && grep -q "^env: EMPTY=$" "$work/run-$target-args/out" &&
    grep -q "^arg: .*test-$target$" "$work/run-$target-args/out" && ok || bad "args/env output"
  run_case trap 134 "" 'wasm trap: integer divide by zero\n  in function trapper'
  run_case unknown 134 "" 'wasm trap: unreachable\n  in function <unknown>'
  run_case oob 134 "" 'wasm trap: out of bounds memory access\n  in function oob_load'
  # 32-bit targets have no 8 GiB guard region (generated code checks bounds explicitly there).
  [ $bits = 64 ] && run_case oob_far 134 "" 'wasm trap: out of bounds memory access\n  in function oob_load'
  run_case stack 134 "" 'wasm trap: call stack exhausted\n  in function recurse'
  run_case stack_check 134 "" 'wasm trap: call stack exhausted\n  in function checked_recurse'
  run_case table_oob 134 "" 'wasm trap: out of bounds table access\n  in function table_oob'
  run_case host_segv 139
  run_case wasm_segv 139
  run_case grow 0 "^ok$"
  run_case libm 0 "^ok$"
  run_case builtins 0 "^ok$"
  run_case files 0 "^ok$"
  run_case files_fallback 0 "^ok$"
  run_case escape 0 "^ok$"
  run_case escape_fallback 0 "^ok$"
  # armv7 on a kernel before 5.1: the 32-bit-time system calls instead of the *_time64 ones.
  [ $bits = 32 ] && run_case files_time32 0 "^ok$"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
