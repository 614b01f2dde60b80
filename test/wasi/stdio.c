// stdio: printf formatting to stdout, fputs to stderr (kept apart from stdout), reading all of stdin.
// RUN: %clang-wasm %s -o %t.wasm
// RUN: %wasm2native -O0 %t.wasm -o %t.O0.exe
// RUN: %wasm2native -O2 %t.wasm -o %t.O2.exe
// RUN: %t.O0.exe < %S/Inputs/stdin.txt 2> %t.O0.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.O0.err
// RUN: %t.O2.exe < %S/Inputs/stdin.txt 2> %t.O2.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR < %t.O2.err
// RUN: %t.O2.exe < %S/Inputs/stdin.txt 2>&1 > /dev/null | FileCheck %s --check-prefix=ERR
// RUN: %t.O2.exe < /dev/null 2> /dev/null | FileCheck %s --check-prefix=EMPTY
#include <stdio.h>
#include <string.h>

int main(void) {
  printf("int=%d neg=%d hex=%#x str=%-5s| pad=%05d\n", 42, -17, 255, "ab", 7);
  printf("double=%.3f exp=%e big=%lld u64=%llu\n", 3.14159, 12345.678, -9000000000000LL,
         18446744073709551615ULL);
  fputs("to stderr\n", stderr);
  fprintf(stderr, "stderr number %d\n", 99);
  char line[256];
  int lines = 0;
  size_t bytes = 0;
  while (fgets(line, sizeof line, stdin)) {
    lines++;
    bytes += strlen(line);
    line[strcspn(line, "\n")] = '\0';
    printf("line %d: [%s]\n", lines, line);
  }
  printf("lines=%d bytes=%zu eof=%d\n", lines, bytes, feof(stdin));
  fflush(stdout);
  return 0;
}

// CHECK: int=42 neg=-17 hex=0xff str=ab   | pad=00007
// CHECK-NEXT: double=3.142 exp=1.234568e+04 big=-9000000000000 u64=18446744073709551615
// CHECK-NOT: stderr
// CHECK-NEXT: line 1: [first line]
// CHECK-NEXT: line 2: [  second, with spaces  ]
// CHECK-NEXT: line 3: []
// CHECK-NEXT: line 4: [last line without newline]
// CHECK-NEXT: lines=4 bytes=61 eof=1

// ERR: to stderr
// ERR-NEXT: stderr number 99
// ERR-NOT: line

// EMPTY: lines=0 bytes=0 eof=1
