/* wasi-shim/linux/fdtable.c: the table mapping WASI file descriptors to host file descriptors.
 *
 * WASI fds are indices into a growable array of wasi_fd. 0, 1 and 2 are the host's stdio; the
 * preopened directories from w2n_config_dirs follow from 3 in order; path_open takes the lowest
 * free slot. Host fds are opened O_CLOEXEC and never exposed to the guest, so a guest can only
 * reach host fds that this table hands it.
 */
#include "wasi.h"

static wasi_fd *table;
static uint32_t table_len;

#define MAX_FDS (1u << 20)

wasi_fd *wasi_fd_get(uint32_t fd) {
  if (fd >= table_len || !table[fd].used) return NULL;
  return &table[fd];
}

int32_t wasi_fd_lookup(uint32_t fd, uint64_t rights, wasi_fd **out) {
  wasi_fd *e = wasi_fd_get(fd);
  if (!e) return WASI_EBADF;
  if ((e->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
  *out = e;
  return 0;
}

uint64_t wasi_max_rights(uint8_t filetype) {
  switch (filetype) {
  case WASI_FILETYPE_DIRECTORY: return WASI_RIGHTS_DIRECTORY_BASE;
  case WASI_FILETYPE_SOCKET_STREAM:
  case WASI_FILETYPE_SOCKET_DGRAM: return WASI_RIGHTS_SOCKET_BASE;
  default: return WASI_RIGHTS_FILE_BASE;
  }
}

uint8_t wasi_filetype_from_mode(uint32_t mode) {
  switch (mode & W2N_S_IFMT) {
  case W2N_S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
  case W2N_S_IFDIR: return WASI_FILETYPE_DIRECTORY;
  case W2N_S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case W2N_S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case W2N_S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case W2N_S_IFSOCK: return WASI_FILETYPE_SOCKET_STREAM;
  default: return WASI_FILETYPE_UNKNOWN; /* FIFOs have no WASI type */
  }
}

static int32_t slot_at(uint32_t fd) {
  if (fd >= MAX_FDS) return WASI_EMFILE;
  if (fd >= table_len) {
    uint32_t n = table_len ? table_len : 16;
    while (n <= fd) n *= 2;
    wasi_fd *t = w2n_realloc(table, n * sizeof *t);
    if (!t) return WASI_ENOMEM;
    table = t; /* w2n_realloc zero-fills the new part (fresh mapping) */
    table_len = n;
  }
  return 0;
}

int32_t wasi_fd_insert(int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out) {
  uint32_t fd = 0;
  while (fd < table_len && table[fd].used) fd++;
  int32_t err = slot_at(fd);
  if (err) return err;
  wasi_fd *e = &table[fd];
  memset(e, 0, sizeof *e);
  e->used = 1;
  e->host_fd = host_fd;
  e->dir_fd = -1;
  e->filetype = filetype;
  e->rights_base = base;
  e->rights_inheriting = inh;
  *out = fd;
  return 0;
}

/* Closes a guest descriptor. The process's own stdin, stdout and stderr stay open (as in Wasmtime,
 * whose guest closes only its handle): closed, their numbers would go to the next file the guest
 * opens, and the runtime's reports on fd 2 (traps, fatal errors) would be written into it. */
static void close_entry(wasi_fd *e) {
  if (e->dir_fd >= 0) sys_close(e->dir_fd);
  if (e->host_fd > 2) sys_close(e->host_fd);
  e->used = 0;
}

void wasi_fd_release(uint32_t fd) {
  wasi_fd *e = wasi_fd_get(fd);
  if (e) close_entry(e);
}

/* fd_renumber(from, to): `from`'s descriptor replaces the open descriptor `to` (closed first,
 * whatever it is: stdio, a preopen, a socket) and `from` becomes free. from == to is a no-op that
 * still requires `from` to be open; `from` not open is EBADF and changes nothing.
 *
 * An unopened `to` is where runtimes differ (docs/wasi.md). By default it is EBADF, as in
 * Wasmtime's WASIp1 today (main, and its June 2026 patch releases), Node's uvwasi, WAMR, and the
 * official wasi-testsuite (rust/renumber asserts it). Wasmer, and Wasmtime from its July 2025
 * fd_renumber fix until June 2026, instead let the slot be taken, and real programs rely on that:
 * one that moves stdout aside to a free number, moves a log file onto 1 and later moves stdout back
 * loses its stdout when the first move fails. W2N_FD_RENUMBER=lenient at run time (config.c) gives
 * that behaviour: a closed slot, or one past the end of the table (which grows), is taken.
 *
 * Only whole entries move, so the table never holds two slots for one host fd (closing one would
 * leave the other naming a host fd number the kernel may hand to something else), and a guest
 * number never reaches a host fd the table did not already hold. */
int wasi_renumber_lenient;

int32_t wasi_fd_renumber(uint32_t from, uint32_t to) {
  if (!wasi_fd_get(from)) return WASI_EBADF;
  if (!wasi_renumber_lenient && !wasi_fd_get(to)) return WASI_EBADF;
  if (from == to) return 0;
  /* Above MAX_FDS the table does not grow: ENOMEM, as Wasmtime's preview1 adapter answers for a
   * number its fixed table cannot hold. */
  if (to >= MAX_FDS) return WASI_ENOMEM;
  int32_t err = slot_at(to); /* may move the table: take the entries' addresses afterwards */
  if (err) return err;
  wasi_fd *f = &table[from], *t = &table[to];
  if (t->used) close_entry(t);
  *t = *f;
  memset(f, 0, sizeof *f);
  return 0;
}

static void add_stdio(int fd) {
  struct w2n_statx st;
  uint8_t type = WASI_FILETYPE_UNKNOWN;
  if (sys_statx(fd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st) == 0) type = wasi_filetype_from_mode(st.stx_mode);
  if (slot_at((uint32_t)fd)) w2n_fatal("cannot allocate the WASI fd table");
  wasi_fd *e = &table[fd];
  e->used = 1;
  e->host_fd = fd;
  e->dir_fd = -1;
  e->filetype = type;
  e->rights_base = wasi_max_rights(type);
  e->rights_inheriting = type == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_DIRECTORY_INHERITING : 0;
}

_Noreturn void wasi_config_error(const char *what, const char *arg, const char *detail) {
  w2n_puts_err("wasm2native: ");
  w2n_puts_err(what);
  w2n_puts_err(arg);
  w2n_puts_err(detail);
  w2n_puts_err("\n");
  sys_exit_group(1);
}

void wasi_sock_listen(const char *spec);

/* Preopens: "HOST::GUEST" or "HOST" (guest name = host path), then the listening sockets (config.c
 * merges the compiled-in and run-time lists). A directory that cannot be opened is a configuration
 * error, reported before the module starts. */
void wasi_fdtable_init(const char *const *dirs, const char *const *listens);
void wasi_fdtable_init(const char *const *dirs, const char *const *listens) {
  for (int fd = 0; fd < 3; fd++) add_stdio(fd);
  for (const char *const *d = dirs; *d; d++) {
    const char *spec = *d;
    size_t n = w2n_strlen(spec), host_len = n;
    const char *guest = spec;
    for (size_t i = 0; i + 1 < n; i++)
      if (spec[i] == ':' && spec[i + 1] == ':') { host_len = i; guest = spec + i + 2; break; }
    char *host = w2n_alloc(host_len + 1);
    if (!host) w2n_fatal("out of memory");
    memcpy(host, spec, host_len);
    host[host_len] = 0;
    long fd = sys_openat(W2N_AT_FDCWD, host, W2N_O_PATH | W2N_O_DIRECTORY | W2N_O_CLOEXEC, 0);
    if (fd < 0) wasi_config_error("cannot open directory ", host, "");
    w2n_free(host);
    uint32_t wfd;
    if (wasi_fd_insert((int)fd, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_DIRECTORY_BASE,
                       WASI_RIGHTS_DIRECTORY_INHERITING, &wfd))
      w2n_fatal("cannot allocate the WASI fd table");
    table[wfd].is_path_fd = 1;
    table[wfd].preopen_name = guest;
  }
  for (const char *const *l = listens; *l; l++) wasi_sock_listen(*l);
}
