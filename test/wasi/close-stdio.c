// A guest that closes its stdout and stderr closes its own descriptors, not the process's: as in
// Wasmtime, the host's fds 0-2 stay open (wasi-shim/linux/fdtable.c). Otherwise the kernel hands the
// freed numbers to the next file the guest opens, and whatever the runtime writes to fd 2 (a trap's
// report) lands in the guest's file instead of on stderr.
// RUN: rm -rf %t && mkdir -p %t/box
// RUN: %clang-wasm %s -o %t/prog.wasm
// RUN: %wasm2native -O0 %t/prog.wasm -o %t/prog0 --dir=%t/box::/data
// RUN: %wasm2native -O2 %t/prog.wasm -o %t/prog2 --dir=%t/box::/data
// RUN: not %t/prog0 > %t/out.txt 2> %t/err.txt
// RUN: FileCheck %s --check-prefix=ERR < %t/err.txt
// RUN: FileCheck %s --check-prefix=FILE --implicit-check-not=trap < %t/box/after.txt
// RUN: count 0 < %t/out.txt
// RUN: rm -f %t/box/* && not %t/prog2 > %t/out.txt 2> %t/err.txt
// RUN: FileCheck %s --check-prefix=ERR < %t/err.txt
// RUN: FileCheck %s --check-prefix=FILE --implicit-check-not=trap < %t/box/after.txt
// RUN: count 0 < %t/out.txt
// ERR: wasm trap: unreachable
// FILE: written after closing stdout and stderr
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  close(1);
  close(2);
  FILE *f = fopen("/data/after.txt", "w");
  if (!f) return 3;
  fputs("written after closing stdout and stderr\n", f);
  fflush(f);
  __builtin_trap();
}
