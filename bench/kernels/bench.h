/* bench.h: shared helpers for the benchmark kernels: a deterministic PRNG and a checksum printer.
 *
 * Every kernel prints one checksum line so the runner can verify that the native build, wasm2native's
 * and each peer's computed the same thing; timing is done outside, by the runner, over whole runs. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t bench_rng_state = 0x9e3779b97f4a7c15ull;
static inline uint64_t bench_rand(void) {
  uint64_t x = bench_rng_state;
  x ^= x << 13; x ^= x >> 7; x ^= x << 17;
  return bench_rng_state = x;
}
static inline int bench_scale(int argc, char **argv, int def) {
  return argc > 1 ? atoi(argv[1]) : def;
}
#endif
