/* src/numtext.c: wasm values to and from text, exactly, for `--invoke` (invoke.c) without libc.
 *
 * Arguments are parsed and results printed the way `wasmtime run --invoke` does: integers in signed
 * decimal, floats as the shortest decimal that reads back as the same value, written without an
 * exponent (Rust's Display: 0.1, 100000000000000000000, 0.000001, -0, inf, NaN).
 *
 * Both float directions are exact, with no floating-point arithmetic on the path that decides a
 * result. Every finite float is m * 2^e, so every float, and every midpoint between two neighbours,
 * has a finite decimal expansion; `exact_decimal` computes it with a small big integer (m * 5^-e for
 * negative e, m << e otherwise; at most 2551 bits for a double's lowest midpoint). Then:
 *  - printing: the shortest rounding of the value's digits (1, 2, ... digits, half to even) that lies
 *    strictly between the midpoints to its neighbours (or on one, when the value's mantissa is even,
 *    because reading the midpoint back rounds to even) is the answer, and the nearest such;
 *  - parsing: a first guess from double arithmetic is corrected one neighbour at a time by comparing
 *    the decimal input with the guess's midpoints until it lies between them (ties to even), so the
 *    result is correctly rounded whatever the guess's error. Digits beyond the 790th are replaced by a
 *    sticky '1', which compares like the dropped tail against midpoints of at most 770 digits.
 */
#include "rt.h"

#define DIGITS 800 /* > the 767 significant digits of a double's lowest midpoint, + the sticky digit */
#define LIMBS 84   /* 32-bit limbs: > 2551 bits */

typedef struct { uint32_t n; uint32_t w[LIMBS]; } big;

/* A positive decimal 0.d[0]d[1]...d[n-1] * 10^exp, d[0] != 0 and d[n-1] != 0; zero has n == 0. */
typedef struct { char d[DIGITS]; int n; int exp; } decimal;

/* The binary layout of f32 and f64. */
typedef struct { int mant_bits, exp_bits; } format;
static const format F32 = {23, 8}, F64 = {52, 11};

static void big_mul_small(big *b, uint32_t k) {
  uint64_t carry = 0;
  for (uint32_t i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->w[i] * k + carry;
    b->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry) b->w[b->n++] = (uint32_t)carry;
}

static void big_shl(big *b, uint32_t s) {
  uint32_t words = s / 32, bits = s % 32;
  if (b->n == 0) return;
  b->w[b->n] = 0;
  for (int i = (int)b->n; i >= 0; i--) {
    uint32_t hi = b->w[i] << bits, lo = (bits && i > 0) ? b->w[i - 1] >> (32 - bits) : 0;
    b->w[i + words] = hi | lo;
  }
  for (uint32_t i = 0; i < words; i++) b->w[i] = 0;
  b->n += words + 1;
  while (b->n && b->w[b->n - 1] == 0) b->n--;
}

/* Divides b by k in place and returns the remainder. */
static uint32_t big_divmod_small(big *b, uint32_t k) {
  uint64_t rem = 0;
  for (int i = (int)b->n - 1; i >= 0; i--) {
    uint64_t cur = (rem << 32) | b->w[i];
    b->w[i] = (uint32_t)(cur / k);
    rem = cur % k;
  }
  while (b->n && b->w[b->n - 1] == 0) b->n--;
  return (uint32_t)rem;
}

static void big_set(big *b, uint64_t v) {
  b->w[0] = (uint32_t)v;
  b->w[1] = (uint32_t)(v >> 32);
  b->n = b->w[1] ? 2 : b->w[0] ? 1 : 0;
}

/* The decimal digits of b (destroyed), most significant first; returns their count. */
static int big_digits(big *b, char *out) {
  char rev[DIGITS + 16];
  int n = 0;
  while (b->n) {
    uint32_t chunk = big_divmod_small(b, 1000000000u);
    for (int k = 0; k < 9; k++, chunk /= 10) rev[n++] = (char)('0' + chunk % 10);
  }
  while (n > 0 && rev[n - 1] == '0') n--;
  for (int i = 0; i < n; i++) out[i] = rev[n - 1 - i];
  return n;
}

static void trim(decimal *x) {
  while (x->n > 0 && x->d[x->n - 1] == '0') x->n--;
}

/* m * 2^e exactly, m < 2^60. */
static void exact_decimal(uint64_t m, int e, decimal *out) {
  big b;
  big_set(&b, m);
  if (e >= 0) {
    big_shl(&b, (uint32_t)e);
    out->n = big_digits(&b, out->d);
    out->exp = out->n;
  } else {
    static const uint32_t pow5[14] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125,
                                      9765625, 48828125, 244140625, 1220703125};
    for (int k = -e; k > 0; k -= 13) big_mul_small(&b, pow5[k >= 13 ? 13 : k]);
    out->n = big_digits(&b, out->d);
    out->exp = out->n + e; /* value = N / 10^-e */
  }
  trim(out);
}

/* -1, 0 or 1 as a <, =, > b. */
static int dec_cmp(const decimal *a, const decimal *b) {
  if (a->n == 0 || b->n == 0) return (a->n != 0) - (b->n != 0);
  if (a->exp != b->exp) return a->exp < b->exp ? -1 : 1;
  int n = a->n > b->n ? a->n : b->n;
  for (int i = 0; i < n; i++) {
    char x = i < a->n ? a->d[i] : '0', y = i < b->n ? b->d[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/* The float with bits `bits` (non-negative, finite) as m * 2^e, and its two midpoints. */
static void split(format f, uint64_t bits, uint64_t *m, int *e) {
  int bias = (1 << (f.exp_bits - 1)) - 1;
  uint64_t frac = bits & ((1ull << f.mant_bits) - 1);
  int biased = (int)(bits >> f.mant_bits);
  if (biased == 0) {
    *m = frac;
    *e = 1 - bias - f.mant_bits;
  } else {
    *m = frac | (1ull << f.mant_bits);
    *e = biased - bias - f.mant_bits;
  }
}

static void midpoints(format f, uint64_t bits, decimal *low, decimal *high) {
  uint64_t m;
  int e;
  split(f, bits, &m, &e);
  exact_decimal(2 * m + 1, e - 1, high);
  if (bits == 0) {
    low->n = 0; /* nothing below zero among non-negative values */
  } else if ((bits & ((1ull << f.mant_bits) - 1)) == 0 && (bits >> f.mant_bits) > 1) {
    exact_decimal(4 * m - 1, e - 2, low); /* a power of two: the neighbour below is twice as close */
  } else {
    exact_decimal(2 * m - 1, e - 1, low);
  }
}

/* x rounded to p significant digits, half to even. */
static void round_to(const decimal *x, int p, decimal *out) {
  *out = *x;
  if (p >= x->n) return;
  out->n = p;
  char next = x->d[p];
  int rest = 0;
  for (int i = p + 1; i < x->n; i++) rest |= x->d[i] != '0';
  int up = next > '5' || (next == '5' && (rest || ((x->d[p - 1] - '0') & 1)));
  if (up) {
    int i = p - 1;
    while (i >= 0 && out->d[i] == '9') out->d[i--] = '0';
    if (i >= 0) {
      out->d[i]++;
    } else { /* 99..9 -> 100..0 */
      out->d[0] = '1';
      out->n = 1;
      out->exp++;
    }
  }
  trim(out);
}

static size_t put(char *buf, size_t at, const char *s) {
  while (*s) buf[at++] = *s++;
  return at;
}

/* Shortest round-trip decimal, without exponent, of a float given by its bits. */
static size_t format_float(format f, uint64_t bits, char *buf) {
  size_t at = 0;
  int total = 1 + f.exp_bits + f.mant_bits;
  uint64_t exp_mask = ((1ull << f.exp_bits) - 1) << f.mant_bits;
  if ((bits & exp_mask) == exp_mask && (bits & ((1ull << f.mant_bits) - 1))) return put(buf, 0, "NaN");
  if (bits >> (total - 1)) buf[at++] = '-';
  bits &= (1ull << (total - 1)) - 1;
  if (bits == exp_mask) return put(buf, at, "inf");
  if (bits == 0) return put(buf, at, "0");
  uint64_t m;
  int e;
  split(f, bits, &m, &e);
  static decimal v, low, high, s;
  exact_decimal(m, e, &v);
  midpoints(f, bits, &low, &high);
  int even = (bits & 1) == 0;
  for (int p = 1; p <= v.n; p++) {
    round_to(&v, p, &s);
    int cl = dec_cmp(&low, &s), ch = dec_cmp(&s, &high);
    if ((cl < 0 || (even && cl == 0)) && (ch < 0 || (even && ch == 0))) break;
  }
  if (s.exp <= 0) {
    at = put(buf, at, "0.");
    for (int i = 0; i < -s.exp; i++) buf[at++] = '0';
    for (int i = 0; i < s.n; i++) buf[at++] = s.d[i];
  } else {
    for (int i = 0; i < s.n || i < s.exp; i++) {
      if (i == s.exp) buf[at++] = '.';
      buf[at++] = i < s.n ? s.d[i] : '0';
    }
  }
  return at;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int str_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (lower(*a) != lower(*b)) return 0;
  return *a == *b;
}

/* Parses [+-]digits[.digits][(e|E)[+-]digits], or inf, infinity, nan, into bits of format f. */
static int parse_float(format f, const char *s, uint64_t *out) {
  int total = 1 + f.exp_bits + f.mant_bits;
  uint64_t sign = 0, inf_bits = ((1ull << f.exp_bits) - 1) << f.mant_bits;
  if (*s == '-' || *s == '+') sign = (uint64_t)(*s++ == '-') << (total - 1);
  if (str_ieq(s, "inf") || str_ieq(s, "infinity")) {
    *out = sign | inf_bits;
    return 0;
  }
  if (str_ieq(s, "nan")) {
    *out = sign | inf_bits | (1ull << (f.mant_bits - 1));
    return 0;
  }
  static decimal d, low, high;
  d.n = 0;
  int point = -1, seen = 0, nonzero_dropped = 0, before_point = 0;
  for (;; s++) {
    if (*s == '.' && point < 0) {
      point = 1;
      continue;
    }
    if (*s < '0' || *s > '9') break;
    seen = 1;
    if (d.n == 0 && *s == '0') { /* leading zero: only moves the point */
      if (point > 0) before_point--;
      continue;
    }
    if (point < 0) before_point++;
    if (d.n < DIGITS - 10) d.d[d.n++] = *s;
    else nonzero_dropped |= *s != '0';
  }
  if (!seen) return -1;
  long exp10 = 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    int neg = *s == '-';
    if (*s == '-' || *s == '+') s++;
    if (*s < '0' || *s > '9') return -1;
    for (; *s >= '0' && *s <= '9'; s++)
      if (exp10 < 100000) exp10 = exp10 * 10 + (*s - '0');
    if (neg) exp10 = -exp10;
  }
  if (*s) return -1;
  if (nonzero_dropped) d.d[d.n++] = '1';
  trim(&d);
  if (d.n == 0) {
    *out = sign;
    return 0;
  }
  d.exp = (int)(before_point + exp10);

  /* A guess from double arithmetic: the first 18 digits scaled by powers of ten. */
  double g = 0;
  for (int i = 0; i < d.n && i < 18; i++) g = g * 10 + (d.d[i] - '0');
  int scale = d.exp - (d.n < 18 ? d.n : 18);
  if (scale > 400) scale = 400;
  if (scale < -400) scale = -400;
  for (; scale > 0; scale--) g *= 10;
  for (; scale < -300; scale++) g /= 10; /* slowly through the subnormals: no early underflow */
  double p10 = 1;
  for (; scale < 0; scale++) p10 *= 10;
  g /= p10;
  uint64_t bits;
  uint64_t max_bits = inf_bits - 1;
  if (f.mant_bits == 52) {
    union { double d; uint64_t u; } u = {g};
    bits = u.u;
  } else {
    union { float f; uint32_t u; } u = {(float)g};
    bits = u.u;
  }
  if (bits > max_bits) bits = max_bits;
  for (;;) {
    if (bits > max_bits) break; /* above the greatest finite value's upper midpoint: infinity */
    midpoints(f, bits, &low, &high);
    int cl = dec_cmp(&d, &low), ch = dec_cmp(&d, &high);
    if (cl < 0 || (cl == 0 && (bits & 1))) bits--;
    else if (ch > 0 || (ch == 0 && (bits & 1))) bits++;
    else break;
  }
  *out = sign | bits;
  return 0;
}

/* Decimal or 0x hexadecimal, optionally negative, within [-2^(bits-1), 2^bits - 1]. */
static int parse_int(const char *s, int bits, uint64_t *out) {
  int neg = *s == '-';
  if (*s == '-' || *s == '+') s++;
  uint64_t base = 10, v = 0, limit = bits == 64 ? ~0ull : (1ull << bits) - 1;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  }
  if (!*s) return -1;
  for (; *s; s++) {
    int c = lower(*s), digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else return -1;
    if (v > (limit - (uint64_t)digit) / base) return -1;
    v = v * base + (uint64_t)digit;
  }
  if (neg) {
    if (v > (1ull << (bits - 1))) return -1;
    v = -v;
  }
  *out = v;
  return 0;
}

int w2n_parse_value(const char *text, char type, w2n_value *v) {
  uint64_t bits;
  switch (type) {
  case 'i':
    if (parse_int(text, 32, &bits)) return -1;
    v->i32 = (int32_t)(uint32_t)bits;
    return 0;
  case 'I':
    if (parse_int(text, 64, &bits)) return -1;
    v->i64 = (int64_t)bits;
    return 0;
  case 'f': {
    if (parse_float(F32, text, &bits)) return -1;
    union { uint32_t u; float f; } u = {(uint32_t)bits};
    v->f32 = u.f;
    return 0;
  }
  case 'F': {
    if (parse_float(F64, text, &bits)) return -1;
    union { uint64_t u; double d; } u = {bits};
    v->f64 = u.d;
    return 0;
  }
  }
  return -1;
}

static size_t format_unsigned(uint64_t hi, uint64_t lo, int negative, char *buf) {
  big b;
  big_set(&b, lo);
  b.w[2] = (uint32_t)hi;
  b.w[3] = (uint32_t)(hi >> 32);
  b.n = 4;
  while (b.n && b.w[b.n - 1] == 0) b.n--;
  size_t at = 0;
  if (negative) buf[at++] = '-';
  int n = big_digits(&b, buf + at);
  if (n == 0) buf[at + n++] = '0';
  return at + (size_t)n;
}

size_t w2n_format_value(const w2n_value *v, char type, char *buf) {
  switch (type) {
  case 'i': {
    int32_t x = v->i32;
    return format_unsigned(0, x < 0 ? -(uint64_t)(int64_t)x : (uint64_t)x, x < 0, buf);
  }
  case 'I': {
    int64_t x = v->i64;
    return format_unsigned(0, x < 0 ? -(uint64_t)x : (uint64_t)x, x < 0, buf);
  }
  case 'f': {
    union { float f; uint32_t u; } u = {v->f32};
    return format_float(F32, u.u, buf);
  }
  case 'F': {
    union { double d; uint64_t u; } u = {v->f64};
    return format_float(F64, u.u, buf);
  }
  case 'v': { /* as wasmtime: the 128 bits as one unsigned number, lanes little-endian */
    uint64_t lo = 0, hi = 0;
    for (int i = 7; i >= 0; i--) {
      lo = lo << 8 | v->v128[i];
      hi = hi << 8 | v->v128[8 + i];
    }
    return format_unsigned(hi, lo, 0, buf);
  }
  case 'r': return put(buf, 0, v->ref ? "<funcref>" : "<null funcref>");
  case 'e': return put(buf, 0, v->ref ? "<externref>" : "<null externref>");
  case 'x': return put(buf, 0, v->ref ? "<exnref>" : "<null exnref>");
  }
  return 0;
}
