/* bzip2.c: a real program: Debian's libbzip2 compressing and decompressing 4 MiB of generated data.
 *
 * bench/run.py compiles this driver together with the libbzip2 sources of the Debian source package
 * (found under /var/cache/wasm2native/src or BZIP2_SRC) when they are present. The data is words drawn
 * from a small vocabulary by the shared PRNG, with a short run of random bytes now and then, so that
 * the block sort sees both prose-like repeats and incompressible noise (text alone makes bzip2 spend
 * nearly all its time in the sort). Each round compresses it with 900k blocks (level 9) and
 * decompresses it back; the program prints the compressed size and FNV-1a hashes of the compressed
 * stream and of the result, so that any difference in what either side computed shows in the output. */
#include "bench.h"
#include <bzlib.h>
#include <string.h>
#define SIZE (4 << 20)
static char text[SIZE], back[SIZE];
static char packed[SIZE + SIZE / 100 + 600]; /* bzip2's documented worst case: 1% + 600 bytes */
static const char *words[] = {"the", "wasm", "module", "compiles", "ahead", "of", "time", "into", "a",
                              "static", "native", "executable", "with", "guard", "pages", "and", "traps",
                              "loops", "vectorize", "memory", "bounds", "load", "store", "function"};

static uint32_t fnv1a(const char *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

int main(int argc, char **argv) {
  int rounds = bench_scale(argc, argv, 2);
  size_t n = 0;
  while (n < SIZE) {
    if (bench_rand() % 32 == 0) {
      for (int k = bench_rand() % 24; k > 0 && n < SIZE; k--) text[n++] = (char)bench_rand();
      continue;
    }
    const char *w = words[bench_rand() % (sizeof words / sizeof *words)];
    size_t len = strlen(w);
    for (size_t i = 0; i < len && n < SIZE; i++) text[n++] = w[i];
    if (n < SIZE) text[n++] = bench_rand() % 16 == 0 ? '\n' : ' ';
  }
  unsigned packed_len = 0, back_len = 0;
  for (int r = 0; r < rounds; r++) {
    packed_len = sizeof packed;
    if (BZ2_bzBuffToBuffCompress(packed, &packed_len, text, SIZE, 9, 0, 0) != BZ_OK) return 1;
    back_len = SIZE;
    if (BZ2_bzBuffToBuffDecompress(back, &back_len, packed, packed_len, 0, 0) != BZ_OK || back_len != SIZE)
      return 2;
  }
  if (memcmp(text, back, SIZE) != 0) return 3;
  printf("bzip2 %u %08x %08x\n", packed_len, fnv1a(packed, packed_len), fnv1a(back, back_len));
  return 0;
}
