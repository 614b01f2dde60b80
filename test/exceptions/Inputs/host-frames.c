/* host-frames.c: for embed.test (see host-frames.wat): exceptions and host frames. An exception that
 * no wasm handler catches ends its entry point with W2N_EXCEPTION; a host function that got one may
 * handle it (return 0) or fail (non-zero: a trap, which the wasm handler around the host call does
 * not catch); afterwards the instance and its handler chain work as before. */
#include <stdio.h>
#include <string.h>
#include "host_frames.h"

static w2n_instance *instance;
static int quiet; /* set during the rounds */

static int32_t callback(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx;
  int32_t n = args[0].i32;
  if (n == 1 || n == 2) {
    w2n_result r = host_frames_call_throw(instance, 77);
    if (n == 1 && !quiet) printf("  host got: %s\n", w2n_result_message(r));
    results[0].i32 = 20;
    return n == 2 && r == W2N_EXCEPTION; /* 2: pass the failure on as a trap */
  }
  results[0].i32 = n * 10;
  return 0;
}

int main(void) {
  w2n_extern imports[1] = {{.kind = W2N_EXTERN_HOST_FUNC, .u.host = {callback, NULL}}};
  w2n_error err;
  if (host_frames_instantiate(&instance, imports, &err) != W2N_OK) {
    printf("instantiate: %s\n", err.message);
    return 1;
  }
  int32_t v = 0;
  w2n_result r = host_frames_call_throw(instance, 7);
  printf("throw from the host: %s (%d)\n", w2n_result_message(r), r == W2N_EXCEPTION);
  r = host_frames_call_outer(instance, 1, &v);
  printf("outer(1): %s %d\n", w2n_result_message(r), v);
  r = host_frames_call_outer(instance, 2, &v);
  printf("outer(2): %s\n", w2n_result_message(r));
  r = host_frames_call_outer(instance, 3, &v);
  printf("outer(3): %s %d\n", w2n_result_message(r), v);
  r = host_frames_call_catch_direct(instance, 5, &v);
  printf("catch_direct(5): %s %d\n", w2n_result_message(r), v);
  /* Many rounds of all three: a chain left pointing at a dead frame would crash. */
  int good = 0;
  quiet = 1;
  for (int i = 0; i < 10000; i++) {
    int32_t a = 0, c = 0;
    w2n_result ra = host_frames_call_outer(instance, 1 + i % 3, &a);
    w2n_result rc = host_frames_call_catch_direct(instance, i, &c);
    good += (i % 3 == 1 ? ra == W2N_TRAP_HOST : ra == W2N_OK) && rc == W2N_OK && c == i;
  }
  printf("rounds ok: %d\n", good);
  w2n_instance_free(instance);
  return 0;
}
