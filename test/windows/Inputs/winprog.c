/* test/windows/Inputs/winprog.c: the WASI program of test/windows/run.test, run as a PE under Wine and
 * as an ELF natively; argv[1] picks what it does. The default mode prints only facts that must be the
 * same on both (arguments, environment, stdin, clock and random sanity, memory.grow results), so the
 * test compares the two outputs line for line; the trap modes end in a trap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

extern char **environ;

/* Unbounded recursion that keeps nothing in linear memory (its shadow stack would run into the data
 * first): only the native wasm stack grows. The work after the call prevents tail-call elimination. */
volatile int sink;
__attribute__((noinline)) static int recurse(int n) {
  sink = n;
  return recurse(n + 1) * 3 + sink;
}

__attribute__((noinline)) static int divide(int a, int b) { return a / b; }

static uint64_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1, &t) != 0) return 0;
  return t;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "unreachable")) __builtin_trap();
  if (!strcmp(mode, "div0")) return divide(argc, argc - 2);
  if (!strcmp(mode, "oob")) return *(volatile char *)(uintptr_t)0xfffffff0u; /* beyond memory, in the guard */
  if (!strcmp(mode, "stack")) return recurse(0);

  for (int i = 1; i < argc; i++) printf("arg %d: [%s]\n", i, argv[i]);
  for (char **e = environ; *e; e++) printf("env: %s\n", *e);

  /* stdin: everything, as a count and a checksum */
  unsigned long n = 0, sum = 0;
  int c;
  while ((c = getchar()) != EOF) { n++; sum = sum * 31 + (unsigned char)c; }
  printf("stdin: %lu bytes, checksum %lu\n", n, sum);

  /* clocks: realtime after 2024-01-01, monotonic advancing across a 50 ms poll_oneoff sleep */
  printf("realtime after 2024: %d\n", now(__WASI_CLOCKID_REALTIME) > 1704067200ull * 1000000000ull);
  __wasi_timestamp_t res = 0;
  printf("monotonic resolution ok: %d\n",
         __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res) == 0 && res > 0 && res <= 1000000);
  uint64_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  struct timespec ts = {0, 50000000};
  nanosleep(&ts, NULL);
  uint64_t slept = now(__WASI_CLOCKID_MONOTONIC) - t0;
  printf("slept 50 ms: %d\n", slept >= 50000000ull && slept < 5000000000ull);
  printf("process cputime ok: %d\n", now(__WASI_CLOCKID_PROCESS_CPUTIME_ID) > 0);

  /* random: two 32-byte draws, neither all zero, different */
  uint8_t a[32], b[32], zero[32] = {0};
  int ok = __wasi_random_get(a, sizeof a) == 0 && __wasi_random_get(b, sizeof b) == 0;
  printf("random ok: %d\n", ok && memcmp(a, zero, 32) && memcmp(b, zero, 32) && memcmp(a, b, 32));

  /* memory.grow: the old size back, the new pages zeroed and usable, growth past the maximum refused */
  size_t before = __builtin_wasm_memory_size(0);
  size_t old = __builtin_wasm_memory_grow(0, 16);
  volatile uint8_t *last = (uint8_t *)((before + 16) * 65536 - 1);
  int zeroed = *last == 0;
  *last = 42;
  printf("memory.grow: returned old size %d, zeroed %d, stored %d, size +16 %d\n", old == before, zeroed,
         *last == 42, __builtin_wasm_memory_size(0) == before + 16);
  printf("memory.grow past 4 GiB: %d\n", (int)__builtin_wasm_memory_grow(0, 65536));

  /* stdio's fd kinds: stdout is the pipe of the test's status.py (WASI has no pipe type: unknown) */
  __wasi_fdstat_t st;
  int r = __wasi_fd_fdstat_get(1, &st);
  printf("fdstat stdout: %d, type %d, rights %#llx, bad fd: %d\n", r, st.fs_filetype,
         (unsigned long long)st.fs_rights_base, __wasi_fd_fdstat_get(9, &st));
  fflush(stdout);
  return 7;
}
