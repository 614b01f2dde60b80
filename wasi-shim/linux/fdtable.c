/* wasi-shim/linux/fdtable.c: the Linux side of the WASI fd table (the table is common/fdtable.c).
 *
 * An entry holds a host fd, opened O_CLOEXEC; preopened directories are O_PATH fds, with a readable
 * fd opened when readdir first needs one (wasi_fd.c). Stdio is the process's own 0, 1 and 2 (what the
 * host chose for an embedded instance).
 */
#include "wasi.h"

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

/* The process's own stdin, stdout and stderr stay open (as in Wasmtime, whose guest closes only its
 * handle): closed, their numbers would go to the next file the guest opens, and the runtime's reports
 * on fd 2 (traps, fatal errors) would be written into it. */
void wasi_host_close(wasi_fd *e) {
  if (e->dir_fd >= 0) sys_close(e->dir_fd);
  if (e->host_fd > 2) sys_close(e->host_fd);
}

static int32_t insert(uint32_t from, int exact, int host_fd, uint8_t filetype, uint64_t base, uint64_t inh,
                      uint32_t *out, wasi_fd **entry) {
  int32_t err = wasi_fd_new(from, exact, filetype, base, inh, out, entry);
  if (err) return err;
  (*entry)->host_fd = host_fd;
  (*entry)->dir_fd = -1;
  return 0;
}

int32_t wasi_fd_insert(int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out) {
  wasi_fd *e;
  return insert(0, 0, host_fd, filetype, base, inh, out, &e);
}

/* Stdio slot guest_fd (0, 1 or 2) becomes host_fd, whose type is looked up. */
int32_t wasi_fd_add_stdio(uint32_t guest_fd, int host_fd) {
  struct w2n_statx st;
  uint8_t type = WASI_FILETYPE_UNKNOWN;
  if (sys_statx(host_fd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st) == 0) type = wasi_filetype_from_mode(st.stx_mode);
  uint32_t fd;
  wasi_fd *e;
  return insert(guest_fd, 1, host_fd, type, wasi_max_rights(type),
                type == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_DIRECTORY_INHERITING : 0, &fd, &e);
}

/* A preopened directory: host_fd (an O_PATH directory fd) in the lowest free slot from 3, so that a
 * closed stdio slot is never taken, under the guest name `name` (kept, not copied). */
int32_t wasi_fd_add_preopen(int host_fd, const char *name) {
  uint32_t fd;
  wasi_fd *e;
  int32_t err = insert(3, 0, host_fd, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_DIRECTORY_BASE,
                       WASI_RIGHTS_DIRECTORY_INHERITING, &fd, &e);
  if (err) return err;
  e->is_path_fd = 1;
  e->preopen_name = name;
  return 0;
}
