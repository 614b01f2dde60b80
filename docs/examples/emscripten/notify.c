/* docs/examples/emscripten/notify.c: the one import of sieve.wasm that is not WASI's.
 *
 * Emscripten's -sALLOW_MEMORY_GROWTH makes a module call env.emscripten_notify_memory_growth(index)
 * after memory.grow, so that JavaScript can refresh its views of the memory. A native executable has
 * none to refresh: the function does nothing. Its declaration comes from
 * `wasm2native sieve.wasm --emit=host-header -o sieve_host.h`; the object is linked into the executable
 * with `wasm2native sieve.wasm notify.o -o sieve`. Like all code linked into an executable, it is
 * freestanding: the executable has no C library.
 */
#include "sieve_host.h"

int32_t w2n_host_env_emscripten_notify_memory_growth(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)args, (void)results;
  return 0;
}
