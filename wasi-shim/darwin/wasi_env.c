/* wasi-shim/darwin/wasi_env.c: WASI process-level calls on macOS: args, environment, random, exit.
 *
 * argv is the process's, argv[0] included. As on Linux the guest's environment is only what the
 * module was compiled with (w2n_config_env) plus the run-time W2N_ENV_<NAME>=VALUE variables of the
 * host environment (NAME=VALUE for the guest, replacing a compiled-in NAME); W2N_INVOKE picks the
 * export to run (src/invoke.c). Nothing else of the host environment reaches the guest. A set-user-ID
 * or set-group-ID program (issetugid, macOS's AT_SECURE) ignores run-time configuration, as on
 * Linux. Preopened directories and sockets do not exist yet on macOS: a module compiled with --dir
 * or --tcp-listen, or a W2N_DIR or W2N_TCP_LISTEN variable, is refused at start-up rather than run
 * without what it was granted. random_get uses getentropy (macOS 10.12+: the kernel's CSPRNG, at
 * most 256 bytes a call).
 */
#include "wasi.h"

wasi_state wasi_process; /* the guest's argv (rt.h); the other members are Linux's */
extern const char *const w2n_config_tcp_listen[] __attribute__((weak));
static const char **wasi_env;
static uint32_t wasi_env_count;

static int starts_with(const char *s, const char *prefix) {
  return w2n_strncmp(s, prefix, w2n_strlen(prefix)) == 0;
}

/* Length of NAME in "NAME=VALUE". */
static size_t name_len(const char *s) {
  size_t n = 0;
  while (s[n] && s[n] != '=') n++;
  return n;
}

static void add_env(const char *entry, uint32_t cap) {
  size_t n = name_len(entry);
  for (uint32_t i = 0; i < wasi_env_count; i++)
    if (name_len(wasi_env[i]) == n && w2n_strncmp(wasi_env[i], entry, n) == 0) {
      wasi_env[i] = entry;
      return;
    }
  if (wasi_env_count == cap) w2n_fatal("too many environment entries");
  wasi_env[wasi_env_count++] = entry;
}

/* Called by start-up (os/darwin/start.c) with dyld's argv and envp. */
void w2n_darwin_wasi_init(int argc, char **argv, char **envp) {
  WASI->argc = argc;
  WASI->argv = argv;
  if (w2n_config_dirs[0])
    w2n_fatal("preopened directories (--dir) are not implemented on macOS yet");
  if (w2n_config_tcp_listen && w2n_config_tcp_listen[0])
    w2n_fatal("sockets (--tcp-listen) are not implemented on macOS yet");

  uint32_t host_count = 0, config_count = 0;
  int secure = issetugid();
  for (char **e = envp; !secure && *e; e++) host_count++;
  while (w2n_config_env[config_count]) config_count++;
  uint32_t cap = config_count + host_count + 1;
  wasi_env = w2n_alloc(cap * sizeof(char *));
  if (!wasi_env) w2n_fatal("out of memory reading the environment");
  for (uint32_t i = 0; i < config_count; i++) add_env(w2n_config_env[i], cap);
  for (char **p = envp; !secure && *p; p++) {
    const char *e = *p;
    if (starts_with(e, "W2N_ENV_") && e[8] && e[8] != '=' && e[name_len(e)] == '=') add_env(e + 8, cap);
    else if (starts_with(e, "W2N_INVOKE=")) w2n_invoke_env = e + 11;
    else if (starts_with(e, "W2N_DIR=") || starts_with(e, "W2N_DIR_"))
      w2n_fatal("preopened directories (W2N_DIR) are not implemented on macOS yet");
    else if (starts_with(e, "W2N_TCP_LISTEN=") || starts_with(e, "W2N_TCP_LISTEN_"))
      w2n_fatal("sockets (W2N_TCP_LISTEN) are not implemented on macOS yet");
  }
  wasi_env[wasi_env_count] = NULL;
}

int32_t w2n_wasi_args_sizes_get(w2n_memory *m, int32_t argc_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argc_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_args_get(w2n_memory *m, int32_t argv_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argv_ptr, (uint32_t)buf_ptr);
}
int32_t w2n_wasi_environ_sizes_get(w2n_memory *m, int32_t count_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, wasi_env, wasi_env_count, (uint32_t)count_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_environ_get(w2n_memory *m, int32_t env_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, wasi_env, wasi_env_count, (uint32_t)env_ptr, (uint32_t)buf_ptr);
}

int32_t w2n_wasi_random_get(w2n_memory *m, int32_t buf, int32_t len) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, (uint32_t)len);
  if (!p) return WASI_EFAULT;
  for (uint32_t done = 0; done < (uint32_t)len;) {
    uint32_t chunk = (uint32_t)len - done > 256 ? 256 : (uint32_t)len - done;
    if (getentropy(p + done, chunk) < 0) return WASI_EIO;
    done += chunk;
  }
  return 0;
}

void w2n_wasi_proc_exit(w2n_memory *m, int32_t code) {
  (void)m;
  w2n_os_exit(code);
}

/* Raising signals in the guest is not supported (removed from later WASI versions). */
int32_t w2n_wasi_proc_raise(w2n_memory *m, int32_t sig) {
  (void)m; (void)sig;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sched_yield(w2n_memory *m) {
  (void)m;
  sched_yield();
  return 0;
}
