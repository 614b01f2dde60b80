// Loops whose loads the vectorizers widen to every vector shape: the byte loops' epilogues use 8-byte
// vectors (<8 x i8>), the main loops 16, 32 or 64 bytes depending on the CPU, and the 3-element
// structs odd shapes (12 and 24 bytes).
#include <stdio.h>
#include <stdint.h>

#define N 1003
static uint8_t bytes[N];
static uint16_t halves[N];
static int32_t words[N];
static int64_t longs[N];
static float floats[N];
static double doubles[N];
struct rgb { int32_t r, g, b; };
static struct rgb pixels[N];

__attribute__((noinline)) uint32_t sum_bytes(const uint8_t *p, int n) {
  uint32_t s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}
__attribute__((noinline)) uint32_t sum_halves(const uint16_t *p, int n) {
  uint32_t s = 0;
  for (int i = 0; i < n; i++) s += p[i] * (uint32_t)(i & 7);
  return s;
}
__attribute__((noinline)) int32_t max_words(const int32_t *p, int n) {
  int32_t m = p[0];
  for (int i = 1; i < n; i++) m = p[i] > m ? p[i] : m;
  return m;
}
__attribute__((noinline)) int64_t sum_longs(const int64_t *p, int n) {
  int64_t s = 0;
  for (int i = 0; i < n; i++) s ^= p[i] * 3;
  return s;
}
__attribute__((noinline)) float dot_floats(const float *p, int n) {
  float s = 0;
  for (int i = 0; i < n; i++) s += p[i] * p[i];
  return s;
}
__attribute__((noinline)) double sum_doubles(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += p[i] > 0 ? p[i] : -p[i];
  return s;
}
__attribute__((noinline)) int32_t sum_pixels(const struct rgb *p, int n) {
  int32_t s = 0;
  for (int i = 0; i < n; i++) s += p[i].r * 3 + p[i].g * 5 + p[i].b * 7;
  return s;
}
__attribute__((noinline)) int count_bytes(const uint8_t *p, int n, uint8_t c) {
  int k = 0;
  for (int i = 0; i < n; i++) k += p[i] == c;
  return k;
}

int main(void) {
  for (int i = 0; i < N; i++) {
    bytes[i] = (uint8_t)(i * 37);
    halves[i] = (uint16_t)(i * 1237);
    words[i] = i * 7919 - 400000;
    longs[i] = (int64_t)i * 1000003;
    floats[i] = (float)i / 7;
    doubles[i] = (i % 3 ? 1 : -1) * (double)i / 3;
    pixels[i] = (struct rgb){i, 2 * i, 3 * i};
  }
  for (int n = 1; n <= N; n += 97)
    printf("%d %u %u %d %lld %.3f %.3f %d %d\n", n, sum_bytes(bytes, n), sum_halves(halves, n),
           max_words(words, n), (long long)sum_longs(longs, n), dot_floats(floats, n),
           sum_doubles(doubles, n), sum_pixels(pixels, n), count_bytes(bytes, n, 74));
  return 0;
}
