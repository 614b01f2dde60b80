/* hashing.c: FNV-1a and a 64-bit multiply-rotate hash over a 16 MiB buffer; loads and integer ALU. */
#include "bench.h"
#define SIZE (16 << 20)
static unsigned char buf[SIZE];
int main(int argc, char **argv) {
  int reps = bench_scale(argc, argv, 8);
  for (int i = 0; i < SIZE; i++) buf[i] = (unsigned char)bench_rand();
  uint32_t fnv = 2166136261u;
  uint64_t h = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < SIZE; i++) { fnv ^= buf[i]; fnv *= 16777619u; }
    for (int i = 0; i + 8 <= SIZE; i += 8) {
      uint64_t w; __builtin_memcpy(&w, buf + i, 8);
      h = (h ^ w) * 0x9e3779b97f4a7c15ull; h = (h << 31) | (h >> 33);
    }
  }
  printf("hashing %08x %016llx\n", fnv, (unsigned long long)h);
  return 0;
}
