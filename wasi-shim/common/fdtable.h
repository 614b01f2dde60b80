/* wasi-shim/common/fdtable.h: the WASI fd table every OS's shim shares (fdtable.c beside this).
 *
 * WASI fds are indices into a growable array of wasi_fd, one array per guest (WASI->fds, rt.h). What
 * an entry means to the guest (type, rights, preopen name) is OS-independent; what it holds on the
 * host is the OS's: its wasi.h defines WASI_HOST_FD_FIELDS (Linux: an fd number; Windows: a HANDLE)
 * before including this header, and implements wasi_host_close, which the table calls when an entry
 * is closed or replaced. Host descriptors are never exposed to the guest, so a guest can only reach
 * what its table hands it.
 */
#ifndef W2N_WASI_FDTABLE_H
#define W2N_WASI_FDTABLE_H

#include <stdint.h>

typedef struct wasi_fd {
  int used;
  uint8_t filetype;
  const char *preopen_name; /* guest name of a preopened directory, else NULL */
  uint64_t rights_base, rights_inheriting;
  WASI_HOST_FD_FIELDS
} wasi_fd;

/* The OS's part of closing an entry (the table then marks it unused). */
void wasi_host_close(wasi_fd *e);

wasi_fd *wasi_fd_get(uint32_t fd); /* NULL if not open */
/* Looks fd up and checks that its base rights hold all of `rights`: 0, WASI_EBADF or WASI_ENOTCAPABLE. */
int32_t wasi_fd_lookup(uint32_t fd, uint64_t rights, wasi_fd **out);
/* The rights an fd of this filetype can hold at most (base; inheriting is 0 except for directories). */
uint64_t wasi_max_rights(uint8_t filetype);
/* A new zeroed entry in the lowest free slot at or above `from` (or exactly slot `from` when `exact`,
 * closing what was there), with used, filetype and rights set; the caller fills the host fields.
 * 0 or WASI_EMFILE / WASI_ENOMEM. The pointer is valid until the table next grows. */
int32_t wasi_fd_new(uint32_t from, int exact, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *fd_out,
                    wasi_fd **out);
void wasi_fd_release(uint32_t fd); /* closes the entry and frees the slot */
/* fd_renumber; WASI->renumber_lenient says whether it may target an unopened fd (fdtable.c). */
int32_t wasi_fd_renumber(uint32_t from, uint32_t to);
void wasi_fdtable_free(void); /* closes everything at the end of a guest */

#endif
