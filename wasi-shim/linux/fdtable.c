/* wasi-shim/linux/fdtable.c: the table mapping WASI file descriptors to host file descriptors.
 *
 * WASI fds are indices into a growable array of wasi_fd, one array per guest (WASI->fds, rt.h). 0, 1
 * and 2 are stdio (the process's own in an executable, what the host chose for an embedded
 * instance); the preopened directories follow from 3 in order; path_open takes the lowest free slot.
 * Host fds are opened O_CLOEXEC and never exposed to the guest, so a guest can only reach host fds
 * that its table hands it.
 */
#include "wasi.h"

#define MAX_FDS (1u << 20)

wasi_fd *wasi_fd_get(uint32_t fd) {
  wasi_state *s = WASI;
  if (fd >= s->fd_count || !s->fds[fd].used) return NULL;
  return &s->fds[fd];
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
  wasi_state *s = WASI;
  if (fd >= MAX_FDS) return WASI_EMFILE;
  if (fd >= s->fd_count) {
    uint32_t n = s->fd_count ? s->fd_count : 16;
    while (n <= fd) n *= 2;
    wasi_fd *t = w2n_realloc(s->fds, n * sizeof *t);
    if (!t) return WASI_ENOMEM;
    /* The embedding runtime's realloc is libc's, which leaves the new part uninitialised. */
    memset(t + s->fd_count, 0, (n - s->fd_count) * sizeof *t);
    s->fds = t;
    s->fd_count = n;
  }
  return 0;
}

/* Takes the lowest free slot at or above `from`. */
static int32_t insert_from(uint32_t from, int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out) {
  uint32_t fd = from;
  while (fd < WASI->fd_count && WASI->fds[fd].used) fd++;
  int32_t err = slot_at(fd);
  if (err) return err;
  wasi_fd *e = &WASI->fds[fd];
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

int32_t wasi_fd_insert(int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out) {
  return insert_from(0, host_fd, filetype, base, inh, out);
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
int32_t wasi_fd_renumber(uint32_t from, uint32_t to) {
  if (!wasi_fd_get(from)) return WASI_EBADF;
  if (!WASI->renumber_lenient && !wasi_fd_get(to)) return WASI_EBADF;
  if (from == to) return 0;
  /* Above MAX_FDS the table does not grow: ENOMEM, as Wasmtime's preview1 adapter answers for a
   * number its fixed table cannot hold. */
  if (to >= MAX_FDS) return WASI_ENOMEM;
  int32_t err = slot_at(to); /* may move the table: take the entries' addresses afterwards */
  if (err) return err;
  wasi_fd *f = &WASI->fds[from], *t = &WASI->fds[to];
  if (t->used) close_entry(t);
  *t = *f;
  memset(f, 0, sizeof *f);
  return 0;
}

/* Stdio slot guest_fd (0, 1 or 2) becomes host_fd, whose type is looked up. */
int32_t wasi_fd_add_stdio(uint32_t guest_fd, int host_fd) {
  struct w2n_statx st;
  uint8_t type = WASI_FILETYPE_UNKNOWN;
  if (sys_statx(host_fd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st) == 0) type = wasi_filetype_from_mode(st.stx_mode);
  int32_t err = slot_at(guest_fd);
  if (err) return err;
  wasi_fd *e = &WASI->fds[guest_fd];
  memset(e, 0, sizeof *e);
  e->used = 1;
  e->host_fd = host_fd;
  e->dir_fd = -1;
  e->filetype = type;
  e->rights_base = wasi_max_rights(type);
  e->rights_inheriting = type == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_DIRECTORY_INHERITING : 0;
  return 0;
}

/* A preopened directory: host_fd (an O_PATH directory fd) in the lowest free slot from 3, so that a
 * closed stdio slot is never taken, under the guest name `name` (kept, not copied). */
int32_t wasi_fd_add_preopen(int host_fd, const char *name) {
  uint32_t wfd;
  int32_t err = insert_from(3, host_fd, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_DIRECTORY_BASE,
                            WASI_RIGHTS_DIRECTORY_INHERITING, &wfd);
  if (err) return err;
  WASI->fds[wfd].is_path_fd = 1;
  WASI->fds[wfd].preopen_name = name;
  return 0;
}

/* Closes every descriptor of the current guest and frees its table (an embedded instance's end). */
void wasi_fdtable_free(void) {
  wasi_state *s = WASI;
  for (uint32_t fd = 0; fd < s->fd_count; fd++)
    if (s->fds[fd].used) close_entry(&s->fds[fd]);
  w2n_free(s->fds);
  s->fds = NULL;
  s->fd_count = 0;
}
