/* test/reactor/Inputs/quickjs-host.c: the six "env" imports of npm's quickjs-wasi (a QuickJS-NG WASI
 * reactor), as host functions linked into a wasm2native executable (docs/cli.md, host objects). They
 * answer as a host without those services would: no time-zone offset, no interrupt, no module loader,
 * no host functions. The declarations come from `wasm2native quickjs.wasm --emit=host-header`. */
#include "quickjs_host.h"

int32_t w2n_host_env_host_get_timezone_offset(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args;
  results[0].i32 = 0;
  return 0;
}
int32_t w2n_host_env_host_interrupt(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args;
  results[0].i32 = 0;
  return 0;
}
int32_t w2n_host_env_host_promise_rejection(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args; (void)results;
  return 0;
}
int32_t w2n_host_env_host_module_normalize(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args;
  results[0].i32 = 0;
  return 0;
}
int32_t w2n_host_env_host_module_load(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args;
  results[0].i32 = 0;
  return 0;
}
int32_t w2n_host_env_host_call(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx; (void)args;
  results[0].i32 = 0;
  return 0;
}
