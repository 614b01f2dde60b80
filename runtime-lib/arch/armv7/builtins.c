/* arch/armv7/builtins.c: the compiler helper functions LLVM calls on 32-bit ARM (the ARM run-time ABI,
 * "RTABI", plus the libgcc-style names), so that linking never needs libgcc or compiler-rt.
 *
 *  - integer division: armv7-a has no divide instruction in ARM state (hwdiv-arm is optional), so
 *    32-bit and 64-bit division go through __aeabi_{u,}idiv{,mod} and __aeabi_{u,}ldivmod (the latter
 *    two in aeabi_ldivmod.S, on top of __udivmoddi4 / __divmoddi4 here). Division by zero returns 0:
 *    generated code traps before dividing by zero, as wasm requires.
 *  - float <-> 64-bit integer conversions (VFP converts only to and from 32-bit integers). These use
 *    the base (soft-float) procedure call standard even on hard-float targets, hence AAPCS below.
 *    Float to integer truncates toward zero and saturates (NaN -> 0), like compiler-rt; integer to
 *    float rounds to nearest-even exactly once.
 *  - __aeabi_mem{cpy,move,set,clr}{,4,8}, 64-bit shifts, bit counts.
 *
 * Everything here must avoid the operations it implements: no `/` or `%`, no 64-bit int/float casts
 * (the compiler would call the very function being defined). runtime-lib/test checks them against
 * known values (scenario "builtins").
 */
#include "rt.h"

#define AAPCS __attribute__((pcs("aapcs")))

/* ---- division ---- */

static uint32_t udivmod32(uint32_t n, uint32_t d, uint32_t *rem) {
  if (d == 0 || d > n) {
    *rem = d == 0 ? 0 : n;
    return 0;
  }
  int shift = __builtin_clz(d) - __builtin_clz(n);
  uint32_t q = 0;
  d <<= shift;
  for (int i = 0; i <= shift; i++) {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  }
  *rem = n;
  return q;
}

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem);

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem) {
  uint64_t r;
  uint64_t q;
  if ((n >> 32) == 0 && (d >> 32) == 0) {
    uint32_t r32;
    q = udivmod32((uint32_t)n, (uint32_t)d, &r32);
    r = r32;
  } else if (d == 0 || d > n) {
    q = 0;
    r = d == 0 ? 0 : n;
  } else {
    int shift = __builtin_clzll(d) - __builtin_clzll(n);
    q = 0;
    d <<= shift;
    for (int i = 0; i <= shift; i++) {
      q <<= 1;
      if (n >= d) {
        n -= d;
        q |= 1;
      }
      d >>= 1;
    }
    r = n;
  }
  if (rem) *rem = r;
  return q;
}

int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem) {
  uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
  uint64_t ur;
  uint64_t uq = __udivmoddi4(un, ud, &ur);
  if (rem) *rem = (int64_t)(n < 0 ? 0 - ur : ur);   /* the remainder takes the dividend's sign */
  return (int64_t)((n < 0) != (d < 0) ? 0 - uq : uq);
}

uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);
uint64_t __udivdi3(uint64_t n, uint64_t d) { return __udivmoddi4(n, d, NULL); }
uint64_t __umoddi3(uint64_t n, uint64_t d) { uint64_t r; __udivmoddi4(n, d, &r); return r; }
int64_t __divdi3(int64_t n, int64_t d) { return __divmoddi4(n, d, NULL); }
int64_t __moddi3(int64_t n, int64_t d) { int64_t r; __divmoddi4(n, d, &r); return r; }

uint32_t __aeabi_uidiv(uint32_t n, uint32_t d);
int32_t __aeabi_idiv(int32_t n, int32_t d);
uint64_t __aeabi_uidivmod(uint32_t n, uint32_t d);
uint64_t __aeabi_idivmod(int32_t n, int32_t d);

uint32_t __aeabi_uidiv(uint32_t n, uint32_t d) {
  uint32_t r;
  return udivmod32(n, d, &r);
}

int32_t __aeabi_idiv(int32_t n, int32_t d) {
  uint32_t un = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
  uint32_t ud = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
  uint32_t r;
  uint32_t q = udivmod32(un, ud, &r);
  return (int32_t)((n < 0) != (d < 0) ? 0u - q : q);
}

/* {quotient, remainder} in r0, r1: a 64-bit return value is exactly that register pair. */
uint64_t __aeabi_uidivmod(uint32_t n, uint32_t d) {
  uint32_t r;
  uint32_t q = udivmod32(n, d, &r);
  return (uint64_t)r << 32 | q;
}

uint64_t __aeabi_idivmod(int32_t n, int32_t d) {
  uint32_t un = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
  uint32_t ud = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
  uint32_t r;
  uint32_t q = udivmod32(un, ud, &r);
  if ((n < 0) != (d < 0)) q = 0u - q;
  if (n < 0) r = 0u - r;
  return (uint64_t)r << 32 | q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d) __attribute__((alias("__aeabi_uidiv")));
int32_t __divsi3(int32_t n, int32_t d) __attribute__((alias("__aeabi_idiv")));
uint32_t __umodsi3(uint32_t n, uint32_t d);
int32_t __modsi3(int32_t n, int32_t d);
uint32_t __umodsi3(uint32_t n, uint32_t d) { return (uint32_t)(__aeabi_uidivmod(n, d) >> 32); }
int32_t __modsi3(int32_t n, int32_t d) { return (int32_t)(uint32_t)(__aeabi_idivmod(n, d) >> 32); }

/* ---- float <-> 64-bit integer ---- */

typedef union { double d; uint64_t u; } dbits;

/* |x| truncated toward zero, saturated at 2^64 - 1 (infinity included); NaN gives 0. */
static uint64_t magnitude_trunc(double x, int *negative) {
  dbits v = {x};
  uint64_t frac = v.u & ((1ull << 52) - 1);
  int e = (int)((v.u >> 52) & 0x7ff);
  *negative = (int)(v.u >> 63);
  if (e == 0x7ff) return frac ? 0 : UINT64_MAX;
  if (e < 1023) return 0;                  /* |x| < 1 (zeros and subnormals included) */
  if (e >= 1023 + 64) return UINT64_MAX;
  uint64_t m = frac | (1ull << 52);        /* x = m * 2^(e - 1075) */
  int s = e - 1075;
  return s >= 0 ? m << s : m >> -s;
}

AAPCS int64_t __aeabi_d2lz(double x);
AAPCS uint64_t __aeabi_d2ulz(double x);
AAPCS int64_t __aeabi_f2lz(float x);
AAPCS uint64_t __aeabi_f2ulz(float x);
AAPCS double __aeabi_l2d(int64_t x);
AAPCS double __aeabi_ul2d(uint64_t x);
AAPCS float __aeabi_l2f(int64_t x);
AAPCS float __aeabi_ul2f(uint64_t x);

AAPCS int64_t __aeabi_d2lz(double x) {
  int neg;
  uint64_t m = magnitude_trunc(x, &neg);
  if (neg) return m >= (1ull << 63) ? INT64_MIN : (int64_t)(0 - m);
  return m > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)m;
}

AAPCS uint64_t __aeabi_d2ulz(double x) {
  int neg;
  uint64_t m = magnitude_trunc(x, &neg);
  return neg ? 0 : m;
}

/* float -> double is exact (a VFP instruction). */
AAPCS int64_t __aeabi_f2lz(float x) { return __aeabi_d2lz((double)x); }
AAPCS uint64_t __aeabi_f2ulz(float x) { return __aeabi_d2ulz((double)x); }

/* hi * 2^32 and lo are both exact doubles, so their sum is rounded exactly once. */
AAPCS double __aeabi_ul2d(uint64_t x) {
  return (double)(uint32_t)(x >> 32) * 4294967296.0 + (double)(uint32_t)x;
}

AAPCS double __aeabi_l2d(int64_t x) {
  if (x < 0) return -__aeabi_ul2d(0 - (uint64_t)x);  /* round-to-nearest is symmetric */
  return __aeabi_ul2d((uint64_t)x);
}

/* Rounding a 64-bit value to double and then to float could round twice. Below 2^53 the double is
 * exact; above, we first round to odd at 53 bits (sticky bit), after which the float rounding is
 * the correct one (53 >= 24 + 2). */
AAPCS float __aeabi_ul2f(uint64_t x) {
  if ((x >> 53) == 0) return (float)__aeabi_ul2d(x);
  int s = 64 - __builtin_clzll(x) - 53;    /* 1..11 */
  uint64_t k = x >> s;
  if (x & ((1ull << s) - 1)) k |= 1;
  dbits scale = {.u = (uint64_t)(1023 + s) << 52};
  return (float)(__aeabi_ul2d(k) * scale.d);
}

AAPCS float __aeabi_l2f(int64_t x) {
  if (x < 0) return -__aeabi_ul2f(0 - (uint64_t)x);
  return __aeabi_ul2f((uint64_t)x);
}

/* ---- memory: note __aeabi_memset's (dest, n, c) argument order ---- */

void __aeabi_memcpy(void *d, const void *s, size_t n);
void __aeabi_memmove(void *d, const void *s, size_t n);
void __aeabi_memset(void *d, size_t n, int c);
void __aeabi_memclr(void *d, size_t n);
void __aeabi_memcpy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memmove(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memset(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memclr(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memcpy4(void *d, const void *s, size_t n) __attribute__((alias("__aeabi_memcpy")));
void __aeabi_memcpy8(void *d, const void *s, size_t n) __attribute__((alias("__aeabi_memcpy")));
void __aeabi_memmove4(void *d, const void *s, size_t n) __attribute__((alias("__aeabi_memmove")));
void __aeabi_memmove8(void *d, const void *s, size_t n) __attribute__((alias("__aeabi_memmove")));
void __aeabi_memset4(void *d, size_t n, int c) __attribute__((alias("__aeabi_memset")));
void __aeabi_memset8(void *d, size_t n, int c) __attribute__((alias("__aeabi_memset")));
void __aeabi_memclr4(void *d, size_t n) __attribute__((alias("__aeabi_memclr")));
void __aeabi_memclr8(void *d, size_t n) __attribute__((alias("__aeabi_memclr")));

/* ---- 64-bit shifts (LLVM normally inlines these; the shift count is 0..63) ---- */

uint64_t __aeabi_llsl(uint64_t x, int n);
uint64_t __aeabi_llsr(uint64_t x, int n);
int64_t __aeabi_lasr(int64_t x, int n);
uint64_t __aeabi_llsl(uint64_t x, int n) { return x << (n & 63); }
uint64_t __aeabi_llsr(uint64_t x, int n) { return x >> (n & 63); }
int64_t __aeabi_lasr(int64_t x, int n) { return x >> (n & 63); }

/* ---- bit counts (ARMv7 has clz; popcount has no instruction without NEON) ---- */

int __popcountsi2(uint32_t x);
int __popcountdi2(uint64_t x);
int __clzsi2(uint32_t x);
int __clzdi2(uint64_t x);
int __ctzsi2(uint32_t x);
int __ctzdi2(uint64_t x);

int __popcountsi2(uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0f0f0f0fu;
  return (int)((x * 0x01010101u) >> 24);
}
int __popcountdi2(uint64_t x) { return __popcountsi2((uint32_t)x) + __popcountsi2((uint32_t)(x >> 32)); }
int __clzsi2(uint32_t x) { return x ? __builtin_clz(x) : 32; }
int __clzdi2(uint64_t x) { return (x >> 32) ? __clzsi2((uint32_t)(x >> 32)) : 32 + __clzsi2((uint32_t)x); }
int __ctzsi2(uint32_t x) { return x ? __builtin_ctz(x) : 32; }
int __ctzdi2(uint64_t x) { return (uint32_t)x ? __ctzsi2((uint32_t)x) : 32 + __ctzsi2((uint32_t)(x >> 32)); }
