/* docs/examples/quickjs/run-js.c: runs JavaScript files with QuickJS-NG, from the npm package
 * quickjs-wasi (a WASI reactor nobody here wrote), compiled by wasm2native into this C program.
 *
 *   wasm2native quickjs.wasm --emit=obj -o quickjs.o      # writes quickjs.o and quickjs.h
 *   cc run-js.c quickjs.o libw2nembed.a -lm -o run-js
 *   ./run-js script.js...
 *
 * The module imports 6 WASI functions (clocks, random, stdio), which the runtime's WASI serves
 * (w2n_wasi_instantiate), and 6 functions of its own from "env", which this host supplies: host_call
 * is how a JavaScript function made by qjs_new_host_function calls the host (here: print); the others
 * (interrupts, unhandled promise rejections, ES module loading, time zones) get minimal answers.
 * Values cross as handles: pointers into the module's memory to JSValues, which the module's qjs_*
 * exports create, read and free. Strings cross as bytes in the module's memory, allocated with its
 * exported malloc. Each file is evaluated as a script; its completion value is printed, or the
 * exception it threw. Tested by test/embed-examples/quickjs.test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"

static w2n_instance *js; /* the one instance; host functions need it to call back into the module */

/* Stops at the first failure of a call into the module (a trap, or proc_exit). */
static void check(w2n_result r, const char *what) {
  if (r != W2N_OK) {
    fprintf(stderr, "run-js: %s: %s\n", what, w2n_result_message(r));
    exit(1);
  }
}

/* Linear memory moves when it grows: take its base again after every call into the module. */
static char *mem(void) { return (char *)quickjs_memory_memory(js)->base; }

/* Copies bytes into the module's memory (NUL-terminated); the module frees them with quickjs_call_free. */
static int32_t to_module(const char *s, size_t n) {
  int32_t p;
  check(quickjs_call_malloc(js, (int32_t)n + 1, &p), "malloc");
  if (!p) {
    fprintf(stderr, "run-js: out of module memory\n");
    exit(1);
  }
  memcpy(mem() + p, s, n);
  mem()[p + n] = 0;
  return p;
}

/* Prints a JSValue handle as a string (JavaScript's String(value)). */
static void print_value(int32_t value) {
  int32_t s;
  check(quickjs_call_qjs_get_string(js, value, &s), "qjs_get_string");
  fputs(s ? mem() + s : "(no string)", stdout);
  if (s) check(quickjs_call_qjs_free_cstring(js, s), "qjs_free_cstring");
}

/* env.host_call(name, name_length, this, argc, argv) -> a new JSValue handle (the module frees it). */
static int32_t host_call(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx;
  int32_t name = args[0].i32, name_len = args[1].i32, argc = args[3].i32, argv = args[4].i32;
  if (name_len == 5 && memcmp(mem() + name, "print", 5) == 0) {
    for (int32_t i = 0; i < argc; i++) {
      int32_t arg;
      memcpy(&arg, mem() + argv + 4 * i, 4); /* argv: an array of handles */
      if (i) putchar(' ');
      print_value(arg);
    }
    putchar('\n');
  }
  check(quickjs_call_qjs_get_undefined(js, &results[0].i32), "qjs_get_undefined");
  return 0;
}

/* env.host_interrupt() -> 1 to interrupt a long-running script: never. */
static int32_t host_interrupt(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)args;
  results[0].i32 = 0;
  return 0;
}

/* env.host_promise_rejection(promise, reason, is_handled): the handles are ours to free. */
static int32_t host_promise_rejection(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)results;
  check(quickjs_call_qjs_free_value(js, args[0].i32), "qjs_free_value");
  check(quickjs_call_qjs_free_value(js, args[1].i32), "qjs_free_value");
  return 0;
}

/* env.host_module_normalize / host_module_load: no ES modules here (0: the import fails). */
static int32_t host_no_modules(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)args;
  results[0].i32 = 0;
  return 0;
}

/* env.host_get_timezone_offset(seconds_high, seconds_low) -> offset from UTC in seconds: UTC. */
static int32_t host_timezone(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)args;
  results[0].i32 = 0;
  return 0;
}

static char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap && !(buf = realloc(buf, cap = cap * 2 + 4096))) exit(1);
    size_t got = fread(buf + n, 1, cap - n, f);
    if (!got) break;
    n += got;
  }
  fclose(f);
  *size = n;
  return buf;
}

int main(int argc, char **argv) {
  /* WASI: no arguments, environment or directories; stdio is the process's. */
  w2n_wasi *wasi;
  check(w2n_wasi_create(&wasi), "w2n_wasi_create");

  /* The module's own imports; the WASI ones are filled in by w2n_wasi_instantiate. */
  w2n_extern imports[quickjs_IMPORT_COUNT] = {0};
  struct { int index; w2n_host_fn fn; } host[] = {
      {quickjs_import_env_host_call, host_call},
      {quickjs_import_env_host_interrupt, host_interrupt},
      {quickjs_import_env_host_promise_rejection, host_promise_rejection},
      {quickjs_import_env_host_module_normalize, host_no_modules},
      {quickjs_import_env_host_module_load, host_no_modules},
      {quickjs_import_env_host_get_timezone_offset, host_timezone},
  };
  for (size_t i = 0; i < sizeof host / sizeof host[0]; i++) {
    imports[host[i].index].kind = W2N_EXTERN_HOST_FUNC;
    imports[host[i].index].u.host.fn = host[i].fn;
  }
  w2n_error err;
  if (w2n_wasi_instantiate(&quickjs_module, wasi, imports, &js, &err) != W2N_OK) {
    fprintf(stderr, "run-js: %s\n", err.message);
    return 1;
  }
  check(quickjs_call__initialize(js), "_initialize"); /* a reactor: set up its C library */
  int32_t status;
  check(quickjs_call_qjs_init(js, &status), "qjs_init");
  if (status != 0) return 1;

  /* globalThis.print = a host function named "print" (calls arrive in host_call). */
  int32_t name = to_module("print", 5), fn, global, set;
  check(quickjs_call_qjs_new_host_function(js, name, 5, 0, &fn), "qjs_new_host_function");
  check(quickjs_call_qjs_get_global(js, &global), "qjs_get_global");
  check(quickjs_call_qjs_set_prop_string(js, global, name, fn, &set), "qjs_set_prop_string");
  check(quickjs_call_qjs_free_value(js, fn), "qjs_free_value");
  check(quickjs_call_qjs_free_value(js, global), "qjs_free_value");
  check(quickjs_call_free(js, name), "free");

  int failed = 0;
  for (int i = 1; i < argc; i++) {
    size_t size;
    char *text = read_file(argv[i], &size);
    if (!text) {
      perror(argv[i]);
      return 1;
    }
    int32_t code = to_module(text, size), file = to_module(argv[i], strlen(argv[i])), result, thrown;
    free(text);
    check(quickjs_call_qjs_eval(js, code, (int32_t)size, file, 0, &result), "qjs_eval");
    check(quickjs_call_qjs_is_exception(js, result, &thrown), "qjs_is_exception");
    if (thrown) {
      int32_t exception;
      check(quickjs_call_qjs_get_exception(js, &exception), "qjs_get_exception");
      printf("%s: exception: ", argv[i]);
      print_value(exception);
      check(quickjs_call_qjs_free_value(js, exception), "qjs_free_value");
      failed = 1;
    } else {
      printf("%s: ", argv[i]);
      print_value(result);
    }
    putchar('\n');
    check(quickjs_call_qjs_free_value(js, result), "qjs_free_value");
    check(quickjs_call_free(js, code), "free");
    check(quickjs_call_free(js, file), "free");
  }

  check(quickjs_call_qjs_destroy(js), "qjs_destroy");
  w2n_instance_free(js);
  w2n_wasi_free(wasi);
  return failed;
}
