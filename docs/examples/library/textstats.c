/* docs/examples/library/textstats.c: a small C library compiled to a wasm module with no _start and no
 * imports (a WASI "reactor": its _initialize sets up the C library once), used from C through the
 * header wasm2native generates:
 *
 *   clang --target=wasm32-wasi -O2 -c textstats.c -o textstats.o
 *   clang --target=wasm32-wasi -mexec-model=reactor textstats.o -o textstats.wasm
 *   wasm2native textstats.wasm --emit=lib -o libtextstats.a      # and textstats.h
 *   cc use-textstats.c libtextstats.a -lm -o use-textstats
 *
 * Each exported function is an export of the module; pointers are offsets in the module's memory,
 * where the host puts its data after allocating it with ts_alloc.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("ts_alloc") void *ts_alloc(size_t size) { return malloc(size); }
EXPORT("ts_free") void ts_free(void *p) { free(p); }

/* CRC-32 (IEEE 802.3, as zlib's crc32), table built on first use. */
EXPORT("ts_crc32") uint32_t ts_crc32(const uint8_t *data, size_t length) {
  static uint32_t table[256];
  if (!table[1])
    for (uint32_t n = 0; n < 256; n++) {
      uint32_t c = n;
      for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      table[n] = c;
    }
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

/* Code points in a NUL-terminated UTF-8 string, or -1 if it is not valid UTF-8. */
EXPORT("ts_utf8_length") int32_t ts_utf8_length(const char *s) {
  int32_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
    int extra = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
    if (extra < 0) return -1;
    p++;
    while (extra--)
      if ((*p++ & 0xc0) != 0x80) return -1;
  }
  return n;
}

/* Words (maximal runs of ASCII letters and digits, or of non-ASCII bytes) in a NUL-terminated string. */
EXPORT("ts_words") int32_t ts_words(const char *s) {
  int32_t words = 0, in_word = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p >= 0x80;
    words += letter && !in_word;
    in_word = letter;
  }
  return words;
}

/* Mean and population standard deviation of n doubles, written to out[0] and out[1]. */
EXPORT("ts_mean_sd") void ts_mean_sd(const double *v, int32_t n, double *out) {
  double mean = 0, m2 = 0;
  for (int32_t i = 0; i < n; i++) { /* Welford's method */
    double d = v[i] - mean;
    mean += d / (i + 1);
    m2 += d * (v[i] - mean);
  }
  out[0] = mean;
  out[1] = n ? __builtin_sqrt(m2 / n) : 0;
}

/* Greatest common divisor of two 64-bit numbers. */
EXPORT("ts_gcd") uint64_t ts_gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}
