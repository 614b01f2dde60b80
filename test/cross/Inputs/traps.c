// One trap per run, chosen by argv[1]; each happens in a noinline function named after it.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

volatile int32_t zero32 = 0, minus1_32 = -1;
volatile int64_t zero64 = 0, minus1_64 = -1, min64 = INT64_MIN;
volatile double big = 1e19, nan_ = 0.0 / 0.0;

__attribute__((noinline)) int32_t div32(int32_t a) { return a / zero32; }
__attribute__((noinline)) int64_t rem64(int64_t a) { return a % zero64; }
__attribute__((noinline)) int64_t overflow64(void) { return min64 / minus1_64; }
__attribute__((noinline)) int64_t convert(double d) { return __builtin_wasm_trunc_s_i64_f64(d); }
__attribute__((noinline)) uint64_t convert_u(double d) { return __builtin_wasm_trunc_u_i64_f64(d); }

int main(int argc, char **argv) {
  const char *c = argc > 1 ? argv[1] : "";
  printf("case %s\n", c);
  fflush(stdout);
  if (!strcmp(c, "div32")) return div32(1);
  if (!strcmp(c, "rem64")) return (int)rem64(1);
  if (!strcmp(c, "overflow64")) return (int)overflow64();
  if (!strcmp(c, "convert")) return (int)convert(big);
  if (!strcmp(c, "convert_nan")) return (int)convert(nan_);
  if (!strcmp(c, "convert_u")) return (int)convert_u(-big);
  printf("no trap\n");
  return 0;
}
