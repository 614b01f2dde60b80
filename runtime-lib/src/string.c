/* src/string.c: memcpy, memmove, memset, memcmp and two string helpers, without libc.
 *
 * LLVM emits calls to the mem* functions for aggregate copies and for wasm bulk-memory operations,
 * so they must exist in every executable. The build uses -ffreestanding -fno-builtin so clang does
 * not recognise these loops as memcpy and turn them into calls to themselves; the loops move
 * machine words when both pointers are equally aligned, bytes otherwise.
 */
#include "rt.h"

typedef uintptr_t word;

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((((uintptr_t)d ^ (uintptr_t)s) & (sizeof(word) - 1)) == 0) {
    while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *d++ = *s++; n--; }
    while (n >= sizeof(word)) {
      *(word __attribute__((__may_alias__)) *)d = *(const word __attribute__((__may_alias__)) *)s;
      d += sizeof(word); s += sizeof(word); n -= sizeof(word);
    }
  }
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d == s || n == 0) return dst;
  /* Copy forwards unless dst starts inside [src, src+n); unsigned distance covers both cases. */
  if ((uintptr_t)d - (uintptr_t)s >= n) return memcpy(dst, src, n);
  d += n; s += n;
  if ((((uintptr_t)d ^ (uintptr_t)s) & (sizeof(word) - 1)) == 0) {
    while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *--d = *--s; n--; }
    while (n >= sizeof(word)) {
      d -= sizeof(word); s -= sizeof(word); n -= sizeof(word);
      *(word __attribute__((__may_alias__)) *)d = *(const word __attribute__((__may_alias__)) *)s;
    }
  }
  while (n--) *--d = *--s;
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  word w = (unsigned char)c;
  w *= (word)-1 / 0xff; /* replicate the byte into every byte of the word */
  while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *d++ = (unsigned char)c; n--; }
  while (n >= sizeof(word)) {
    *(word __attribute__((__may_alias__)) *)d = w;
    d += sizeof(word); n -= sizeof(word);
  }
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x < *y ? -1 : 1;
  return 0;
}

size_t w2n_strlen(const char *s) {
  const char *p = s;
  while (*p) p++;
  return (size_t)(p - s);
}

int w2n_strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    if (!*a) return 0;
  }
  return 0;
}
