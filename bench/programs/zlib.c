/* zlib.c: a real program: Debian's zlib compressing and decompressing 8 MiB of generated text.
 *
 * bench/run.py compiles this driver together with the zlib sources of the Debian source package
 * (found under /var/cache/wasm2native/src or ZLIB_SRC) when they are present. The text is words drawn
 * from a small vocabulary by the shared PRNG, so it compresses like prose; each round deflates it at
 * level 6 and inflates it back, and the program prints the compressed size and CRC-32 of the result. */
#include "bench.h"
#include <string.h>
#include <zlib.h>
#define SIZE (8 << 20)
static unsigned char text[SIZE], back[SIZE];
static unsigned char packed[SIZE + SIZE / 100 + 1024];
static const char *words[] = {"the", "wasm", "module", "compiles", "ahead", "of", "time", "into", "a",
                              "static", "native", "executable", "with", "guard", "pages", "and", "traps",
                              "loops", "vectorize", "memory", "bounds", "load", "store", "function"};
int main(int argc, char **argv) {
  int rounds = bench_scale(argc, argv, 3);
  size_t n = 0;
  while (n < SIZE) {
    const char *w = words[bench_rand() % (sizeof words / sizeof *words)];
    size_t len = strlen(w);
    for (size_t i = 0; i < len && n < SIZE; i++) text[n++] = (unsigned char)w[i];
    if (n < SIZE) text[n++] = bench_rand() % 16 == 0 ? '\n' : ' ';
  }
  uLongf packed_len = 0, back_len = 0;
  for (int r = 0; r < rounds; r++) {
    packed_len = sizeof packed;
    if (compress2(packed, &packed_len, text, SIZE, 6) != Z_OK) return 1;
    back_len = SIZE;
    if (uncompress(back, &back_len, packed, packed_len) != Z_OK || back_len != SIZE) return 2;
  }
  if (memcmp(text, back, SIZE) != 0) return 3;
  printf("zlib %lu %08lx\n", (unsigned long)packed_len, crc32(0, back, (uInt)back_len));
  return 0;
}
