// Clocks, randomness and exit statuses: CLOCK_MONOTONIC never goes back and advances across a
// sleep; CLOCK_REALTIME and time() are plausible (after 2024, before 2100, and agree with each
// other); getentropy fills buffers with varying bytes, and two runs see different bytes; exit(N)
// and return N from main give status N.
// RUN: %clang-wasm %s -o %t.wasm
// RUN: %wasm2native -O0 %t.wasm -o %t.O0.exe
// RUN: %wasm2native -O2 %t.wasm -o %t.O2.exe
// RUN: %t.O0.exe > %t.O0.out
// RUN: FileCheck %s < %t.O0.out
// RUN: %t.O2.exe > %t.O2.out
// RUN: FileCheck %s < %t.O2.out
// RUN: python3 %S/Inputs/differ.py %t.O0.out %t.O2.out
// RUN: python3 %S/Inputs/status.py 7 %t.O2.exe exit 7
// RUN: python3 %S/Inputs/status.py 7 %t.O0.exe exit 7
// RUN: python3 %S/Inputs/status.py 0 %t.O2.exe exit 0
// RUN: python3 %S/Inputs/status.py 255 %t.O2.exe exit 255
// RUN: python3 %S/Inputs/status.py 42 %t.O2.exe return 42
// RUN: not %t.O2.exe exit 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "exit") == 0) {
    printf("exiting with %s\n", argv[2]);  // stdout is flushed by exit()
    exit(atoi(argv[2]));
  }
  if (argc == 3 && strcmp(argv[1], "return") == 0) return atoi(argv[2]);

  struct timespec res, a, b, c;
  printf("monotonic getres=%d positive=%d\n", clock_getres(CLOCK_MONOTONIC, &res),
         res.tv_sec > 0 || res.tv_nsec > 0);
  clock_gettime(CLOCK_MONOTONIC, &a);
  int nondecreasing = 1;
  struct timespec prev = a;
  for (int i = 0; i < 1000; i++) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec < prev.tv_sec || (now.tv_sec == prev.tv_sec && now.tv_nsec < prev.tv_nsec))
      nondecreasing = 0;
    prev = now;
  }
  usleep(20000);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("monotonic nondecreasing=%d slept>=19ms=%d slept<5s=%d\n", nondecreasing, ns >= 19000000,
         ns < 5000000000LL);
  printf("nsec in range=%d\n", a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && b.tv_nsec < 1000000000);

  time_t t = time(NULL);
  clock_gettime(CLOCK_REALTIME, &c);
  printf("time after 2024=%d before 2100=%d\n", t > 1704067200, t < 4102444800LL);
  printf("realtime agrees with time()=%d\n", c.tv_sec - t >= -1 && c.tv_sec - t <= 1);
  struct tm *g = gmtime(&t);
  printf("gmtime year plausible=%d\n", g->tm_year + 1900 >= 2024 && g->tm_year + 1900 < 2100);

  unsigned char r1[32], r2[32], big[256];
  memset(r1, 0, sizeof r1);
  memset(r2, 0, sizeof r2);
  printf("getentropy=%d %d\n", getentropy(r1, sizeof r1), getentropy(r2, sizeof r2));
  printf("buffers differ=%d\n", memcmp(r1, r2, sizeof r1) != 0);
  printf("getentropy 256=%d\n", getentropy(big, sizeof big));
  int seen[256] = {0}, distinct = 0;
  for (int i = 0; i < 256; i++)
    if (!seen[big[i]]++) distinct++;
  printf("distinct bytes>64=%d\n", distinct > 64);
  printf("getentropy 257 fails=%d\n", getentropy(big, 257) == -1);
  printf("random: ");
  for (int i = 0; i < 16; i++) printf("%02x", r1[i]);
  printf("\n");
  return 0;
}

// CHECK: monotonic getres=0 positive=1
// CHECK-NEXT: monotonic nondecreasing=1 slept>=19ms=1 slept<5s=1
// CHECK-NEXT: nsec in range=1
// CHECK-NEXT: time after 2024=1 before 2100=1
// CHECK-NEXT: realtime agrees with time()=1
// CHECK-NEXT: gmtime year plausible=1
// CHECK-NEXT: getentropy=0 0
// CHECK-NEXT: buffers differ=1
// CHECK-NEXT: getentropy 256=0
// CHECK-NEXT: distinct bytes>64=1
// CHECK-NEXT: getentropy 257 fails=1
// CHECK-NEXT: random: {{[0-9a-f]{32}$}}
