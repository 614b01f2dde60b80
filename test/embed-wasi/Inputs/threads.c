/* test/embed-wasi/Inputs/threads.c: two threads, each with its own instance of sandbox.wasm and its own
 * WASI sandbox, running at the same time (threads.test): every WASI call must find its own thread's
 * sandbox (args, preopen, stdout), never the other's. Each thread calls show() 500 times and writes
 * to its own file; the test counts the lines.
 *
 * Usage: threads DIR_A DIR_B (outputs DIR_A.out and DIR_B.out)
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "sandbox.h"

static void *run(void *arg) {
  const char *dir = arg;
  w2n_wasi *w;
  w2n_instance *instance;
  w2n_error err;
  char out[4096];
  snprintf(out, sizeof out, "%s.out", dir);
  int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const char *argv[] = {dir, "thread"};
  if (fd < 0 || w2n_wasi_create(&w) || w2n_wasi_set_args(w, 2, argv) || w2n_wasi_preopen_dir(w, dir, "/data") ||
      w2n_wasi_set_stdio(w, 1, fd) || w2n_wasi_instantiate(&sandbox_module, w, NULL, &instance, &err) ||
      sandbox_call__initialize(instance)) {
    printf("%s: setup failed\n", dir);
    return NULL;
  }
  close(fd);
  int32_t r;
  int failures = 0;
  for (int k = 0; k < 500; k++) failures += sandbox_call_show(instance, &r) != W2N_OK || r != 0;
  w2n_result q = sandbox_call_quit(instance, 5);
  printf("%s: %d failures, %s, exit code %d\n", dir, failures, w2n_result_message(q), w2n_wasi_exit_code(w));
  w2n_instance_free(instance);
  w2n_wasi_free(w);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  pthread_t a, b;
  pthread_create(&a, NULL, run, argv[1]);
  pthread_create(&b, NULL, run, argv[2]);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
