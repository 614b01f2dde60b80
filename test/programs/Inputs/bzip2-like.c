/* bzip2-like.c: a driver for libbzip2 built both natively and to wasm; both outputs must be identical.
 * Generates ~300 KB of deterministic input (words, numbers and bursts of LCG noise), then for block
 * sizes 1, 5 and 9: one-shot BZ2_bzBuffToBuffCompress/Decompress (the latter in normal and in small,
 * low-memory mode), and streaming compress/decompress through small buffers with a BZ_FLUSH midway;
 * prints compressed sizes and FNV-1a hashes and checks round trips. Highly repetitive input with
 * workFactor 1 makes the block sort fall back to its second algorithm (fallbackSort), a too-small
 * output buffer and a corrupted stream must be reported as errors. If a directory is given, also
 * writes and reads back a .bz2 file there through BZ2_bzWriteOpen/BZ2_bzRead (stdio over WASI). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bzlib.h"

#define INPUT_SIZE (300 * 1000 + 17)
#define CHUNK 3000

static unsigned long long lcg = 0x853c49e6748fea9bULL;
static unsigned next_rand(void) {
  lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(lcg >> 33);
}

/* Words and decimal numbers, with a burst of noise one time in twelve. */
static void generate(char *buf, size_t n) {
  static const char *words[] = {"block", "sort", "huffman", "bzip2 ", "burrows", "wheeler", "move",
                                "to front", ", ", ".\n", "wasm ", "native "};
  size_t i = 0;
  while (i < n) {
    unsigned r = next_rand();
    if (r % 12 == 0) {
      for (unsigned k = (r >> 8) % 40; k > 0 && i < n; k--) buf[i++] = (char)next_rand();
    } else if (r % 12 == 1) {
      i += snprintf(buf + i, n - i, "%u ", (r >> 4) % 100000);
      if (i > n) i = n; /* snprintf reports what it would have written */
    } else {
      for (const char *w = words[(r >> 4) % (sizeof words / sizeof *words)]; *w && i < n; w++) buf[i++] = *w;
    }
  }
}

static unsigned fnv1a(const char *p, size_t n) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

static int fail(const char *what, int code) {
  printf("FAIL: %s (%d)\n", what, code);
  return 1;
}

/* Streaming compress: input fed in odd-sized pieces, output drained through CHUNK-byte buffers, and a
 * BZ_FLUSH after the first half (which ends the current block early). */
static long stream_compress(const char *in, size_t n, char *out, size_t cap, int block) {
  bz_stream s;
  memset(&s, 0, sizeof s);
  if (BZ2_bzCompressInit(&s, block, 0, 0) != BZ_OK) return -1;
  size_t pos = 0, outpos = 0, piece = 999;
  int flushed = 0, action, ret;
  do {
    size_t len = n - pos < piece ? n - pos : piece;
    piece = piece * 5 % 6007 + 1;
    s.next_in = (char *)in + pos;
    s.avail_in = (unsigned)len;
    pos += len;
    action = pos == n ? BZ_FINISH : !flushed && pos > n / 2 ? (flushed = 1, BZ_FLUSH) : BZ_RUN;
    do {
      char chunk[CHUNK];
      s.next_out = chunk;
      s.avail_out = CHUNK;
      ret = BZ2_bzCompress(&s, action);
      if (ret < 0) return -2;
      size_t have = CHUNK - s.avail_out;
      if (outpos + have > cap) return -3;
      memcpy(out + outpos, chunk, have);
      outpos += have;
      /* BZ_FLUSH and BZ_FINISH are done when they return BZ_RUN_OK and BZ_STREAM_END; BZ_RUN when
       * the input is used up. */
    } while (action == BZ_RUN ? s.avail_in > 0 : ret != (action == BZ_FLUSH ? BZ_RUN_OK : BZ_STREAM_END));
  } while (action != BZ_FINISH);
  BZ2_bzCompressEnd(&s);
  return (long)outpos;
}

static long stream_decompress(const char *in, size_t n, char *out, size_t cap, int small) {
  bz_stream s;
  memset(&s, 0, sizeof s);
  if (BZ2_bzDecompressInit(&s, 0, small) != BZ_OK) return -1;
  size_t pos = 0, outpos = 0;
  int ret = BZ_OK;
  while (ret != BZ_STREAM_END) {
    size_t len = n - pos < 555 ? n - pos : 555;
    if (len == 0) break;
    s.next_in = (char *)in + pos;
    s.avail_in = (unsigned)len;
    pos += len;
    do {
      char chunk[CHUNK];
      s.next_out = chunk;
      s.avail_out = CHUNK;
      ret = BZ2_bzDecompress(&s);
      if (ret != BZ_OK && ret != BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&s);
        return -2;
      }
      size_t have = CHUNK - s.avail_out;
      if (outpos + have > cap) return -3;
      memcpy(out + outpos, chunk, have);
      outpos += have;
    } while (s.avail_out == 0 && ret != BZ_STREAM_END);
  }
  BZ2_bzDecompressEnd(&s);
  return ret == BZ_STREAM_END ? (long)outpos : -4;
}

int main(int argc, char **argv) {
  int failures = 0;
  printf("bzip2 version %s\n", BZ2_bzlibVersion());
  unsigned bound = INPUT_SIZE + INPUT_SIZE / 100 + 600; /* the documented worst case */
  char *in = malloc(INPUT_SIZE), *comp = malloc(bound), *back = malloc(INPUT_SIZE + 16);
  generate(in, INPUT_SIZE);
  printf("input size=%d fnv=%08x\n", INPUT_SIZE, fnv1a(in, INPUT_SIZE));

  static const int blocks[] = {1, 5, 9};
  for (int bi = 0; bi < 3; bi++) {
    int block = blocks[bi];
    unsigned clen = bound;
    int r = BZ2_bzBuffToBuffCompress(comp, &clen, in, INPUT_SIZE, block, 0, 0);
    if (r != BZ_OK) { failures += fail("BZ2_bzBuffToBuffCompress", r); continue; }
    printf("block %d: compress size=%u fnv=%08x\n", block, clen, fnv1a(comp, clen));
    for (int small = 0; small <= 1; small++) {
      unsigned blen = INPUT_SIZE + 16;
      r = BZ2_bzBuffToBuffDecompress(back, &blen, comp, clen, small, 0);
      int ok = r == BZ_OK && blen == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0;
      printf("block %d: decompress small=%d %s\n", block, small, ok ? "round trip ok" : "MISMATCH");
      failures += !ok;
    }

    long slen = stream_compress(in, INPUT_SIZE, comp, bound, block);
    if (slen < 0) { failures += fail("stream_compress", (int)slen); continue; }
    printf("block %d: stream compress size=%ld fnv=%08x\n", block, slen, fnv1a(comp, (size_t)slen));
    long dlen = stream_decompress(comp, (size_t)slen, back, INPUT_SIZE + 16, block == 9);
    int ok = dlen == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0;
    printf("block %d: stream decompress %s\n", block, ok ? "round trip ok" : "MISMATCH");
    failures += !ok;
  }

  /* A short period repeated: the main sort gives up on it quickly with workFactor 1. */
  char *rep = malloc(100000);
  for (int i = 0; i < 100000; i++) rep[i] = "abracadabra"[i % 11];
  unsigned clen = bound, blen = INPUT_SIZE;
  int r = BZ2_bzBuffToBuffCompress(comp, &clen, rep, 100000, 1, 0, 1);
  printf("repetitive: compress=%d size=%u fnv=%08x", r, clen, fnv1a(comp, clen));
  r = BZ2_bzBuffToBuffDecompress(back, &blen, comp, clen, 0, 0);
  printf(" decompress=%d equal=%d\n", r, blen == 100000 && memcmp(rep, back, 100000) == 0);
  free(rep);

  /* Errors: output buffer too small, a corrupted stream, something that is not bzip2 at all. */
  clen = 1000;
  printf("small output buffer: compress=%d\n", BZ2_bzBuffToBuffCompress(comp, &clen, in, INPUT_SIZE, 9, 0, 0));
  clen = bound;
  BZ2_bzBuffToBuffCompress(comp, &clen, in, 100000, 9, 0, 0);
  comp[clen / 2] ^= 0x55;
  blen = INPUT_SIZE;
  printf("corrupted stream: decompress=%d\n", BZ2_bzBuffToBuffDecompress(back, &blen, comp, clen, 0, 0));
  blen = INPUT_SIZE;
  printf("not bzip2: decompress=%d\n", BZ2_bzBuffToBuffDecompress(back, &blen, in, 1000, 0, 0));

  if (argc > 1) {
    char path[4096];
    snprintf(path, sizeof path, "%s/data.bz2", argv[1]);
    FILE *f = fopen(path, "wb");
    if (!f) return fail("fopen wb", 0);
    int err;
    BZFILE *b = BZ2_bzWriteOpen(&err, f, 9, 0, 0);
    if (err != BZ_OK) return fail("BZ2_bzWriteOpen", err);
    for (size_t off = 0; off < INPUT_SIZE; off += 65536) {
      int len = INPUT_SIZE - off < 65536 ? (int)(INPUT_SIZE - off) : 65536;
      BZ2_bzWrite(&err, b, in + off, len);
      if (err != BZ_OK) return fail("BZ2_bzWrite", err);
    }
    unsigned nin, nout;
    BZ2_bzWriteClose(&err, b, 0, &nin, &nout);
    printf("bz2 file: wrote %u bytes as %u, close=%d fclose=%d\n", nin, nout, err, fclose(f));
    f = fopen(path, "rb");
    if (!f) return fail("fopen rb", 0);
    b = BZ2_bzReadOpen(&err, f, 0, 0, NULL, 0);
    if (err != BZ_OK) return fail("BZ2_bzReadOpen", err);
    int got = 0, n;
    do {
      n = BZ2_bzRead(&err, b, back + got, INPUT_SIZE + 16 - got < 40000 ? INPUT_SIZE + 16 - got : 40000);
      got += n;
    } while (err == BZ_OK);
    printf("bz2 file: read %d bytes equal=%d end=%d\n", got, got == INPUT_SIZE && memcmp(in, back, INPUT_SIZE) == 0,
           err == BZ_STREAM_END);
    BZ2_bzReadClose(&err, b);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(size);
    fread(data, 1, size, f);
    fclose(f);
    printf("bz2 file: size=%ld fnv=%08x\n", size, fnv1a(data, (size_t)size));
    free(data);
  }
  printf("%s\n", failures ? "FAILED" : "all ok");
  free(in);
  free(comp);
  free(back);
  return failures != 0;
}
