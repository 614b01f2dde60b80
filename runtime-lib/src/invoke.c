/* src/invoke.c: what an executable runs once its module is instantiated: _start, or any export.
 *
 * The generated w2n_module_main instantiates the module and hands w2n_run a table of its exported
 * functions (name, signature string, a thunk taking w2n_value arrays) and the compiler's --invoke, if
 * any. Then, as `wasmtime run [--invoke NAME]` does:
 *
 *  - a command module (it exports _start, and nothing chose another export) runs _initialize if it
 *    has one, then _start, with the process's argv untouched;
 *  - otherwise the export to call is, first to last: a leading `--invoke=NAME` or `--invoke NAME`
 *    argument (dropped from the guest's argv), the W2N_INVOKE variable (not in secure-execution mode,
 *    like the rest of the run-time configuration), the compiler's --invoke. The remaining arguments are
 *    its parameters, parsed by type (numtext.c); _initialize runs, then the export, and its results are
 *    printed on stdout, one per line. The guest's argv is argv[0] and those arguments.
 *
 * A leading --invoke is only recognised when the run is not a plain _start run, so that a command
 * program's own options are never taken away from it; W2N_INVOKE reaches any export of any module.
 * Every mistake in the choice or the arguments is reported before any wasm code runs, as
 * "wasm2native: ..." with exit status 1 (w2n_fatal's convention).
 */
#include "rt.h"
#include "os.h"

const char *w2n_invoke_env;

static int str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static const w2n_exe_export *find(const w2n_exe_export *exports, uint32_t count, const char *name) {
  for (uint32_t i = 0; i < count; i++)
    if (str_eq(exports[i].name, name)) return &exports[i];
  return 0;
}

static const char *type_name(char t) {
  switch (t) {
  case 'i': return "i32";
  case 'I': return "i64";
  case 'f': return "f32";
  case 'F': return "f64";
  case 'v': return "v128";
  case 'r': return "funcref";
  case 'x': return "exnref";
  default: return "externref";
  }
}

static void err(const char *s) { w2n_puts_err(s); }

static void err_number(uint64_t n) {
  char buf[24];
  w2n_value v;
  v.i64 = (int64_t)n;
  buf[w2n_format_value(&v, 'I', buf)] = 0;
  err(buf);
}

/* Ends a "wasm2native: ..." message with the exported functions (the first 20), and exits with status 1. */
static _Noreturn void fail_listing(const w2n_exe_export *exports, uint32_t count) {
  err(" (exported functions:");
  if (count == 0) err(" none");
  for (uint32_t i = 0; i < count && i < 20; i++) { /* a library may export hundreds */
    err(i ? ", " : " ");
    err(exports[i].name);
  }
  if (count > 20) {
    err(", ... and ");
    err_number(count - 20);
    err(" more");
  }
  err(")\n");
  w2n_os_exit(1);
}

static _Noreturn void fail(void) {
  err("\n");
  w2n_os_exit(1);
}

int32_t w2n_run(const w2n_exe_export *exports, uint32_t count, const char *default_invoke) {
  const w2n_exe_export *start = find(exports, count, "_start"), *init = find(exports, count, "_initialize");
  const char *name = w2n_invoke_env ? w2n_invoke_env : default_invoke;
  if (!name && start) { /* a command */
    if (init) init->call(0, 0);
    start->call(0, 0);
    return 0;
  }
  int shift = 0;
  if (wasi_process.argc >= 2 && w2n_strncmp(wasi_process.argv[1], "--invoke=", 9) == 0) {
    name = wasi_process.argv[1] + 9;
    shift = 1;
  } else if (wasi_process.argc >= 3 && str_eq(wasi_process.argv[1], "--invoke")) {
    name = wasi_process.argv[2];
    shift = 2;
  }
  if (shift) { /* the guest sees argv[0] and the export's arguments */
    wasi_process.argv[shift] = wasi_process.argv[0];
    wasi_process.argv += shift;
    wasi_process.argc -= shift;
  }
  if (!name) {
    err("wasm2native: the module has no _start export: name the export to call with --invoke=NAME");
    fail_listing(exports, count);
  }
  const w2n_exe_export *target = find(exports, count, name);
  if (!target) {
    err("wasm2native: no exported function '");
    err(name);
    err("'");
    fail_listing(exports, count);
  }

  const char *type = target->type;
  uint32_t nparams = 0, nresults = 0;
  while (type[nparams] != '_') nparams++;
  while (type[nparams + 1 + nresults]) nresults++;
  for (uint32_t k = 0; k < nparams; k++) {
    char t = type[k];
    if (t != 'i' && t != 'I' && t != 'f' && t != 'F') {
      err("wasm2native: '");
      err(name);
      err(t == 'e' || t == 'x' ? "' has an " : "' has a ");
      err(type_name(t));
      err(" parameter, which cannot be given on the command line");
      fail();
    }
  }
  uint32_t given = (uint32_t)(wasi_process.argc - 1);
  if (given != nparams) {
    err("wasm2native: '");
    err(name);
    err("' takes ");
    err_number(nparams);
    err(nparams == 1 ? " argument (" : " arguments (");
    for (uint32_t k = 0; k < nparams; k++) {
      if (k) err(", ");
      err(type_name(type[k]));
    }
    err("), ");
    err_number(given);
    err(" given");
    fail();
  }
  w2n_value *args = w2n_alloc(sizeof(w2n_value) * (nparams + nresults + 1));
  if (!args) w2n_fatal("out of memory");
  w2n_value *results = args + nparams;
  for (uint32_t k = 0; k < nparams; k++) {
    if (w2n_parse_value(wasi_process.argv[k + 1], type[k], &args[k]) != 0) {
      err("wasm2native: argument ");
      err_number(k + 1);
      err(" of '");
      err(name);
      err("': '");
      err(wasi_process.argv[k + 1]);
      err("' is not an ");
      err(type_name(type[k]));
      fail();
    }
  }

  if (init && target != init) init->call(0, 0);
  target->call(args, results);
  char buf[416];
  for (uint32_t k = 0; k < nresults; k++) {
    size_t n = w2n_format_value(&results[k], type[nparams + 1 + k], buf);
    buf[n++] = '\n';
    w2n_write_all(1, buf, n);
  }
  return 0;
}
