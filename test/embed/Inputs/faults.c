/* faults.c: traps and faults around host code (faults.test).
 *
 * Modes (argv[1]): "traps" runs the checks that must print; "host-crash" makes a host function called
 * from wasm dereference NULL, and "crash-after" does so in plain host code after wasm trapped: both
 * must kill the process with SIGSEGV, because a fault outside wasm code is never a trap. "chain"
 * installs a SIGSEGV handler before the runtime and checks that a host fault still reaches it.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reentry.h"

static w2n_instance *instance;
static volatile int *volatile null_pointer;

static int32_t callback(void *ctx, const w2n_value *args, w2n_value *results) {
  const char *mode = ctx;
  int32_t n = args[0].i32;
  if (strcmp(mode, "host-crash") == 0) return *null_pointer;
  if (n == 1) return 1; /* a host failure traps the wasm caller */
  if (n == 2) {
    /* Re-enter wasm; the inner trap comes back here and the outer call goes on. */
    int32_t v;
    w2n_result r = reentry_call_load(instance, 70000, &v);
    printf("  inner call from the host: %s\n", w2n_result_message(r));
    results[0].i32 = 20;
    return 0;
  }
  results[0].i32 = n * 10;
  return 0;
}

static void *thread_main(void *arg) {
  (void)arg;
  w2n_extern imports[1] = {{.kind = W2N_EXTERN_HOST_FUNC, .u.host = {callback, "traps"}}};
  w2n_instance *mine;
  w2n_error err;
  if (reentry_instantiate(&mine, imports, &err) != W2N_OK) return "instantiate";
  int32_t v;
  for (int i = 0; i < 200; i++) {
    if (reentry_call_load(mine, 65536 + i, &v) != W2N_TRAP_OOB_MEMORY) return "oob";
    if (reentry_call_deep(mine, 100000000, &v) != W2N_TRAP_STACK_EXHAUSTED) return "stack";
    if (reentry_call_deep(mine, 100, &v) != W2N_OK || v != 100) return "deep";
  }
  w2n_instance_free(mine);
  return NULL;
}

static void chained_handler(int sig) {
  static const char msg[] = "host handler ran\n";
  (void)sig;
  write(1, msg, sizeof msg - 1);
  _exit(3);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "traps";
  if (strcmp(mode, "chain") == 0) signal(SIGSEGV, chained_handler);
  w2n_extern imports[1] = {{.kind = W2N_EXTERN_HOST_FUNC, .u.host = {callback, (void *)mode}}};
  w2n_error err;
  if (reentry_instantiate(&instance, imports, &err) != W2N_OK) return 1;
  int32_t v;
  w2n_result r;

  if (strcmp(mode, "traps") == 0) {
    r = reentry_call_call_host(instance, 4, &v);
    printf("host returns: %s %d\n", w2n_result_message(r), v);
    r = reentry_call_call_host(instance, 1, &v);
    printf("host fails: %s\n", w2n_result_message(r));
    r = reentry_call_call_host(instance, 2, &v);
    printf("re-entry: %s %d\n", w2n_result_message(r), v);
    r = reentry_call_dead_load(instance, 65528);
    printf("unused load past the end: %s\n", w2n_result_message(r));
    r = reentry_call_dead_load(instance, 65520);
    printf("unused load at the end: %s\n", w2n_result_message(r));
    r = reentry_call_deep(instance, 100000000, &v);
    printf("runaway recursion: %s\n", w2n_result_message(r));
    r = reentry_call_deep(instance, 1000, &v);
    printf("then a deep call: %s %d\n", w2n_result_message(r), v);
    pthread_t threads[2];
    for (int i = 0; i < 2; i++) pthread_create(&threads[i], NULL, thread_main, NULL);
    for (int i = 0; i < 2; i++) {
      void *why;
      pthread_join(threads[i], &why);
      printf("thread %d: %s\n", i, why ? (const char *)why : "all traps came back");
    }
    return 0;
  }
  if (strcmp(mode, "host-crash") == 0) {
    r = reentry_call_call_host(instance, 4, &v);
    printf("not reached: %s\n", w2n_result_message(r));
    return 0;
  }
  /* crash-after, chain: wasm traps first (the handler is installed), then the host faults. */
  r = reentry_call_load(instance, 70000, &v);
  printf("wasm trapped: %s\n", w2n_result_message(r));
  fflush(stdout);
  return *null_pointer;
}
