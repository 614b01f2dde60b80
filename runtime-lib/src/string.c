/* src/string.c: memcpy, memmove, memset, memcmp and two string helpers, without libc.
 *
 * LLVM emits calls to the mem* functions for aggregate copies and for wasm bulk-memory operations
 * (memory.copy is a memmove, memory.fill a memset, memory.init a memcpy), so they must exist in every
 * executable, and a program built with bulk memory spends its copying time here. The build uses
 * -ffreestanding -fno-builtin so clang does not recognise these loops as memcpy and turn them into
 * calls to themselves. Where misaligned words are fast (x86-64, AArch64), copies of up to 32 bytes
 * are a few overlapping loads and stores and longer ones move 32-byte blocks; elsewhere words move
 * between equally aligned pointers and bytes otherwise.
 */
#include "rt.h"

typedef uintptr_t word;

/* Whether the target loads and stores words at any address at full speed. x86-64 and AArch64 do;
 * RISC-V may trap and emulate a misaligned access in the kernel (thousands of cycles), and 32-bit Arm
 * faults on misaligned doubleword accesses, so there words are only moved between equally aligned
 * pointers. The aligned(1) types below tell the compiler so: it emits plain loads on the first two. */
#if defined(__x86_64__) || defined(__aarch64__)
#define FAST_UNALIGNED 1
#else
#define FAST_UNALIGNED 0
#endif

typedef uint64_t __attribute__((aligned(1), may_alias)) u64_any;
typedef uint32_t __attribute__((aligned(1), may_alias)) u32_any;
typedef word __attribute__((may_alias)) word_alias;

static inline uint64_t load64(const unsigned char *p) { return *(const u64_any *)p; }
static inline void store64(unsigned char *p, uint64_t v) { *(u64_any *)p = v; }

/* Moves n <= 32 bytes with at most four loads of each width, possibly overlapping one another (a
 * 13-byte copy is bytes 0-7 and 5-12). Every load comes before every store, so the source and the
 * destination may overlap in any way: memmove uses it too. Most copies a program makes are this
 * small (a wasm memory.copy of a string or a struct field). */
static inline void move_small(unsigned char *d, const unsigned char *s, size_t n) {
  if (n >= 16) {
    uint64_t a = load64(s), b = load64(s + 8), c = load64(s + n - 16), e = load64(s + n - 8);
    store64(d, a); store64(d + 8, b); store64(d + n - 16, c); store64(d + n - 8, e);
  } else if (n >= 8) {
    uint64_t a = load64(s), b = load64(s + n - 8);
    store64(d, a); store64(d + n - 8, b);
  } else if (n >= 4) {
    uint32_t a = *(const u32_any *)s, b = *(const u32_any *)(s + n - 4);
    *(u32_any *)d = a; *(u32_any *)(d + n - 4) = b;
  } else if (n) {
    unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    d[0] = a; d[n / 2] = b; d[n - 1] = c;
  }
}

/* n > 32, copying forwards in 32-byte blocks. The last 32 bytes are loaded first and stored last, so
 * this is also a correct memmove when the destination starts below the source. */
static void move_forward(unsigned char *d, const unsigned char *s, size_t n) {
  uint64_t t0 = load64(s + n - 32), t1 = load64(s + n - 24), t2 = load64(s + n - 16), t3 = load64(s + n - 8);
  for (size_t i = 0; i < n - 32; i += 32) {
    uint64_t a = load64(s + i), b = load64(s + i + 8), c = load64(s + i + 16), e = load64(s + i + 24);
    store64(d + i, a); store64(d + i + 8, b); store64(d + i + 16, c); store64(d + i + 24, e);
  }
  store64(d + n - 32, t0); store64(d + n - 24, t1); store64(d + n - 16, t2); store64(d + n - 8, t3);
}

/* n > 32, backwards, for a destination above an overlapping source: the first 32 bytes are loaded
 * first and stored last. */
static void move_backward(unsigned char *d, const unsigned char *s, size_t n) {
  uint64_t h0 = load64(s), h1 = load64(s + 8), h2 = load64(s + 16), h3 = load64(s + 24);
  for (size_t i = n; i > 32; i -= 32) {
    uint64_t a = load64(s + i - 32), b = load64(s + i - 24), c = load64(s + i - 16), e = load64(s + i - 8);
    store64(d + i - 32, a); store64(d + i - 24, b); store64(d + i - 16, c); store64(d + i - 8, e);
  }
  store64(d, h0); store64(d + 8, h1); store64(d + 16, h2); store64(d + 24, h3);
}

/* Where misaligned words are slow: words between equally aligned pointers, bytes otherwise. */
static void copy_aligned_words(unsigned char *d, const unsigned char *s, size_t n) {
  if ((((uintptr_t)d ^ (uintptr_t)s) & (sizeof(word) - 1)) == 0) {
    while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *d++ = *s++; n--; }
    while (n >= sizeof(word)) {
      *(word_alias *)d = *(const word_alias *)s;
      d += sizeof(word); s += sizeof(word); n -= sizeof(word);
    }
  }
  while (n--) *d++ = *s++;
}

static void copy_aligned_words_backward(unsigned char *d, const unsigned char *s, size_t n) {
  d += n; s += n;
  if ((((uintptr_t)d ^ (uintptr_t)s) & (sizeof(word) - 1)) == 0) {
    while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *--d = *--s; n--; }
    while (n >= sizeof(word)) {
      d -= sizeof(word); s -= sizeof(word); n -= sizeof(word);
      *(word_alias *)d = *(const word_alias *)s;
    }
  }
  while (n--) *--d = *--s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  if (!FAST_UNALIGNED) copy_aligned_words(dst, src, n);
  else if (n <= 32) move_small(dst, src, n);
  else move_forward(dst, src, n);
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  /* Forwards unless dst starts inside (src, src+n); the unsigned distance covers both cases. */
  int forward = (uintptr_t)d - (uintptr_t)s >= n;
  if (d == s) return dst;
  if (!FAST_UNALIGNED) {
    if (forward) copy_aligned_words(d, s, n);
    else copy_aligned_words_backward(d, s, n);
  } else if (n <= 32) {
    move_small(d, s, n);
  } else if (forward) {
    move_forward(d, s, n);
  } else {
    move_backward(d, s, n);
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  uint64_t w = (unsigned char)c * 0x0101010101010101ull; /* the byte in every byte of the word */
  if (FAST_UNALIGNED && n >= 8) {
    /* The first and last 8 bytes (overlapping the middle), then whole words in between. */
    store64(d, w);
    store64(d + n - 8, w);
    size_t i = 8;
    for (; i + 32 <= n; i += 32) {
      store64(d + i, w); store64(d + i + 8, w); store64(d + i + 16, w); store64(d + i + 24, w);
    }
    for (; i + 8 <= n; i += 8) store64(d + i, w);
    return dst;
  }
  while (n && ((uintptr_t)d & (sizeof(word) - 1))) { *d++ = (unsigned char)c; n--; }
  while (n >= sizeof(word)) {
    *(word_alias *)d = (word)w;
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
