/* wasi-shim/common/config.c: an executable's WASI configuration: compiled-in tables plus run-time additions.
 *
 * The executable has one guest, whose state is wasi_process; the OS's w2n_wasi_init (called by the
 * runtime's start-up code) reads the configuration here, then opens what it names (stdio, preopens,
 * listening sockets). (An embedded instance is configured through the C API instead:
 * runtime-lib/embed/wasi.c.)
 *
 * The compiler bakes --dir, --env and --tcp-listen into w2n_config_dirs, w2n_config_env and
 * w2n_config_tcp_listen. Whoever runs the executable can add to or override them through variables
 * of the host process's environment (docs/wasi.md), one entry per variable so that no separator
 * character is ever reserved inside a path or value:
 *
 *   W2N_DIR=HOST[::GUEST], W2N_DIR_<any suffix>=HOST[::GUEST]   preopen a directory; an entry whose
 *       GUEST name equals a compiled-in one replaces it (same fd), others are appended, in the byte
 *       order of the variable names
 *   W2N_ENV_<NAME>=VALUE      the guest sees NAME=VALUE (overriding a compiled-in NAME)
 *   W2N_TCP_LISTEN=ADDR:PORT, W2N_TCP_LISTEN_<any suffix>=ADDR:PORT   add a listening socket
 *   W2N_FD_RENUMBER=strict|lenient   whether fd_renumber may target an unopened fd (common/fdtable.c)
 *   W2N_INVOKE=NAME           the export the executable calls (runtime-lib/src/invoke.c)
 *
 * Nothing else of the host environment ever reaches the guest, and these variables themselves are
 * not visible to it (they only steer the runtime). Defaults grant nothing. The OS decides whether
 * run-time configuration is used at all (Linux ignores it in a secure-execution process).
 */
#include "wasi.h"
#include "config.h"
#include "os.h"

extern const char *const w2n_config_tcp_listen[] __attribute__((weak));

static int starts_with(const char *s, const char *prefix) {
  size_t n = w2n_strlen(prefix);
  return w2n_strncmp(s, prefix, n) == 0;
}

/* Compares two "NAME=..." strings by NAME (bytes before '='). */
static int name_cmp(const char *a, const char *b) {
  for (;; a++, b++) {
    unsigned char ca = *a == '=' ? 0 : (unsigned char)*a, cb = *b == '=' ? 0 : (unsigned char)*b;
    if (ca != cb || !ca) return (int)ca - (int)cb;
  }
}

/* Host variables named BASE or BASE_<suffix>, sorted by name; returns their count. */
static uint32_t collect(char **envp, const char *base, const char **out, uint32_t cap) {
  size_t n = w2n_strlen(base);
  uint32_t count = 0;
  for (char **e = envp; *e; e++) {
    const char *s = *e;
    if (w2n_strncmp(s, base, n) != 0 || (s[n] != '=' && s[n] != '_')) continue;
    if (count == cap) w2n_fatal("too many run-time configuration variables");
    uint32_t i = count++;
    while (i > 0 && name_cmp(out[i - 1], s) > 0) { out[i] = out[i - 1]; i--; }
    out[i] = s;
  }
  return count;
}

static int str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static const char *value_of(const char *var) {
  while (*var != '=') var++;
  return var + 1;
}

/* The guest name of a "HOST[::GUEST]" entry. */
static const char *guest_name(const char *spec) {
  for (const char *p = spec; *p; p++)
    if (p[0] == ':' && p[1] == ':') return p + 2;
  return spec;
}

static uint32_t count_list(const char *const *v) {
  uint32_t n = 0;
  if (v)
    while (v[n]) n++;
  return n;
}

static const char **alloc_list(uint32_t n) {
  const char **v = w2n_alloc((n + 1) * sizeof *v);
  if (!v) w2n_fatal("out of memory");
  return v;
}

_Noreturn void wasi_config_error(const char *what, const char *arg, const char *detail) {
  w2n_puts_err("wasm2native: ");
  w2n_puts_err(what);
  w2n_puts_err(arg);
  w2n_puts_err(detail);
  w2n_puts_err("\n");
  w2n_os_exit(1);
}

#define MAX_RUNTIME_VARS 256

void wasi_config_read(char **envp, int use_runtime, wasi_config *out) {
  static const char *rt[MAX_RUNTIME_VARS];

  /* Environment: compiled-in entries, then W2N_ENV_NAME=VALUE overriding by NAME. */
  uint32_t nenv = count_list(w2n_config_env), extra = 0;
  if (use_runtime)
    for (char **e = envp; *e; e++) extra += starts_with(*e, "W2N_ENV_");
  const char **env = alloc_list(nenv + extra);
  for (uint32_t i = 0; i < nenv; i++) env[i] = w2n_config_env[i];
  if (use_runtime) {
    for (char **e = envp; *e; e++) {
      if (!starts_with(*e, "W2N_ENV_")) continue;
      const char *entry = *e + 8; /* "NAME=VALUE" */
      if (entry[0] == '=') {
        wasi_config_error("invalid run-time variable ", *e, " (expected W2N_ENV_<NAME>=VALUE)");
      }
      uint32_t i = 0;
      while (i < nenv && name_cmp(env[i], entry) != 0) i++;
      env[i] = entry;
      if (i == nenv) nenv++;
    }
  }
  env[nenv] = 0;
  WASI->env = env;
  WASI->env_count = nenv;

  /* Directories: compiled-in, then W2N_DIR*, replacing by guest name. */
  uint32_t ndirs = count_list(w2n_config_dirs);
  uint32_t nrt = use_runtime ? collect(envp, "W2N_DIR", rt, MAX_RUNTIME_VARS) : 0;
  const char **dirs = alloc_list(ndirs + nrt);
  for (uint32_t i = 0; i < ndirs; i++) dirs[i] = w2n_config_dirs[i];
  for (uint32_t k = 0; k < nrt; k++) {
    const char *spec = value_of(rt[k]);
    if (!*spec) wasi_config_error("invalid run-time variable ", rt[k], " (expected W2N_DIR=HOST or HOST::GUEST)");
    const char *g = guest_name(spec);
    uint32_t i = 0;
    while (i < ndirs && !str_eq(guest_name(dirs[i]), g)) i++;
    dirs[i] = spec;
    if (i == ndirs) ndirs++;
  }
  dirs[ndirs] = 0;

  /* Listening sockets: compiled-in, then W2N_TCP_LISTEN*. */
  uint32_t nlisten = count_list(w2n_config_tcp_listen);
  nrt = use_runtime ? collect(envp, "W2N_TCP_LISTEN", rt, MAX_RUNTIME_VARS) : 0;
  const char **listens = alloc_list(nlisten + nrt);
  for (uint32_t i = 0; i < nlisten; i++) listens[i] = w2n_config_tcp_listen[i];
  for (uint32_t k = 0; k < nrt; k++) listens[nlisten++] = value_of(rt[k]);
  listens[nlisten] = 0;

  /* fd_renumber onto an unopened fd: refused (strict, the default) or allowed (lenient). It moves
   * only the guest's own descriptors either way, so it is no widening of the sandbox. */
  if (use_runtime) {
    for (char **e = envp; *e; e++) {
      if (!starts_with(*e, "W2N_FD_RENUMBER=")) continue;
      const char *v = value_of(*e);
      if (str_eq(v, "lenient")) WASI->renumber_lenient = 1;
      else if (str_eq(v, "strict")) WASI->renumber_lenient = 0;
      else wasi_config_error("invalid run-time variable ", *e, " (expected W2N_FD_RENUMBER=strict or lenient)");
    }
  }

  /* W2N_INVOKE=NAME: the export an executable calls instead of its default (runtime-lib/src/invoke.c). */
  if (use_runtime)
    for (char **e = envp; *e; e++)
      if (starts_with(*e, "W2N_INVOKE=")) w2n_invoke_env = value_of(*e);

  out->dirs = dirs;
  out->listens = listens;
}

char *wasi_config_split_dir(const char *spec, const char **guest) {
  size_t n = w2n_strlen(spec), host_len = n;
  *guest = spec;
  for (size_t i = 0; i + 1 < n; i++)
    if (spec[i] == ':' && spec[i + 1] == ':') { host_len = i; *guest = spec + i + 2; break; }
  char *host = w2n_alloc(host_len + 1);
  if (!host) w2n_fatal("out of memory");
  memcpy(host, spec, host_len);
  host[host_len] = 0;
  return host;
}

