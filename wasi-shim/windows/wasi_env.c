/* wasi-shim/windows/wasi_env.c: WASI process-level set-up and calls on Windows: the fd table's start,
 * args, environment, random, exit.
 *
 * argv is the command line split by Microsoft's rules (os/windows/cmdline.c), argv[0] included. The
 * configuration is read as on Linux (common/config.c): the guest's environment is only what the
 * module was compiled with plus W2N_ENV_<NAME>=VALUE variables; --dir and W2N_DIR* preopen
 * directories; W2N_INVOKE picks the export to run (src/invoke.c); W2N_FD_RENUMBER as on Linux.
 * Nothing else of the host environment reaches the guest. Sockets do not exist yet on Windows: a
 * module compiled with --tcp-listen, or a W2N_TCP_LISTEN variable, is refused at start-up rather than
 * run without what it was granted.
 */
#include "wasi.h"
#include "../common/config.h"

wasi_state wasi_process;

/* The standard handles are the process's: closing the guest's fd only forgets them (the runtime
 * reports traps on them). */
void wasi_host_close(wasi_fd *e) {
  if (e->handle && !e->is_std) CloseHandle(e->handle);
  if (e->scan) CloseHandle(e->scan);
}

/* The host environment's W2N_* variables as UTF-8 "NAME=VALUE" strings (NULL-terminated): the only
 * part of it the runtime reads, and the guest never sees. */
static char **runtime_variables(void) {
  WCHAR *block = GetEnvironmentStringsW();
  uint32_t count = 0, n = 0;
  for (WCHAR *p = block; p && *p; p += w2n_wcslen(p) + 1) count++;
  char **vars = w2n_alloc((count + 1) * sizeof(char *));
  if (!vars) w2n_fatal("out of memory reading the environment");
  for (WCHAR *p = block; p && *p; p += w2n_wcslen(p) + 1) {
    if (!(p[0] == 'W' && p[1] == '2' && p[2] == 'N' && p[3] == '_')) continue;
    if (!(vars[n++] = w2n_utf16_to_utf8(p, w2n_wcslen(p), NULL))) w2n_fatal("out of memory reading the environment");
  }
  vars[n] = NULL;
  if (block) FreeEnvironmentStringsW(block);
  return vars;
}

#define OPEN_EXISTING 3u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u /* lets CreateFileW open a directory */

/* A preopened directory: the host path (UTF-8, relative to the current directory or absolute, as any
 * Windows program takes it) opened with CreateFileW, in the lowest free slot from 3. */
static void add_preopen(const char *spec) {
  const char *guest;
  char *host = wasi_config_split_dir(spec, &guest);
  size_t n = w2n_strlen(host);
  WCHAR *wpath = w2n_alloc((n + 1) * sizeof(WCHAR));
  if (!wpath) w2n_fatal("out of memory");
  long wlen = w2n_utf8_to_utf16(host, n, wpath, n);
  if (wlen < 0) wasi_config_error("cannot open directory ", host, " (not UTF-8)");
  wpath[wlen] = 0;
  HANDLE h = CreateFileW(wpath, FILE_READ_DATA | FILE_TRAVERSE | FILE_READ_ATTRIBUTES | SYNCHRONIZE, FILE_SHARE_ALL,
                         NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (h == INVALID_HANDLE_VALUE) wasi_config_error("cannot open directory ", host, "");
  if (wasi_handle_filetype(h) != WASI_FILETYPE_DIRECTORY) wasi_config_error("cannot open directory ", host, " (not a directory)");
  w2n_free(wpath);
  w2n_free(host);
  uint32_t fd;
  wasi_fd *e;
  if (wasi_fd_new(3, 0, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_DIRECTORY_BASE, WASI_RIGHTS_DIRECTORY_INHERITING, &fd, &e))
    w2n_fatal("cannot allocate the WASI fd table");
  e->handle = h;
  e->preopen_name = guest;
}

void w2n_wasi_init(int argc, char **argv) {
  WASI->argc = argc;
  WASI->argv = argv;
  wasi_config config;
  wasi_config_read(runtime_variables(), 1, &config);
  if (config.listens[0]) w2n_fatal("sockets (--tcp-listen, W2N_TCP_LISTEN) are not implemented on Windows yet");
  /* Stdio: the process's standard handles; a missing one (no console) leaves its fd closed. */
  static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
  for (uint32_t i = 0; i < 3; i++) {
    HANDLE h = GetStdHandle(which[i]);
    if (!h || h == INVALID_HANDLE_VALUE) continue;
    uint8_t type = wasi_handle_filetype(h);
    uint32_t fd;
    wasi_fd *e;
    if (wasi_fd_new(i, 1, type, wasi_max_rights(type), 0, &fd, &e)) w2n_fatal("cannot allocate the WASI fd table");
    e->handle = h;
    e->is_std = 1;
  }
  for (const char **d = config.dirs; *d; d++) add_preopen(*d);
}

int32_t w2n_wasi_args_sizes_get(w2n_memory *m, int32_t argc_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argc_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_args_get(w2n_memory *m, int32_t argv_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argv_ptr, (uint32_t)buf_ptr);
}
int32_t w2n_wasi_environ_sizes_get(w2n_memory *m, int32_t count_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, WASI->env, WASI->env_count, (uint32_t)count_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_environ_get(w2n_memory *m, int32_t env_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, WASI->env, WASI->env_count, (uint32_t)env_ptr, (uint32_t)buf_ptr);
}

int32_t w2n_wasi_random_get(w2n_memory *m, int32_t buf, int32_t len) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, (uint32_t)len);
  if (!p) return WASI_EFAULT;
  if ((uint32_t)len && !SystemFunction036(p, (uint32_t)len)) return WASI_EIO;
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
  SwitchToThread();
  return 0;
}
