/* embed/wasi.c: WASI preview1 for embedded instances: the executables' shim, one sandbox per instance.
 *
 * SECURITY-CRITICAL: this decides which host directories and descriptors an instance can reach.
 *
 * The shim (wasi-shim/linux) is linked into libw2nembed.a unchanged except for where its state lives:
 * every guest's fd table, argv and environment are one wasi_state (rt.h), and the shim reaches the
 * current one as WASI, which here is the thread-local wasi_current. A w2n_wasi wraps one wasi_state,
 * the instance's memory 0 and the exit status. w2n_wasi_instantiate binds each wasi_snapshot_preview1
 * import the shim implements to a host function of this file (ctx: the w2n_wasi), which sets
 * wasi_current and calls the shim's w2n_wasi_NAME(memory 0, params...), exactly what an executable's
 * generated wrapper calls. The calls come through the generated host adapter, so the module object is
 * the same whether or not its host uses this file.
 *
 * Types are checked: each import's signature string must be the preview1 one, since the host
 * functions read their w2n_value arguments by position and type. proc_exit is not the shim's (which
 * ends the process): it records the status and unwinds to the host's entry point with W2N_EXIT.
 *
 * Host descriptors given for stdio are duplicated (at 3 or above, so that the shim's rule of never
 * closing 0-2 cannot keep one open) and preopened directories are opened O_PATH, all close-on-exec;
 * the instance owns these copies and w2n_wasi_free closes them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt.h"

/* wasi-shim/linux/fdtable.c (wasi.h, which needs the shim's raw system-call header) */
int32_t wasi_fd_add_stdio(uint32_t guest_fd, int host_fd);
int32_t wasi_fd_add_preopen(int host_fd, const char *name);
void wasi_fd_release(uint32_t fd);
void wasi_fdtable_free(void);

/* embed/entry.c, embed/instance.c */
_Noreturn void w2n_embed_unwind(w2n_result result);
w2n_memory *w2n_embed_memory0(void *instance);
w2n_result w2n_embed_instantiate(const w2n_module *module, const w2n_extern *imports, w2n_instance **out,
                                 w2n_error *err, void (*linked)(void *instance, void *arg), void *arg);

__attribute__((tls_model("initial-exec"))) _Thread_local wasi_state *wasi_current;

/* The shim's string helpers come from the freestanding runtime's string.c, whose memcpy & co. must not
 * replace libc's in a host program: here they are libc's. */
size_t w2n_strlen(const char *s) { return strlen(s); }
int w2n_strncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }

struct w2n_wasi {
  wasi_state state;
  w2n_memory *memory; /* the instance's memory 0 (NULL: none, every pointer faults) */
  int bound;          /* given to an instance */
  int32_t exit_code;
  char **names;       /* preopens' guest names, owned */
  uint32_t name_count;
};

static void use(w2n_wasi *w) { wasi_current = &w->state; }

/* ---- the host functions ---- */

static w2n_memory *enter(void *ctx) {
  w2n_wasi *w = ctx;
  wasi_current = &w->state;
  return w->memory;
}

#define T_i int32_t
#define T_I int64_t
#define V_i(k) args[k].i32
#define V_I(k) args[k].i64
#define S_i "i"
#define S_I "I"

/* Every preview1 function the shim implements but proc_exit, by parameter types (the result is i32). */
#define WASI_FUNCTIONS                                                                                  \
  F2(args_get, i, i) F2(args_sizes_get, i, i) F2(environ_get, i, i) F2(environ_sizes_get, i, i)         \
  F2(clock_res_get, i, i) F3(clock_time_get, i, I, i) F4(fd_advise, i, I, I, i) F3(fd_allocate, i, I, I) \
  F1(fd_close, i) F1(fd_datasync, i) F2(fd_fdstat_get, i, i) F2(fd_fdstat_set_flags, i, i)              \
  F3(fd_fdstat_set_rights, i, I, I) F2(fd_filestat_get, i, i) F2(fd_filestat_set_size, i, I)            \
  F4(fd_filestat_set_times, i, I, I, i) F5(fd_pread, i, i, i, I, i) F2(fd_prestat_get, i, i)            \
  F3(fd_prestat_dir_name, i, i, i) F5(fd_pwrite, i, i, i, I, i) F4(fd_read, i, i, i, i)                  \
  F5(fd_readdir, i, i, i, I, i) F2(fd_renumber, i, i) F4(fd_seek, i, I, i, i) F1(fd_sync, i)            \
  F2(fd_tell, i, i) F4(fd_write, i, i, i, i) F3(path_create_directory, i, i, i)                          \
  F5(path_filestat_get, i, i, i, i, i) F7(path_filestat_set_times, i, i, i, i, I, I, i)                  \
  F7(path_link, i, i, i, i, i, i, i) F9(path_open, i, i, i, i, i, I, I, i, i)                            \
  F6(path_readlink, i, i, i, i, i, i) F3(path_remove_directory, i, i, i) F6(path_rename, i, i, i, i, i, i) \
  F5(path_symlink, i, i, i, i, i) F3(path_unlink_file, i, i, i) F4(poll_oneoff, i, i, i, i)              \
  F2(random_get, i, i) F0(sched_yield) F3(sock_accept, i, i, i) F6(sock_recv, i, i, i, i, i, i)          \
  F5(sock_send, i, i, i, i, i) F2(sock_shutdown, i, i)

/* First pass: the shim's prototype and a host function calling it. */
#define HOST(n, ...)                                                                                     \
  int32_t w2n_wasi_##n(w2n_memory *, ##__VA_ARGS__);                                                      \
  static int32_t h_##n(void *ctx, const w2n_value *args, w2n_value *results)
#define F0(n)                                                                                            \
  HOST(n) { (void)args; results[0].i32 = w2n_wasi_##n(enter(ctx)); return 0; }
#define F1(n, a)                                                                                         \
  HOST(n, T_##a) { results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0)); return 0; }
#define F2(n, a, b)                                                                                      \
  HOST(n, T_##a, T_##b) { results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1)); return 0; }
#define F3(n, a, b, c)                                                                                   \
  HOST(n, T_##a, T_##b, T_##c) {                                                                         \
    results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2));                             \
    return 0;                                                                                            \
  }
#define F4(n, a, b, c, d)                                                                                \
  HOST(n, T_##a, T_##b, T_##c, T_##d) {                                                                  \
    results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2), V_##d(3));                   \
    return 0;                                                                                            \
  }
#define F5(n, a, b, c, d, e)                                                                             \
  HOST(n, T_##a, T_##b, T_##c, T_##d, T_##e) {                                                           \
    results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2), V_##d(3), V_##e(4));         \
    return 0;                                                                                            \
  }
#define F6(n, a, b, c, d, e, f)                                                                          \
  HOST(n, T_##a, T_##b, T_##c, T_##d, T_##e, T_##f) {                                                    \
    results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2), V_##d(3), V_##e(4), V_##f(5)); \
    return 0;                                                                                            \
  }
#define F7(n, a, b, c, d, e, f, g)                                                                       \
  HOST(n, T_##a, T_##b, T_##c, T_##d, T_##e, T_##f, T_##g) {                                             \
    results[0].i32 =                                                                                     \
        w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2), V_##d(3), V_##e(4), V_##f(5), V_##g(6));  \
    return 0;                                                                                            \
  }
#define F9(n, a, b, c, d, e, f, g, h, i)                                                                 \
  HOST(n, T_##a, T_##b, T_##c, T_##d, T_##e, T_##f, T_##g, T_##h, T_##i) {                               \
    results[0].i32 = w2n_wasi_##n(enter(ctx), V_##a(0), V_##b(1), V_##c(2), V_##d(3), V_##e(4), V_##f(5), \
                                  V_##g(6), V_##h(7), V_##i(8));                                         \
    return 0;                                                                                            \
  }
WASI_FUNCTIONS
#undef F0
#undef F1
#undef F2
#undef F3
#undef F4
#undef F5
#undef F6
#undef F7
#undef F9

/* proc_exit ends the call, not the process: the status is kept for w2n_wasi_exit_code. */
static int32_t h_proc_exit(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)results;
  ((w2n_wasi *)ctx)->exit_code = args[0].i32;
  w2n_embed_unwind(W2N_EXIT);
}

/* Second pass: the table of names, signature strings and host functions. */
typedef struct wasi_function {
  const char *name, *type;
  w2n_host_fn fn;
} wasi_function;

#define F0(n) {#n, "_i", h_##n},
#define F1(n, a) {#n, S_##a "_i", h_##n},
#define F2(n, a, b) {#n, S_##a S_##b "_i", h_##n},
#define F3(n, a, b, c) {#n, S_##a S_##b S_##c "_i", h_##n},
#define F4(n, a, b, c, d) {#n, S_##a S_##b S_##c S_##d "_i", h_##n},
#define F5(n, a, b, c, d, e) {#n, S_##a S_##b S_##c S_##d S_##e "_i", h_##n},
#define F6(n, a, b, c, d, e, f) {#n, S_##a S_##b S_##c S_##d S_##e S_##f "_i", h_##n},
#define F7(n, a, b, c, d, e, f, g) {#n, S_##a S_##b S_##c S_##d S_##e S_##f S_##g "_i", h_##n},
#define F9(n, a, b, c, d, e, f, g, h, i) {#n, S_##a S_##b S_##c S_##d S_##e S_##f S_##g S_##h S_##i "_i", h_##n},
static const wasi_function functions[] = {WASI_FUNCTIONS{"proc_exit", "i_", h_proc_exit}};

static const wasi_function *find_function(const w2n_import_info *info) {
  static const char module[] = "wasi_snapshot_preview1";
  if (info->kind != W2N_EXTERN_FUNC || info->module_length != sizeof module - 1 ||
      memcmp(info->module, module, sizeof module) != 0)
    return NULL;
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
    if (strlen(functions[i].name) == info->name_length && strcmp(functions[i].name, info->name) == 0)
      return &functions[i];
  return NULL;
}

/* ---- configuration ---- */

/* A duplicate of fd numbered 3 or above (the shim never closes 0-2), close-on-exec; -1 on failure. */
static int own_fd(int fd) { return fcntl(fd, F_DUPFD_CLOEXEC, 3); }

w2n_result w2n_wasi_set_stdio(w2n_wasi *w, int guest_fd, int host_fd) {
  if (!w || guest_fd < 0 || guest_fd > 2) return W2N_ERROR_ARGUMENT;
  int fd = -1;
  if (host_fd >= 0 && (fd = own_fd(host_fd)) < 0) return W2N_ERROR_ARGUMENT;
  use(w);
  wasi_fd_release((uint32_t)guest_fd);
  if (fd >= 0 && wasi_fd_add_stdio((uint32_t)guest_fd, fd) != 0) {
    close(fd);
    return W2N_ERROR_RESOURCES;
  }
  return W2N_OK;
}

w2n_result w2n_wasi_create(w2n_wasi **out) {
  *out = NULL;
  w2n_wasi *w = calloc(1, sizeof *w);
  if (!w) return W2N_ERROR_RESOURCES;
  w->exit_code = -1;
  w->state.argv = calloc(1, sizeof(char *));
  w->state.env = calloc(1, sizeof(char *));
  if (!w->state.argv || !w->state.env) {
    w2n_wasi_free(w);
    return W2N_ERROR_RESOURCES;
  }
  /* The process's stdio, as an executable has it; a closed one stays closed for the guest. */
  for (int fd = 0; fd < 3; fd++) {
    w2n_result r = w2n_wasi_set_stdio(w, fd, fd);
    if (r == W2N_ERROR_RESOURCES) {
      w2n_wasi_free(w);
      return r;
    }
  }
  *out = w;
  return W2N_OK;
}

static void free_vector(char **v, uint32_t n) {
  if (!v) return;
  for (uint32_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

void w2n_wasi_free(w2n_wasi *w) {
  if (!w) return;
  use(w);
  wasi_fdtable_free();
  wasi_current = NULL;
  free_vector(w->state.argv, (uint32_t)w->state.argc);
  free_vector((char **)w->state.env, w->state.env_count);
  free_vector(w->names, w->name_count);
  free(w);
}

/* A copy of v[0..n) with a NULL after it, every string copied; NULL when out of memory. */
static char **copy_vector(const char *const *v, uint32_t n) {
  char **c = calloc(n + 1, sizeof *c);
  if (!c) return NULL;
  for (uint32_t i = 0; i < n; i++)
    if (!(c[i] = strdup(v[i]))) {
      free_vector(c, i);
      return NULL;
    }
  return c;
}

w2n_result w2n_wasi_set_args(w2n_wasi *w, int argc, const char *const *argv) {
  if (!w || argc < 0 || (argc && !argv)) return W2N_ERROR_ARGUMENT;
  for (int i = 0; i < argc; i++)
    if (!argv[i]) return W2N_ERROR_ARGUMENT;
  char **c = copy_vector(argv, (uint32_t)argc);
  if (!c) return W2N_ERROR_RESOURCES;
  free_vector(w->state.argv, (uint32_t)w->state.argc);
  w->state.argv = c;
  w->state.argc = argc;
  return W2N_OK;
}

w2n_result w2n_wasi_set_env(w2n_wasi *w, const char *name, const char *value) {
  if (!w || !name || !value || !*name || strchr(name, '=')) return W2N_ERROR_ARGUMENT;
  size_t n = strlen(name);
  char *entry = malloc(n + strlen(value) + 2);
  if (!entry) return W2N_ERROR_RESOURCES;
  sprintf(entry, "%s=%s", name, value);
  char **env = (char **)w->state.env;
  for (uint32_t i = 0; i < w->state.env_count; i++)
    if (strncmp(env[i], entry, n + 1) == 0) {
      free(env[i]);
      env[i] = entry;
      return W2N_OK;
    }
  env = realloc(env, (w->state.env_count + 2) * sizeof *env);
  if (!env) {
    free(entry);
    return W2N_ERROR_RESOURCES;
  }
  env[w->state.env_count++] = entry;
  env[w->state.env_count] = NULL;
  w->state.env = (const char **)env;
  return W2N_OK;
}

w2n_result w2n_wasi_preopen_dir(w2n_wasi *w, const char *host_dir, const char *guest_name) {
  if (!w || !host_dir || !guest_name) return W2N_ERROR_ARGUMENT;
  int fd = open(host_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return W2N_ERROR_ARGUMENT;
  if (fd < 3) { /* the process's stdio was closed: move it out of the range the shim never closes */
    int moved = own_fd(fd);
    close(fd);
    if ((fd = moved) < 0) return W2N_ERROR_RESOURCES;
  }
  char **names = realloc(w->names, (w->name_count + 1) * sizeof *names);
  char *name = strdup(guest_name);
  if (names) w->names = names;
  if (!names || !name) {
    free(name);
    close(fd);
    return W2N_ERROR_RESOURCES;
  }
  use(w);
  if (wasi_fd_add_preopen(fd, name) != 0) {
    free(name);
    close(fd);
    return W2N_ERROR_RESOURCES;
  }
  w->names[w->name_count++] = name;
  return W2N_OK;
}

int32_t w2n_wasi_exit_code(const w2n_wasi *w) { return w->exit_code; }

/* ---- instantiation ---- */

static void bind_memory(void *instance, void *arg) { ((w2n_wasi *)arg)->memory = w2n_embed_memory0(instance); }

w2n_result w2n_wasi_instantiate(const w2n_module *module, w2n_wasi *w, const w2n_extern *imports,
                                w2n_instance **out, w2n_error *err) {
  *out = NULL;
  if (err) err->message[0] = 0;
  if (!w || w->bound) return W2N_ERROR_ARGUMENT;
  uint32_t n = module->import_count;
  w2n_extern *all = calloc(n ? n : 1, sizeof *all);
  if (!all) return W2N_ERROR_RESOURCES;
  for (uint32_t i = 0; i < n; i++) {
    const w2n_import_info *info = &module->imports[i];
    const wasi_function *f = find_function(info);
    const char *why = NULL;
    if (f && strcmp(f->type, info->type) != 0) {
      why = "incompatible import type: not the WASI function's signature";
    } else if (f) {
      all[i].kind = W2N_EXTERN_HOST_FUNC;
      all[i].u.host.fn = f->fn;
      all[i].u.host.ctx = w;
    } else if (imports) {
      all[i] = imports[i];
    } else {
      why = "unknown import: not a WASI function, and the host gave no imports";
    }
    if (why) {
      if (err)
        snprintf(err->message, sizeof err->message, "%s: import %u \"%s\" \"%s\" (type %s)", why, i, info->module,
                 info->name, info->type);
      free(all);
      return W2N_ERROR_LINK;
    }
  }
  /* Bound even if instantiation fails: a trap may leave the instance's functions in an imported table. */
  w->bound = 1;
  w2n_result r = w2n_embed_instantiate(module, all, out, err, bind_memory, w);
  free(all);
  return r;
}
