/* test/embed-wasi/Inputs/host.c: two instances of sandbox.wasm in one process, each with its own WASI
 * (sandbox.test): the same guest directory name /data maps to a different host directory, args and
 * environment differ, and each instance's stdout is a file the host opened. The host drives both
 * alternately, so a table shared between them would show, then each calls quit (proc_exit), which
 * must return W2N_EXIT and the status to the host, not end it.
 *
 * Usage: host DIR_A DIR_B OUT_A OUT_B PROBE... (paths probed beneath /data by both instances; a leading
 * '+' follows a final symlink).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"

static void check(w2n_result r, const char *what) {
  if (r != W2N_OK) {
    fprintf(stderr, "%s: %s\n", what, w2n_result_message(r));
    exit(1);
  }
}

typedef struct guest {
  const char *name;
  w2n_wasi *wasi;
  w2n_instance *instance;
} guest;

static void setup(guest *g, const char *name, const char *dir, const char *out, const char *arg) {
  g->name = name;
  check(w2n_wasi_create(&g->wasi), "w2n_wasi_create");
  const char *argv[] = {name, arg};
  check(w2n_wasi_set_args(g->wasi, 2, argv), "w2n_wasi_set_args");
  check(w2n_wasi_set_env(g->wasi, "INSTANCE", "first"), "w2n_wasi_set_env");
  check(w2n_wasi_set_env(g->wasi, "INSTANCE", name), "w2n_wasi_set_env"); /* replaces */
  check(w2n_wasi_preopen_dir(g->wasi, dir, "/data"), "w2n_wasi_preopen_dir");
  int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    perror(out);
    exit(1);
  }
  check(w2n_wasi_set_stdio(g->wasi, 1, fd), "w2n_wasi_set_stdio");
  close(fd); /* the instance has its own duplicate */
  w2n_error err;
  w2n_result r = w2n_wasi_instantiate(&sandbox_module, g->wasi, NULL, &g->instance, &err);
  if (r != W2N_OK) {
    fprintf(stderr, "instantiate %s: %s\n", name, err.message);
    exit(1);
  }
  check(sandbox_call__initialize(g->instance), "_initialize");
}

static void probe(guest *g, const char *spec) {
  int follow = spec[0] == '+';
  w2n_memory *mem = sandbox_memory_memory(g->instance);
  int32_t buf, e;
  check(sandbox_call_path_buffer(g->instance, &buf), "path_buffer");
  snprintf((char *)mem->base + buf, 1024, "%s", spec + follow);
  check(sandbox_call_probe(g->instance, follow, &e), "probe");
}

int main(int argc, char **argv) {
  if (argc < 5) return 2;
  guest a, b;
  setup(&a, "alpha", argv[1], argv[3], "1");
  setup(&b, "beta", argv[2], argv[4], "22");
  int32_t r;
  check(sandbox_call_show(a.instance, &r), "show");
  check(sandbox_call_show(b.instance, &r), "show");
  for (int i = 5; i < argc; i++) {
    probe(&a, argv[i]);
    probe(&b, argv[i]);
  }
  check(sandbox_call_probe_fd(a.instance, 3, &r), "probe_fd");
  check(sandbox_call_probe_fd(a.instance, 4, &r), "probe_fd");
  check(sandbox_call_show(a.instance, &r), "show");
  /* A second w2n_wasi_instantiate with the same w2n_wasi is refused. */
  w2n_instance *again;
  printf("reuse: %s\n", w2n_result_message(w2n_wasi_instantiate(&sandbox_module, a.wasi, NULL, &again, NULL)));
  printf("exit code before quit: %d\n", w2n_wasi_exit_code(a.wasi));
  w2n_result q = sandbox_call_quit(a.instance, 7);
  printf("alpha quit: %s, exit code %d\n", w2n_result_message(q), w2n_wasi_exit_code(a.wasi));
  q = sandbox_call_quit(b.instance, 0);
  printf("beta quit: %s, exit code %d\n", w2n_result_message(q), w2n_wasi_exit_code(b.wasi));
  w2n_instance_free(a.instance);
  w2n_wasi_free(a.wasi);
  w2n_instance_free(b.instance);
  w2n_wasi_free(b.wasi);
  printf("host still running\n");
  return 0;
}
