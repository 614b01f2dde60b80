/* zpipe-like.c: a driver for zlib built both natively and to wasm; both outputs must be identical.
 * Generates ~1 MB of deterministic input (text-like runs mixed with LCG noise), then for levels 1, 6
 * and 9: one-shot compress2/uncompress, and streaming deflate/inflate through small buffers (like
 * zlib's examples/zpipe.c); prints crc32/adler32 and compressed sizes and checks round trips. If a
 * directory is given, also writes and reads back a .gz file there through gzwrite/gzread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zlib.h"

#define INPUT_SIZE (1024 * 1024 + 123)
#define CHUNK 4096

static unsigned long long lcg = 0x2545F4914F6CDD1DULL;
static unsigned next_rand(void) {
  lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(lcg >> 33);
}

static void generate(unsigned char *buf, size_t n) {
  static const char *words[] = {"wasm", "native", "compiler", "zlib ", "deflate", "inflate",
                                "the ", "of ", "and ", "\n", "0123456789", "    "};
  size_t i = 0;
  while (i < n) {
    unsigned r = next_rand();
    if (r % 8 == 0) { /* a burst of noise */
      unsigned len = 1 + (r >> 8) % 64;
      for (unsigned k = 0; k < len && i < n; k++) buf[i++] = (unsigned char)next_rand();
    } else {
      const char *w = words[(r >> 4) % (sizeof words / sizeof *words)];
      for (size_t k = 0; w[k] && i < n; k++) buf[i++] = (unsigned char)w[k];
    }
  }
}

static int fail(const char *what, int code) {
  printf("FAIL: %s (%d)\n", what, code);
  return 1;
}

/* Streaming deflate through CHUNK-sized buffers, feeding input in odd-sized pieces. */
static long stream_deflate(const unsigned char *in, size_t n, unsigned char *out, size_t cap, int level) {
  z_stream s;
  memset(&s, 0, sizeof s);
  if (deflateInit(&s, level) != Z_OK) return -1;
  size_t pos = 0, outpos = 0, piece = 1000;
  int flush;
  do {
    size_t len = n - pos < piece ? n - pos : piece;
    piece = piece * 3 % 7919 + 1;
    s.next_in = (Bytef *)in + pos;
    s.avail_in = (uInt)len;
    pos += len;
    flush = pos == n ? Z_FINISH : Z_NO_FLUSH;
    do {
      unsigned char chunk[CHUNK];
      s.next_out = chunk;
      s.avail_out = CHUNK;
      if (deflate(&s, flush) == Z_STREAM_ERROR) return -2;
      size_t have = CHUNK - s.avail_out;
      if (outpos + have > cap) return -3;
      memcpy(out + outpos, chunk, have);
      outpos += have;
    } while (s.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&s);
  return (long)outpos;
}

static long stream_inflate(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
  z_stream s;
  memset(&s, 0, sizeof s);
  if (inflateInit(&s) != Z_OK) return -1;
  size_t pos = 0, outpos = 0;
  int ret = Z_OK;
  while (ret != Z_STREAM_END) {
    size_t len = n - pos < 777 ? n - pos : 777;
    if (len == 0) break;
    s.next_in = (Bytef *)in + pos;
    s.avail_in = (uInt)len;
    pos += len;
    do {
      unsigned char chunk[CHUNK];
      s.next_out = chunk;
      s.avail_out = CHUNK;
      ret = inflate(&s, Z_NO_FLUSH);
      if (ret == Z_NEED_DICT || ret == Z_DATA_ERROR || ret == Z_MEM_ERROR || ret == Z_STREAM_ERROR) {
        inflateEnd(&s);
        return -2;
      }
      size_t have = CHUNK - s.avail_out;
      if (outpos + have > cap) return -3;
      memcpy(out + outpos, chunk, have);
      outpos += have;
    } while (s.avail_out == 0);
  }
  inflateEnd(&s);
  return ret == Z_STREAM_END ? (long)outpos : -4;
}

int main(int argc, char **argv) {
  int failures = 0;
  printf("zlib version %s\n", zlibVersion());
  unsigned char *in = malloc(INPUT_SIZE);
  uLong bound = compressBound(INPUT_SIZE);
  unsigned char *comp = malloc(bound), *back = malloc(INPUT_SIZE + 16);
  generate(in, INPUT_SIZE);
  printf("input size=%d crc32=%08lx adler32=%08lx bound=%lu\n", INPUT_SIZE,
         crc32(0L, in, INPUT_SIZE), adler32(1L, in, INPUT_SIZE), bound);
  /* crc32_combine / adler32_combine over two halves */
  size_t half = INPUT_SIZE / 3;
  uLong c1 = crc32(0L, in, (uInt)half), c2 = crc32(0L, in + half, (uInt)(INPUT_SIZE - half));
  uLong a1 = adler32(1L, in, (uInt)half), a2 = adler32(1L, in + half, (uInt)(INPUT_SIZE - half));
  printf("combined crc32=%08lx adler32=%08lx\n", crc32_combine(c1, c2, INPUT_SIZE - half),
         adler32_combine(a1, a2, INPUT_SIZE - half));

  static const int levels[] = {1, 6, 9};
  for (int li = 0; li < 3; li++) {
    int level = levels[li];
    uLongf clen = bound;
    int r = compress2(comp, &clen, in, INPUT_SIZE, level);
    if (r != Z_OK) { failures += fail("compress2", r); continue; }
    printf("level %d: compress2 size=%lu crc32=%08lx adler32=%08lx\n", level, clen,
           crc32(0L, comp, (uInt)clen), adler32(1L, comp, (uInt)clen));
    uLongf blen = INPUT_SIZE + 16;
    r = uncompress(back, &blen, comp, clen);
    int ok = r == Z_OK && blen == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0;
    printf("level %d: uncompress %s\n", level, ok ? "round trip ok" : "MISMATCH");
    failures += !ok;

    long slen = stream_deflate(in, INPUT_SIZE, comp, bound, level);
    if (slen < 0) { failures += fail("stream_deflate", (int)slen); continue; }
    printf("level %d: stream deflate size=%ld crc32=%08lx\n", level, slen, crc32(0L, comp, (uInt)slen));
    long ilen = stream_inflate(comp, (size_t)slen, back, INPUT_SIZE + 16);
    ok = ilen == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0;
    printf("level %d: stream inflate %s\n", level, ok ? "round trip ok" : "MISMATCH");
    failures += !ok;
  }

  /* corrupt data must be rejected */
  uLongf clen = bound;
  compress2(comp, &clen, in, 100000, 6);
  comp[clen / 2] ^= 0x55;
  uLongf blen = INPUT_SIZE;
  printf("corrupted stream: uncompress=%d\n", uncompress(back, &blen, comp, clen));

  if (argc > 1) {
    char path[4096];
    snprintf(path, sizeof path, "%s/data.gz", argv[1]);
    gzFile g = gzopen(path, "wb9");
    if (!g) return fail("gzopen wb", 0);
    int written = 0;
    for (size_t off = 0; off < INPUT_SIZE; off += 65536) {
      unsigned len = INPUT_SIZE - off < 65536 ? (unsigned)(INPUT_SIZE - off) : 65536;
      written += gzwrite(g, in + off, len);
    }
    gzprintf(g, "trailer %d\n", 12345);
    printf("gz: wrote %d bytes, close=%d\n", written, gzclose(g));
    g = gzopen(path, "rb");
    if (!g) return fail("gzopen rb", 0);
    int got = gzread(g, back, INPUT_SIZE);
    char line[64] = {0};
    gzgets(g, line, sizeof line);
    printf("gz: read %d bytes equal=%d trailer=%s", got, got == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0, line);
    printf("gz: eof=%d close=%d\n", gzgetc(g) == -1 && gzeof(g), gzclose(g));
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    long gzsize = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *gzdata = malloc(gzsize);
    fread(gzdata, 1, gzsize, f);
    fclose(f);
    printf("gz: file size=%ld crc32=%08lx\n", gzsize, crc32(0L, gzdata, (uInt)gzsize));
    free(gzdata);
  }
  printf("%s\n", failures ? "FAILED" : "all ok");
  free(in);
  free(comp);
  free(back);
  return failures != 0;
}
