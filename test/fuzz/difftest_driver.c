/* test/fuzz/difftest_driver.c: runs binaryen translate-to-fuzz modules through the embedding API the way
 * binaryen's `wasm-opt --fuzz-exec-before` runs them, printing the same kind of lines.
 *
 * difftest.py compiles one module at several optimisation levels with `wasm2native --emit=obj
 * --module-name=<label>`, writes a table of their descriptors (`diff_modules`, `diff_labels`,
 * `diff_module_count`) and links it with this driver and libw2nembed.a. For each module the driver
 * prints `=== LABEL`, instantiates it (the `fuzzing-support` `log-*` imports are host functions that
 * print their arguments) and calls every function export in export order with zero arguments, first
 * calling `hangLimitInitializer` when the module exports it, as binaryen's ExecutionResults does:
 *
 *   [fuzz-exec] calling NAME
 *   [LoggingExternalInterface logging V V...]        one line per call of a log-* import
 *   [fuzz-exec] note result: NAME => V               or (V, V, ...) for several results
 *   [trap MESSAGE]                                   the call (or instantiation) trapped
 *
 * Values are printed so that difftest.py can compare them with binaryen's text exactly: i32 and i64 in
 * signed decimal (a logged i64 as its two signed 32-bit halves, low first, as binaryen 108 logs it), f32 and f64 as their bits (f32:0x..., f64:0x...; binaryen prints decimals, which the
 * script converts), v128 as binaryen does (`i32x4` and four 32-bit lanes in hex). A trap is reported
 * with the runtime's message: the script compares only that, and where, a trap happened.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2n_embed.h"

extern const w2n_module *const diff_modules[];
extern const char *const diff_labels[];
extern const unsigned diff_module_count;

#define MAX_VALUES 64

static void print_value(char type, const w2n_value *v) {
  switch (type) {
  case 'i': printf("%" PRId32, v->i32); break;
  case 'I': printf("%" PRId64, v->i64); break;
  case 'f': {
    uint32_t bits;
    memcpy(&bits, &v->f32, 4);
    printf("f32:0x%08" PRIx32, bits);
    break;
  }
  case 'F': {
    uint64_t bits;
    memcpy(&bits, &v->f64, 8);
    printf("f64:0x%016" PRIx64, bits);
    break;
  }
  case 'v': {
    printf("i32x4");
    for (int k = 0; k < 4; k++) {
      uint32_t lane;
      memcpy(&lane, v->v128 + 4 * k, 4);
      printf(" 0x%08" PRIx32, lane);
    }
    break;
  }
  /* References print as their type only, as binaryen does (a function's index is not stable). */
  case 'r': printf("funcref"); break;
  case 'e': printf("externref"); break;
  default: printf("?%c", type); break;
  }
}

/* A log-* import: ctx is the import's signature string ("i_", "I_", "v_", ...). */
static int32_t log_import(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)results;
  const char *type = ctx;
  printf("[LoggingExternalInterface logging");
  for (int k = 0; type[k] && type[k] != '_'; k++) {
    putchar(' ');
    /* Binaryen logs an i64 as JavaScript would receive it: two signed i32 halves, low first. */
    if (type[k] == 'I')
      printf("%" PRId32 " %" PRId32, (int32_t)(uint32_t)args[k].i64, (int32_t)(uint32_t)((uint64_t)args[k].i64 >> 32));
    else
      print_value(type[k], &args[k]);
  }
  printf("]\n");
  return 0;
}

static void run_module(const w2n_module *m, const char *label) {
  printf("=== %s\n", label);
  w2n_extern imports[MAX_VALUES];
  if (m->import_count > MAX_VALUES) {
    printf("[driver: too many imports]\n");
    return;
  }
  for (uint32_t i = 0; i < m->import_count; i++) {
    const w2n_import_info *info = &m->imports[i];
    const char *results = strchr(info->type, '_');
    /* Only what translate-to-fuzz imports: log functions without results. Anything else would need a
     * behaviour the reference does not define, so the script skips the module. */
    if (strcmp(info->module, "fuzzing-support") != 0 || strncmp(info->name, "log-", 4) != 0 ||
        info->kind != W2N_EXTERN_FUNC || !results || results[1] != 0) {
      printf("[driver: unsupported import %s.%s]\n", info->module, info->name);
      return;
    }
    memset(&imports[i], 0, sizeof imports[i]);
    imports[i].kind = W2N_EXTERN_HOST_FUNC;
    imports[i].u.host.fn = log_import;
    imports[i].u.host.ctx = (void *)info->type;
  }
  w2n_instance *inst;
  w2n_error err;
  w2n_result r = w2n_instantiate(m, imports, &inst, &err);
  if (r != W2N_OK) {
    if (w2n_result_is_trap(r)) printf("[trap %s]\n", w2n_result_message(r));
    else printf("[driver: instantiation failed: %s]\n", err.message);
    return;
  }
  int32_t hang = w2n_export_index(m, "hangLimitInitializer");
  for (uint32_t e = 0; e < m->export_count; e++) {
    const w2n_export_info *x = &m->exports[e];
    if (x->kind != W2N_EXTERN_FUNC) continue;
    printf("[fuzz-exec] calling %s\n", x->name);
    w2n_value args[MAX_VALUES], results[MAX_VALUES];
    memset(args, 0, sizeof args);
    memset(results, 0, sizeof results);
    const char *sep = strchr(x->type, '_');
    if (!sep || sep - x->type > MAX_VALUES || strlen(sep + 1) > MAX_VALUES) {
      printf("[driver: signature %s too long]\n", x->type);
      return;
    }
    if (hang >= 0) {
      w2n_value none[1];
      r = w2n_call_export(inst, (uint32_t)hang, none, none);
      if (r != W2N_OK) {
        printf("[trap %s]\n", w2n_result_message(r));
        continue;
      }
    }
    r = w2n_call_export(inst, e, args, results);
    if (r != W2N_OK) {
      printf("[trap %s]\n", w2n_result_message(r));
      continue;
    }
    const char *res = sep + 1;
    size_t n = strlen(res);
    if (n == 0) continue;
    printf("[fuzz-exec] note result: %s => ", x->name);
    if (n > 1) putchar('(');
    for (size_t k = 0; k < n; k++) {
      if (k) printf(", ");
      print_value(res[k], &results[k]);
    }
    if (n > 1) putchar(')');
    putchar('\n');
  }
  w2n_instance_free(inst);
}

int main(void) {
  /* Line buffered, so that a crash loses nothing already printed. */
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (unsigned i = 0; i < diff_module_count; i++) run_module(diff_modules[i], diff_labels[i]);
  return 0;
}
