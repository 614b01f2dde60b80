/* wasi-shim/linux/config.c: an executable's WASI set-up on Linux: the configuration (read by
 * common/config.c) opened into the guest's fd table.
 *
 * The executable has one guest, whose state is wasi_process; w2n_wasi_init, called by the runtime's
 * start-up code, fills it: argv, environment, fd table (stdio, preopens, listening sockets). When the
 * kernel marks the process as secure-execution (AT_SECURE: set-user-ID, set-group-ID or file
 * capabilities), run-time configuration (the W2N_* variables) is ignored entirely, so an unprivileged
 * caller cannot widen a privileged program's sandbox.
 */
#include "wasi.h"
#include "../common/config.h"

wasi_state wasi_process;

#define AT_NULL 0
#define AT_SECURE 23

static int secure_execution(char **envp) {
  char **p = envp;
  while (*p) p++;
  for (uintptr_t *aux = (uintptr_t *)(p + 1); aux[0] != AT_NULL; aux += 2)
    if (aux[0] == AT_SECURE) return aux[1] != 0;
  return 0;
}

/* Stdio is the process's own 0, 1 and 2. Preopens: "HOST::GUEST" or "HOST" (guest name = host
 * path), then the listening sockets. A directory that cannot be opened or a socket that cannot
 * listen is a configuration error, reported before the module starts. */
static void fdtable_init(const char *const *dirs, const char *const *listens) {
  for (int fd = 0; fd < 3; fd++)
    if (wasi_fd_add_stdio((uint32_t)fd, fd)) w2n_fatal("cannot allocate the WASI fd table");
  for (const char *const *d = dirs; *d; d++) {
    const char *guest;
    char *host = wasi_config_split_dir(*d, &guest);
    long fd = sys_openat(W2N_AT_FDCWD, host, W2N_O_PATH | W2N_O_DIRECTORY | W2N_O_CLOEXEC, 0);
    if (fd < 0) wasi_config_error("cannot open directory ", host, "");
    w2n_free(host);
    if (wasi_fd_add_preopen((int)fd, guest)) w2n_fatal("cannot allocate the WASI fd table");
  }
  for (const char *const *l = listens; *l; l++) {
    const char *why = wasi_sock_listen(*l);
    if (why) wasi_config_error("cannot listen on ", *l, why);
  }
}

void w2n_wasi_init(int argc, char **argv) {
  wasi_process.argc = argc;
  wasi_process.argv = argv;
  /* The kernel puts envp right after argv's terminating NULL. It is read only for the runtime's own
   * W2N_* configuration variables; the guest never sees the host environment. */
  char **envp = argv + argc + 1;
  wasi_config config;
  wasi_config_read(envp, !secure_execution(envp), &config);
  fdtable_init(config.dirs, config.listens);
}
