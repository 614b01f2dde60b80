/* A WASI reactor (clang -mexec-model=reactor): no main, exports called one at a time with --invoke.
 * A constructor proves that _initialize ran before the export; argc() shows the guest's argv. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <wasi/api.h>

static int32_t initialized;
__attribute__((constructor)) static void init(void) { initialized = 42; }

#define EXPORT(name) __attribute__((export_name(#name)))
EXPORT(add) int32_t add(int32_t a, int32_t b) { return a + b; }
EXPORT(mul64) int64_t mul64(int64_t a, int64_t b) { return a * b; }
EXPORT(scale) float scale(float x, float k) { return x * k; }
EXPORT(hyp) double hyp(double a, double b) { return sqrt(a * a + b * b); }
EXPORT(fdiv) double fdiv(double a, double b) { return a / b; }
EXPORT(f64id) double f64id(double x) { return x; }
EXPORT(f32id) float f32id(float x) { return x; }
EXPORT(i32id) int32_t i32id(int32_t x) { return x; }
EXPORT(i64id) int64_t i64id(int64_t x) { return x; }
EXPORT(divide) int32_t divide(int32_t a, int32_t b) { return a / b; }
EXPORT(initialized) int32_t get_initialized(void) { return initialized; }
EXPORT(greet) void greet(void) { printf("hello from the reactor\n"); fflush(stdout); }
EXPORT(argc) int32_t argc(void) {
  __wasi_size_t count, size;
  return __wasi_args_sizes_get(&count, &size) == 0 ? (int32_t)count : -1;
}
