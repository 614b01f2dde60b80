/* test/embed-wasi/Inputs/edges.c: the WASI API's edges (edges.test): WASI imports mixed with the host's
 * own (a function and a global), argument errors, a WASI import of the wrong type, a non-WASI import
 * without imports, a closed stdin, stdout redirected to a pipe, and proc_exit in the start function,
 * which fails the instantiation with W2N_EXIT.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "badtype.h"
#include "edges.h"

static int32_t twice(void *ctx, const w2n_value *args, w2n_value *results) {
  results[0].i32 = args[0].i32 * 2 + *(int *)ctx;
  return 0;
}

static w2n_result make(w2n_wasi *w, int exit_in_start, w2n_instance **out, w2n_error *err) {
  static int bias = 1;
  static w2n_value flag;
  flag.i32 = exit_in_start;
  w2n_extern imports[edges_IMPORT_COUNT];
  memset(imports, 0, sizeof imports);
  imports[edges_import_env_twice].kind = W2N_EXTERN_HOST_FUNC;
  imports[edges_import_env_twice].u.host.fn = twice;
  imports[edges_import_env_twice].u.host.ctx = &bias;
  imports[edges_import_env_exit_in_start].kind = W2N_EXTERN_GLOBAL;
  imports[edges_import_env_exit_in_start].u.global.value = &flag;
  imports[edges_import_env_exit_in_start].u.global.type = W2N_I32;
  return w2n_wasi_instantiate(&edges_module, w, imports, out, err);
}

int main(void) {
  w2n_wasi *w;
  w2n_instance *inst;
  w2n_error err;
  if (w2n_wasi_create(&w) != W2N_OK) return 1;
  printf("stdio 3: %s\n", w2n_result_message(w2n_wasi_set_stdio(w, 3, 1)));
  printf("stdio from a closed fd: %s\n", w2n_result_message(w2n_wasi_set_stdio(w, 1, 999)));
  printf("env name with '=': %s\n", w2n_result_message(w2n_wasi_set_env(w, "A=B", "c")));
  printf("env empty name: %s\n", w2n_result_message(w2n_wasi_set_env(w, "", "c")));
  printf("missing directory: %s\n", w2n_result_message(w2n_wasi_preopen_dir(w, "/nonexistent/dir", "/d")));
  printf("NULL argv: %s\n", w2n_result_message(w2n_wasi_set_args(w, 1, NULL)));

  /* WASI import of the wrong type; a non-WASI import with no imports given. */
  w2n_result r = w2n_wasi_instantiate(&badtype_module, w, NULL, &inst, &err);
  printf("bad type: %s: %s\n", w2n_result_message(r), err.message);
  w2n_wasi_free(w);
  w2n_wasi_create(&w);
  r = w2n_wasi_instantiate(&edges_module, w, NULL, &inst, &err);
  printf("no imports: %s: %s\n", w2n_result_message(r), err.message);
  w2n_wasi_free(w);

  /* stdin closed, stdout a pipe. */
  int fds[2];
  if (pipe(fds)) return 1;
  w2n_wasi_create(&w);
  w2n_wasi_set_stdio(w, 0, -1);
  w2n_wasi_set_stdio(w, 1, fds[1]);
  close(fds[1]);
  r = make(w, 0, &inst, &err);
  printf("instantiate: %s\n", w2n_result_message(r));
  int32_t e;
  edges_call_read0(inst, &e);
  printf("read from closed stdin: errno %d\n", e);
  edges_call_write_to(inst, 1, &e);
  printf("write to stdout: errno %d\n", e);
  edges_call_write_to(inst, 2, &e);
  printf("write to stderr: errno %d\n", e);
  edges_call_host_twice(inst, 20, &e);
  printf("host import: %d\n", e);
  w2n_instance_free(inst);
  w2n_wasi_free(w); /* closes the instance's end of the pipe */
  char buf[16] = "";
  ssize_t n = read(fds[0], buf, sizeof buf - 1);
  printf("pipe got %zd bytes: %s", n, buf);
  printf("pipe then: %zd (end of file)\n", read(fds[0], buf, sizeof buf));

  /* proc_exit in the start function. */
  w2n_wasi_create(&w);
  r = make(w, 1, &inst, &err);
  printf("exit in start: %s (%s), code %d, instance %s\n", w2n_result_message(r), err.message,
         w2n_wasi_exit_code(w), inst ? "returned" : "none");
  w2n_wasi_free(w);
  return 0;
}
