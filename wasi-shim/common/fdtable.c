/* wasi-shim/common/fdtable.c: the table mapping WASI file descriptors to host descriptors, for every OS.
 *
 * 0, 1 and 2 are stdio (the process's own in an executable, what the host chose for an embedded
 * instance); the preopened directories follow from 3 in order; path_open takes the lowest free slot.
 * The host side of an entry is the OS's (fdtable.h); closing it is wasi_host_close.
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

static void close_entry(wasi_fd *e) {
  wasi_host_close(e);
  e->used = 0;
}

int32_t wasi_fd_new(uint32_t from, int exact, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *fd_out,
                    wasi_fd **out) {
  uint32_t fd = from;
  while (!exact && fd < WASI->fd_count && WASI->fds[fd].used) fd++;
  int32_t err = slot_at(fd);
  if (err) return err;
  wasi_fd *e = &WASI->fds[fd];
  if (e->used) close_entry(e);
  memset(e, 0, sizeof *e);
  e->used = 1;
  e->filetype = filetype;
  e->rights_base = base;
  e->rights_inheriting = inh;
  *fd_out = fd;
  *out = e;
  return 0;
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
 * Only whole entries move, so the table never holds two slots for one host descriptor (closing one
 * would leave the other naming a host descriptor the OS may hand to something else), and a guest
 * number never reaches a host descriptor the table did not already hold. */
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

/* Closes every descriptor of the current guest and frees its table (an embedded instance's end). */
void wasi_fdtable_free(void) {
  wasi_state *s = WASI;
  for (uint32_t fd = 0; fd < s->fd_count; fd++)
    if (s->fds[fd].used) close_entry(&s->fds[fd]);
  w2n_free(s->fds);
  s->fds = NULL;
  s->fd_count = 0;
}
