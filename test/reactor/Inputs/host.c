/* Host functions for Inputs/app.c, against the header `wasm2native --emit=host-header` writes. They
 * are freestanding C (the executable has no libc): memory through ctx, values through w2n_value. */
#include "app_host.h"

int32_t w2n_host_env_upper(void *ctx, const w2n_value *args, w2n_value *results) {
  w2n_memory *memory = ctx;
  uint32_t at = (uint32_t)args[0].i32, n = (uint32_t)args[1].i32;
  (void)results;
  if ((uint64_t)at + n > memory->size_bytes) return 1; /* out of bounds: trap */
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *c = memory->base + at + i;
    if (*c >= 'a' && *c <= 'z') *c -= 32;
  }
  return 0;
}

int32_t w2n_host_env_mix(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx;
  results[0].i64 = args[0].i32 + args[1].i64 + (int64_t)(args[2].f64 * 10);
  return 0;
}

int32_t w2n_host_env_check(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx;
  if (args[0].i32 > 2) return 1; /* traps the wasm caller */
  results[0].i32 = args[0].i32 * 100;
  return 0;
}
