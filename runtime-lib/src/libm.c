/* src/libm.c: the exact libm subset LLVM may call for wasm float instructions.
 *
 * All results are exact (these functions never round, except sqrt which is correctly rounded), so
 * they are written with integer operations on the IEEE-754 bit patterns and do not depend on the
 * floating-point environment. Rounding to integer keeps the sign of zero (e.g. ceil(-0.5) == -0.0),
 * rint/nearbyint round half to even, and NaN inputs come back quieted (x + x), which is what wasm
 * requires of these operators. sqrt uses the hardware instruction where the target always has one
 * and a bit-by-bit integer square root elsewhere (also exported as w2n_soft_sqrt for testing).
 * fmin/fmax follow C (a NaN operand is ignored); fminimum/fmaximum follow wasm f32/f64.min/max
 * (NaN propagates, -0 < +0) for targets where LLVM lowers llvm.minimum to a libcall.
 */
#include <stdint.h>

static inline uint64_t b64(double x) { union { double f; uint64_t u; } v = {x}; return v.u; }
static inline double f64(uint64_t u) { union { uint64_t u; double f; } v = {u}; return v.f; }
static inline uint32_t b32(float x) { union { float f; uint32_t u; } v = {x}; return v.u; }
static inline float f32(uint32_t u) { union { uint32_t u; float f; } v = {u}; return v.f; }

#define SIGN64 0x8000000000000000ull
#define SIGN32 0x80000000u

/* Unbiased exponent; >= mantissa bits means already integral (or inf/NaN). */
static inline int exp64(uint64_t u) { return (int)((u >> 52) & 0x7ff) - 1023; }
static inline int exp32(uint32_t u) { return (int)((u >> 23) & 0xff) - 127; }
static inline int isnan64(uint64_t u) { return (u & ~SIGN64) > 0x7ff0000000000000ull; }
static inline int isnan32(uint32_t u) { return (u & ~SIGN32) > 0x7f800000u; }

double trunc(double x) {
  uint64_t u = b64(x);
  int e = exp64(u);
  if (e >= 52) return isnan64(u) ? x + x : x;
  if (e < 0) return f64(u & SIGN64);
  return f64(u & ~((1ull << (52 - e)) - 1));
}

double floor(double x) {
  uint64_t u = b64(x);
  int e = exp64(u);
  if (e >= 52) return isnan64(u) ? x + x : x;
  if (e < 0) {
    if ((u << 1) == 0) return x;               /* +-0 */
    return (u & SIGN64) ? -1.0 : f64(0);       /* (-1, 0) -> -1, (0, 1) -> +0 */
  }
  uint64_t mask = (1ull << (52 - e)) - 1;
  if ((u & mask) == 0) return x;
  if (u & SIGN64) u += mask + 1;              /* away from zero; a carry into the exponent is right */
  return f64(u & ~mask);
}

double ceil(double x) {
  uint64_t u = b64(x);
  int e = exp64(u);
  if (e >= 52) return isnan64(u) ? x + x : x;
  if (e < 0) {
    if ((u << 1) == 0) return x;
    return (u & SIGN64) ? f64(SIGN64) : 1.0;   /* (-1, 0) -> -0, (0, 1) -> 1 */
  }
  uint64_t mask = (1ull << (52 - e)) - 1;
  if ((u & mask) == 0) return x;
  if (!(u & SIGN64)) u += mask + 1;
  return f64(u & ~mask);
}

double rint(double x) {
  uint64_t u = b64(x);
  int e = exp64(u);
  if (e >= 52) return isnan64(u) ? x + x : x;
  if (e < -1) return f64(u & SIGN64);                                   /* |x| < 0.5 */
  if (e == -1) return (u & 0x000fffffffffffffull) ? f64((u & SIGN64) | 0x3ff0000000000000ull) /* (0.5,1) */
                                                   : f64(u & SIGN64);    /* exactly 0.5: even is 0 */
  int shift = 52 - e;
  uint64_t mask = (1ull << shift) - 1, half = 1ull << (shift - 1);
  uint64_t rem = u & mask, t = u & ~mask;
  /* Bit `shift` of t is the integer's lowest bit (for e == 0 it is the exponent's low bit, which is
   * 1 for 1023, matching the implicit 1). */
  if (rem > half || (rem == half && ((t >> shift) & 1))) t += 1ull << shift;
  return f64(t);
}

double nearbyint(double x) { return rint(x); }

float truncf(float x) {
  uint32_t u = b32(x);
  int e = exp32(u);
  if (e >= 23) return isnan32(u) ? x + x : x;
  if (e < 0) return f32(u & SIGN32);
  return f32(u & ~((1u << (23 - e)) - 1));
}

float floorf(float x) {
  uint32_t u = b32(x);
  int e = exp32(u);
  if (e >= 23) return isnan32(u) ? x + x : x;
  if (e < 0) {
    if ((u << 1) == 0) return x;
    return (u & SIGN32) ? -1.0f : f32(0);
  }
  uint32_t mask = (1u << (23 - e)) - 1;
  if ((u & mask) == 0) return x;
  if (u & SIGN32) u += mask + 1;
  return f32(u & ~mask);
}

float ceilf(float x) {
  uint32_t u = b32(x);
  int e = exp32(u);
  if (e >= 23) return isnan32(u) ? x + x : x;
  if (e < 0) {
    if ((u << 1) == 0) return x;
    return (u & SIGN32) ? f32(SIGN32) : 1.0f;
  }
  uint32_t mask = (1u << (23 - e)) - 1;
  if ((u & mask) == 0) return x;
  if (!(u & SIGN32)) u += mask + 1;
  return f32(u & ~mask);
}

float rintf(float x) {
  uint32_t u = b32(x);
  int e = exp32(u);
  if (e >= 23) return isnan32(u) ? x + x : x;
  if (e < -1) return f32(u & SIGN32);
  if (e == -1) return (u & 0x007fffffu) ? f32((u & SIGN32) | 0x3f800000u) : f32(u & SIGN32);
  int shift = 23 - e;
  uint32_t mask = (1u << shift) - 1, half = 1u << (shift - 1);
  uint32_t rem = u & mask, t = u & ~mask;
  if (rem > half || (rem == half && ((t >> shift) & 1))) t += 1u << shift;
  return f32(t);
}

float nearbyintf(float x) { return rintf(x); }

double fabs(double x) { return f64(b64(x) & ~SIGN64); }
float fabsf(float x) { return f32(b32(x) & ~SIGN32); }
double copysign(double x, double y) { return f64((b64(x) & ~SIGN64) | (b64(y) & SIGN64)); }
float copysignf(float x, float y) { return f32((b32(x) & ~SIGN32) | (b32(y) & SIGN32)); }

/* Total order on non-NaN values as signed-magnitude integers: -0 sorts below +0. */
static inline int less64(uint64_t a, uint64_t b) {
  int64_t x = (a & SIGN64) ? -(int64_t)(a & ~SIGN64) - 1 : (int64_t)a;
  int64_t y = (b & SIGN64) ? -(int64_t)(b & ~SIGN64) - 1 : (int64_t)b;
  return x < y;
}
static inline int less32(uint32_t a, uint32_t b) {
  int32_t x = (a & SIGN32) ? -(int32_t)(a & ~SIGN32) - 1 : (int32_t)a;
  int32_t y = (b & SIGN32) ? -(int32_t)(b & ~SIGN32) - 1 : (int32_t)b;
  return x < y;
}

double fmin(double x, double y) {
  uint64_t a = b64(x), b = b64(y);
  if (isnan64(a)) return isnan64(b) ? x + y : y;
  if (isnan64(b)) return x;
  return less64(b, a) ? y : x;
}
double fmax(double x, double y) {
  uint64_t a = b64(x), b = b64(y);
  if (isnan64(a)) return isnan64(b) ? x + y : y;
  if (isnan64(b)) return x;
  return less64(a, b) ? y : x;
}
float fminf(float x, float y) {
  uint32_t a = b32(x), b = b32(y);
  if (isnan32(a)) return isnan32(b) ? x + y : y;
  if (isnan32(b)) return x;
  return less32(b, a) ? y : x;
}
float fmaxf(float x, float y) {
  uint32_t a = b32(x), b = b32(y);
  if (isnan32(a)) return isnan32(b) ? x + y : y;
  if (isnan32(b)) return x;
  return less32(a, b) ? y : x;
}

double fminimum(double x, double y) {
  uint64_t a = b64(x), b = b64(y);
  if (isnan64(a) || isnan64(b)) return x + y;
  return less64(b, a) ? y : x;
}
double fmaximum(double x, double y) {
  uint64_t a = b64(x), b = b64(y);
  if (isnan64(a) || isnan64(b)) return x + y;
  return less64(a, b) ? y : x;
}
float fminimumf(float x, float y) {
  uint32_t a = b32(x), b = b32(y);
  if (isnan32(a) || isnan32(b)) return x + y;
  return less32(b, a) ? y : x;
}
float fmaximumf(float x, float y) {
  uint32_t a = b32(x), b = b32(y);
  if (isnan32(a) || isnan32(b)) return x + y;
  return less32(a, b) ? y : x;
}

/* Correctly rounded square root by the restoring digit-by-digit method. For doubles the radicand is
 * m << 54 (108 bits), streamed two bits at a time from m so 64-bit integers suffice; the 54-bit root
 * holds 53 result bits plus a round bit, and a non-zero remainder is the sticky bit. */
double w2n_soft_sqrt(double x);
float w2n_soft_sqrtf(float x);

double w2n_soft_sqrt(double x) {
  uint64_t u = b64(x);
  int be = (int)((u >> 52) & 0x7ff);
  uint64_t m = u & 0x000fffffffffffffull;
  if (be == 0x7ff) return (m || (u & SIGN64)) ? (m ? x + x : f64(0x7ff8000000000000ull)) : x;
  if ((u << 1) == 0) return x;                         /* sqrt(+-0) = +-0 */
  if (u & SIGN64) return f64(0x7ff8000000000000ull);   /* negative: NaN */
  if (be == 0) {                                       /* subnormal: normalise */
    be = 1;
    while (!(m & (1ull << 52))) { m <<= 1; be--; }
  } else {
    m |= 1ull << 52;
  }
  int ue = be - 1023;
  if (ue & 1) { m <<= 1; ue -= 1; }
  uint64_t rem = 0, root = 0;
  for (int i = 53; i >= 0; i--) {
    uint64_t pair = i >= 27 ? (m >> (2 * i - 54)) & 3 : 0;
    rem = (rem << 2) | pair;
    uint64_t trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) { rem -= trial; root |= 1; }
  }
  uint64_t mant = root >> 1;
  if ((root & 1) && (rem != 0 || (mant & 1))) mant++;
  return f64(((uint64_t)(ue / 2 + 1022) << 52) + mant);
}

float w2n_soft_sqrtf(float x) {
  uint32_t u = b32(x);
  int be = (int)((u >> 23) & 0xff);
  uint32_t m = u & 0x007fffffu;
  if (be == 0xff) return (m || (u & SIGN32)) ? (m ? x + x : f32(0x7fc00000u)) : x;
  if ((u << 1) == 0) return x;
  if (u & SIGN32) return f32(0x7fc00000u);
  if (be == 0) {
    be = 1;
    while (!(m & (1u << 23))) { m <<= 1; be--; }
  } else {
    m |= 1u << 23;
  }
  int ue = be - 127;
  if (ue & 1) { m <<= 1; ue -= 1; }
  uint64_t n = (uint64_t)m << 25; /* root = floor(sqrt(m * 2^25)): 24 result bits + a round bit */
  uint64_t rem = 0, root = 0;
  for (int i = 24; i >= 0; i--) {
    rem = (rem << 2) | ((n >> (2 * i)) & 3);
    uint64_t trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) { rem -= trial; root |= 1; }
  }
  uint32_t mant = (uint32_t)(root >> 1);
  if ((root & 1) && (rem != 0 || (mant & 1))) mant++;
  return f32(((uint32_t)(ue / 2 + 126) << 23) + mant);
}

#if defined(__x86_64__)
double sqrt(double x) { __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x)); return x; }
float sqrtf(float x) { __asm__("sqrtss %1, %0" : "=x"(x) : "x"(x)); return x; }
#elif defined(__aarch64__)
double sqrt(double x) { __asm__("fsqrt %d0, %d1" : "=w"(x) : "w"(x)); return x; }
float sqrtf(float x) { __asm__("fsqrt %s0, %s1" : "=w"(x) : "w"(x)); return x; }
#else
double sqrt(double x) { return w2n_soft_sqrt(x); }
float sqrtf(float x) { return w2n_soft_sqrtf(x); }
#endif
