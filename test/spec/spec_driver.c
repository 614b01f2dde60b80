/* test/spec/spec_driver.c: runs the commands of one spec-test script against modules linked in through the
 * embedding API (w2n_embed.h).
 *
 * spec_runner.py compiles every module of a spec-test JSON file with `wasm2native --emit=obj
 * --module-name=mN`, writes a table of their descriptors (`spec_modules`, `spec_module_count`), links
 * both with this driver and libw2nembed.a, and feeds it a script translated from the JSON, one command
 * a line (strings as 'x' and their bytes in hex, so that names can hold any byte; '-' for none):
 *
 *   module LINE M NAME|-              instantiate module M; it becomes the current instance
 *   nomodule NAME|-                   a module that did not compile: no current instance (nor NAME)
 *   uninstantiable LINE M TEXT        instantiating M must trap with TEXT
 *   unlinkable LINE M                 instantiating M must fail to link
 *   register AS NAME|-                make an instance's exports importable as module AS
 *   invoke LINE NAME|- FIELD N ARG... return K EXP...   call; results must match
 *   invoke LINE NAME|- FIELD N ARG... either K EXP...   call; the one result must match one EXP
 *   invoke LINE NAME|- FIELD N ARG... trap TEXT         call; must trap with TEXT
 *   invoke LINE NAME|- FIELD N ARG... run               call; must not trap (an action)
 *   invoke LINE NAME|- FIELD N ARG... exception         call; must end in an uncaught exception
 *   get LINE NAME|- FIELD return 1 EXP                  read a global
 *
 * Values: i32:HEX i64:HEX f32:HEX f64:HEX (bits), v128:HEX32 (16 bytes, memory order), ref:null,
 * ext:N (an externref; the driver's pointer is N + 1 so that ext:0 is not null), funcref:nonnull.
 * Expected floats may be f32:nan:canonical or f32:nan:arithmetic, and expected v128s may be given per
 * lane, v128:f32x4:L,L,L,L or v128:f64x2:L,L, each lane bits or a NaN class.
 *
 * For every command that checks something it prints `ok LINE` or `fail LINE why`, flushed at once so
 * that the runner knows how far a crashed driver got. Traps come back as w2n_result values; a trap
 * text matches when either string is a prefix of the other (as the old runner and other engines do).
 * The "spectest" module is built in: print functions, globals 666 / 666.6, a table (10, 20), a
 * table64 (i64 10, 20), a memory (1, 2) and a shared memory (1, 2 shared; threads).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2n_embed.h"

extern const w2n_module *const spec_modules[];
extern const unsigned spec_module_count;

#define MAX_NAMED 256
#define MAX_VALUES 64

static struct { char *name; w2n_instance *instance; } named[MAX_NAMED], registered[MAX_NAMED];
static unsigned named_count, registered_count;
static w2n_instance *current;

/* ---- spectest ---- */

static w2n_value spectest_i32 = {.i32 = 666}, spectest_i64 = {.i64 = 666}, spectest_f32 = {.f32 = 666.6f},
                 spectest_f64 = {.f64 = 666.6};
static w2n_table *spectest_table;
static w2n_memory *spectest_memory, *spectest_shared_memory;
static w2n_table *spectest_table64;

static int32_t spectest_print(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)ctx, (void)args, (void)results;
  return 0;
}

static const struct { const char *name, *type; } spectest_functions[] = {
    {"print", "_"},           {"print_i32", "i_"},     {"print_i64", "I_"},        {"print_f32", "f_"},
    {"print_f64", "F_"},      {"print_i32_f32", "if_"}, {"print_f64_f64", "FF_"},
};

/* The spectest export `name` as an extern, or 0 when there is none (or the types differ: host
 * functions are not type-checked by the runtime, so the driver does it). */
static int spectest_extern(const w2n_import_info *info, w2n_extern *out) {
  const char *name = info->name;
  memset(out, 0, sizeof *out);
  for (unsigned i = 0; i < sizeof spectest_functions / sizeof spectest_functions[0]; i++)
    if (strcmp(name, spectest_functions[i].name) == 0) {
      if (info->kind != W2N_EXTERN_FUNC || strcmp(info->type, spectest_functions[i].type) != 0) return 0;
      out->kind = W2N_EXTERN_HOST_FUNC;
      out->u.host.fn = spectest_print;
      return 1;
    }
  struct { const char *name; w2n_value *value; w2n_valtype type; } globals[] = {
      {"global_i32", &spectest_i32, W2N_I32}, {"global_i64", &spectest_i64, W2N_I64},
      {"global_f32", &spectest_f32, W2N_F32}, {"global_f64", &spectest_f64, W2N_F64}};
  for (unsigned i = 0; i < 4; i++)
    if (strcmp(name, globals[i].name) == 0) {
      out->kind = W2N_EXTERN_GLOBAL;
      out->u.global.value = globals[i].value;
      out->u.global.type = globals[i].type;
      return 1;
    }
  if (strcmp(name, "table") == 0) {
    if (!spectest_table && w2n_table_create(W2N_FUNCREF, 10, 20, &spectest_table) != W2N_OK) return 0;
    out->kind = W2N_EXTERN_TABLE;
    out->u.table = spectest_table;
    return 1;
  }
  if (strcmp(name, "table64") == 0) { /* the memory64 proposal's: (table i64 10 20 funcref) */
    if (!spectest_table64 && w2n_table_create64(W2N_FUNCREF, 10, 20, &spectest_table64) != W2N_OK) return 0;
    out->kind = W2N_EXTERN_TABLE;
    out->u.table = spectest_table64;
    return 1;
  }
  if (strcmp(name, "memory") == 0) {
    if (!spectest_memory && w2n_memory_create(1, 2, &spectest_memory) != W2N_OK) return 0;
    out->kind = W2N_EXTERN_MEMORY;
    out->u.memory = spectest_memory;
    return 1;
  }
  if (strcmp(name, "shared_memory") == 0) { /* the threads proposal's (memory 1 2 shared) */
    if (!spectest_shared_memory && w2n_memory_create_shared(1, 2, 0, &spectest_shared_memory) != W2N_OK) return 0;
    out->kind = W2N_EXTERN_MEMORY;
    out->u.memory = spectest_shared_memory;
    return 1;
  }
  return 0;
}

/* ---- names and values ---- */

static char *unhex_n(const char *s, size_t *length) {
  if (s[0] != 'x') return NULL;
  s++;
  size_t n = strlen(s) / 2;
  if (length) *length = n;
  char *out = malloc(n + 1);
  for (size_t i = 0; i < n; i++) sscanf(s + 2 * i, "%2hhx", (unsigned char *)&out[i]);
  out[n] = 0;
  return out;
}

static char *unhex(const char *s) { return unhex_n(s, NULL); }

static w2n_instance *lookup(const char *hexname) {
  char *name = unhex(hexname);
  if (!name) return current;
  w2n_instance *found = NULL;
  for (unsigned i = named_count; i-- > 0;)
    if (strcmp(named[i].name, name) == 0) {
      found = named[i].instance;
      break;
    }
  free(name);
  return found;
}

static w2n_instance *registered_instance(const char *name) {
  for (unsigned i = registered_count; i-- > 0;)
    if (strcmp(registered[i].name, name) == 0) return registered[i].instance;
  return NULL;
}

/* Resolves the imports of m; 0 and a reason when one cannot be found. */
static int resolve_imports(const w2n_module *m, w2n_extern *imports, const char **why) {
  for (uint32_t i = 0; i < m->import_count; i++) {
    const w2n_import_info *info = &m->imports[i];
    if (strcmp(info->module, "spectest") == 0) {
      if (!spectest_extern(info, &imports[i])) {
        *why = "unknown import (spectest)";
        return 0;
      }
      continue;
    }
    w2n_instance *from = registered_instance(info->module);
    int32_t index = from ? w2n_export_index_n(w2n_instance_module(from), info->name, info->name_length) : -1;
    if (index < 0 || w2n_instance_export(from, (uint32_t)index, &imports[i]) != W2N_OK) {
      *why = "unknown import";
      return 0;
    }
  }
  return 1;
}

static int text_matches(const char *got, const char *want) {
  size_t a = strlen(got), b = strlen(want);
  return strncmp(got, want, a < b ? a : b) == 0;
}

static int parse_value(const char *tok, w2n_value *v) {
  memset(v, 0, sizeof *v);
  if (strncmp(tok, "i32:", 4) == 0) v->i32 = (int32_t)strtoul(tok + 4, NULL, 16);
  else if (strncmp(tok, "i64:", 4) == 0) v->i64 = (int64_t)strtoull(tok + 4, NULL, 16);
  else if (strncmp(tok, "f32:", 4) == 0) {
    uint32_t bits = (uint32_t)strtoul(tok + 4, NULL, 16);
    memcpy(&v->f32, &bits, 4);
  } else if (strncmp(tok, "f64:", 4) == 0) {
    uint64_t bits = strtoull(tok + 4, NULL, 16);
    memcpy(&v->f64, &bits, 8);
  } else if (strncmp(tok, "v128:", 5) == 0 && strlen(tok) == 5 + 32) {
    for (int i = 0; i < 16; i++) sscanf(tok + 5 + 2 * i, "%2hhx", &v->v128[i]);
  } else if (strcmp(tok, "ref:null") == 0) v->ref = NULL;
  else if (strncmp(tok, "ext:", 4) == 0) v->ref = (void *)(uintptr_t)(strtoull(tok + 4, NULL, 10) + 1);
  else return 0;
  return 1;
}

/* Does a float's bit pattern match an expectation: bits, nan:canonical or nan:arithmetic? */
static int float_matches(uint64_t bits, int is64, const char *want) {
  uint64_t exp_mask = is64 ? 0x7ff0000000000000ull : 0x7f800000u;
  uint64_t quiet = is64 ? 0x0008000000000000ull : 0x00400000u;
  uint64_t payload = is64 ? 0x000fffffffffffffull : 0x007fffffu;
  int is_nan = (bits & exp_mask) == exp_mask && (bits & payload) != 0;
  if (strcmp(want, "nan:canonical") == 0) return is_nan && (bits & payload) == quiet;
  if (strcmp(want, "nan:arithmetic") == 0) return is_nan && (bits & quiet);
  return bits == strtoull(want, NULL, 16);
}

static void describe(const w2n_value *v, const char *want, char *out, size_t n) {
  if (strncmp(want, "v128", 4) == 0) {
    int k = snprintf(out, n, "v128:");
    for (int i = 0; i < 16 && k < (int)n - 2; i++) k += snprintf(out + k, n - k, "%02x", v->v128[i]);
  } else if (strncmp(want, "ref", 3) == 0 || strncmp(want, "ext", 3) == 0 || strncmp(want, "funcref", 7) == 0) {
    snprintf(out, n, "ref %p", v->ref);
  } else {
    snprintf(out, n, "bits %" PRIx64, (uint64_t)v->i64 & (strncmp(want, "i64", 3) && strncmp(want, "f64", 3) ? 0xffffffffull : ~0ull));
  }
}

static int result_matches(const w2n_value *v, const char *want) {
  if (strncmp(want, "i32:", 4) == 0) return (uint32_t)v->i32 == (uint32_t)strtoul(want + 4, NULL, 16);
  if (strncmp(want, "i64:", 4) == 0) return (uint64_t)v->i64 == strtoull(want + 4, NULL, 16);
  if (strncmp(want, "f32:", 4) == 0) {
    uint32_t bits;
    memcpy(&bits, &v->f32, 4);
    return float_matches(bits, 0, want + 4);
  }
  if (strncmp(want, "f64:", 4) == 0) {
    uint64_t bits;
    memcpy(&bits, &v->f64, 8);
    return float_matches(bits, 1, want + 4);
  }
  if (strncmp(want, "v128:f32x4:", 11) == 0 || strncmp(want, "v128:f64x2:", 11) == 0) {
    int is64 = want[6] == '6';
    int lanes = is64 ? 2 : 4;
    const char *p = want + 11;
    for (int k = 0; k < lanes; k++) {
      char lane[64];
      size_t len = strcspn(p, ",");
      if (len >= sizeof lane) return 0;
      memcpy(lane, p, len);
      lane[len] = 0;
      uint64_t bits = 0;
      memcpy(&bits, v->v128 + k * (is64 ? 8 : 4), is64 ? 8 : 4);
      if (!float_matches(bits, is64, lane)) return 0;
      p += len + (p[len] == ',');
    }
    return 1;
  }
  if (strncmp(want, "v128:", 5) == 0) {
    w2n_value e;
    return parse_value(want, &e) && memcmp(e.v128, v->v128, 16) == 0;
  }
  if (strcmp(want, "ref:null") == 0) return v->ref == NULL;
  if (strcmp(want, "funcref:nonnull") == 0) return v->ref != NULL;
  if (strncmp(want, "ext:", 4) == 0) {
    w2n_value e;
    return parse_value(want, &e) && e.ref == v->ref;
  }
  return 0;
}

/* ---- commands ---- */

static void ok(const char *line) { printf("ok %s\n", line); }
static void fail(const char *line, const char *why) { printf("fail %s %s\n", line, why); }

static const w2n_module *module_at(const char *index) {
  unsigned m = (unsigned)strtoul(index, NULL, 10);
  return m < spec_module_count ? spec_modules[m] : NULL;
}

static void cmd_module(char **tok, int n) {
  const char *line = tok[1];
  const w2n_module *m = n >= 4 ? module_at(tok[2]) : NULL;
  if (!m) return fail(line, "bad command");
  w2n_extern imports[MAX_VALUES * 4];
  const char *why = NULL;
  if (m->import_count > sizeof imports / sizeof imports[0] || !resolve_imports(m, imports, &why))
    return fail(line, why ? why : "too many imports");
  w2n_instance *inst;
  w2n_error err;
  w2n_result r = w2n_instantiate(m, imports, &inst, &err);
  if (r != W2N_OK) {
    char msg[320];
    snprintf(msg, sizeof msg, "instantiation failed: %s", err.message);
    return fail(line, msg);
  }
  current = inst;
  char *name = unhex(tok[3]);
  if (name && named_count < MAX_NAMED) named[named_count++] = (typeof(named[0])){name, inst};
  ok(line);
}

static void cmd_nomodule(char **tok, int n) {
  current = NULL;
  char *name = n >= 2 ? unhex(tok[1]) : NULL;
  if (name && named_count < MAX_NAMED) named[named_count++] = (typeof(named[0])){name, NULL};
}

static void cmd_uninstantiable_or_unlinkable(char **tok, int n, int unlinkable) {
  const char *line = tok[1];
  const w2n_module *m = n >= 3 ? module_at(tok[2]) : NULL;
  if (!m) return fail(line, "bad command");
  w2n_extern imports[MAX_VALUES * 4];
  const char *why = NULL;
  if (m->import_count > sizeof imports / sizeof imports[0]) return fail(line, "too many imports");
  if (!resolve_imports(m, imports, &why)) return unlinkable ? ok(line) : fail(line, why);
  w2n_instance *inst;
  w2n_error err;
  w2n_result r = w2n_instantiate(m, imports, &inst, &err);
  if (unlinkable) {
    if (r == W2N_ERROR_LINK) return ok(line);
    return fail(line, r == W2N_OK ? "linked" : w2n_result_message(r));
  }
  char *text = n >= 4 ? unhex(tok[3]) : NULL;
  if (w2n_result_is_trap(r) && text && text_matches(w2n_result_message(r), text)) ok(line);
  else fail(line, r == W2N_OK ? "instantiated" : w2n_result_message(r));
  free(text);
}

static void cmd_register(char **tok, int n) {
  if (n < 3 || registered_count >= MAX_NAMED) return;
  w2n_instance *inst = lookup(tok[2]);
  if (inst) registered[registered_count++] = (typeof(registered[0])){unhex(tok[1]), inst};
}

static void cmd_invoke(char **tok, int n, int is_get) {
  const char *line = tok[1];
  if (n < 4) return fail(line, "bad command");
  w2n_instance *inst = lookup(tok[2]);
  size_t length = 0;
  char *field = unhex_n(tok[3], &length);
  int32_t index = inst && field ? w2n_export_index_n(w2n_instance_module(inst), field, length) : -1;
  free(field);
  if (index < 0) return fail(line, "no such instance or export");
  w2n_extern ext;
  if (w2n_instance_export(inst, (uint32_t)index, &ext) != W2N_OK) return fail(line, "export");
  int t = 4;
  w2n_value args[MAX_VALUES], results[MAX_VALUES];
  w2n_result r = W2N_OK;
  if (is_get) {
    if (ext.kind != W2N_EXTERN_GLOBAL) return fail(line, "not a global");
    results[0] = *ext.u.global.value;
  } else {
    int nargs = t < n ? atoi(tok[t++]) : -1;
    if (nargs < 0 || nargs > MAX_VALUES || t + nargs > n) return fail(line, "bad arguments");
    for (int k = 0; k < nargs; k++)
      if (!parse_value(tok[t++], &args[k])) return fail(line, "unsupported argument");
    memset(results, 0, sizeof results);
    r = w2n_call(&ext, args, results);
  }
  const char *mode = t < n ? tok[t++] : "";
  if (strcmp(mode, "trap") == 0) {
    char *text = t < n ? unhex(tok[t]) : NULL;
    if (w2n_result_is_trap(r) && text && text_matches(w2n_result_message(r), text)) ok(line);
    else fail(line, r == W2N_OK ? "returned instead of trapping" : w2n_result_message(r));
    free(text);
    return;
  }
  if (strcmp(mode, "exception") == 0) { /* assert_exception: an exception no wasm handler caught */
    if (r == W2N_EXCEPTION) ok(line);
    else fail(line, r == W2N_OK ? "returned instead of throwing" : w2n_result_message(r));
    return;
  }
  if (r != W2N_OK) return fail(line, w2n_result_message(r));
  if (strcmp(mode, "run") == 0) return ok(line);
  if (strcmp(mode, "either") == 0) {
    int alternatives = t < n ? atoi(tok[t++]) : 0;
    for (int k = 0; k < alternatives && t + k < n; k++)
      if (result_matches(&results[0], tok[t + k])) return ok(line);
    return fail(line, "result matches none of the alternatives");
  }
  int nres = t < n ? atoi(tok[t++]) : -1;
  if (nres < 0 || nres > MAX_VALUES || t + nres > n) return fail(line, "bad results");
  for (int k = 0; k < nres; k++, t++)
    if (!result_matches(&results[k], tok[t])) {
      char got[96], msg[256];
      describe(&results[k], tok[t], got, sizeof got);
      snprintf(msg, sizeof msg, "result %d: got %s, want %s", k, got, tok[t]);
      return fail(line, msg);
    }
  ok(line);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s SCRIPT\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  static char buf[1 << 16];
  while (fgets(buf, sizeof buf, f)) {
    char *tok[4 * MAX_VALUES + 16];
    int n = 0;
    for (char *p = strtok(buf, " \n"); p && n < (int)(sizeof tok / sizeof tok[0]); p = strtok(NULL, " \n"))
      tok[n++] = p;
    if (n == 0) continue;
    if (strcmp(tok[0], "module") == 0) cmd_module(tok, n);
    else if (strcmp(tok[0], "nomodule") == 0) cmd_nomodule(tok, n);
    else if (strcmp(tok[0], "uninstantiable") == 0) cmd_uninstantiable_or_unlinkable(tok, n, 0);
    else if (strcmp(tok[0], "unlinkable") == 0) cmd_uninstantiable_or_unlinkable(tok, n, 1);
    else if (strcmp(tok[0], "register") == 0) cmd_register(tok, n);
    else if (strcmp(tok[0], "invoke") == 0) cmd_invoke(tok, n, 0);
    else if (strcmp(tok[0], "get") == 0) cmd_invoke(tok, n, 1);
    else fail(n > 1 ? tok[1] : "0", "unknown command");
  }
  fclose(f);
  return 0;
}
