/* wasi-shim/linux/wasi.h: internal declarations of the Linux WASI (wasi_snapshot_preview1) shim.
 *
 * The shim implements each WASI import as `int32_t w2n_wasi_NAME(w2n_memory *memory, params...)`
 * (see runtime-lib/include/w2n_abi.h). Guest pointers are 32-bit offsets into memory->base; every
 * one is checked against memory->size_bytes with 64-bit arithmetic before use (guest_ptr) and an
 * out-of-range pointer yields WASI errno 21 (fault). This header holds the WASI constants and
 * layouts, the fd table (fdtable.c), the path sandbox (sandbox.c) and errno translation (errno.c).
 * Everything a guest owns (fd table, argv, environment) is in its wasi_state, reached as WASI (rt.h).
 */
#ifndef W2N_WASI_H
#define W2N_WASI_H

#include <stdint.h>

#include "rt.h"
#include "sys.h"

/* The WASI constants, layouts and guest-memory helpers every OS shares. */
#include "../common/wasi_abi.h"

/* ---- errno.c ---- */
int32_t wasi_errno_from_linux(long neg_or_pos_errno);
/* Result of a raw syscall that returns 0 on success. */
static inline int32_t wasi_result(long r) { return r < 0 ? wasi_errno_from_linux(r) : WASI_ESUCCESS; }

/* ---- fdtable.c ---- */
typedef struct wasi_fd {
  int used;
  int host_fd;
  int is_path_fd;        /* opened with O_PATH (preopens): needs a real fd for readdir */
  int dir_fd;            /* lazily opened readable fd for readdir on a path fd, or -1 */
  uint8_t filetype;
  const char *preopen_name; /* guest name of a preopened directory, else NULL */
  uint64_t rights_base, rights_inheriting;
} wasi_fd;

wasi_fd *wasi_fd_get(uint32_t fd);                 /* NULL if not open */
/* Looks fd up and checks that its base rights hold all of `rights`: 0, WASI_EBADF or WASI_ENOTCAPABLE. */
int32_t wasi_fd_lookup(uint32_t fd, uint64_t rights, wasi_fd **out);
/* The rights an fd of this filetype can hold at most (base; inheriting is 0 except for directories). */
uint64_t wasi_max_rights(uint8_t filetype);
int32_t wasi_fd_insert(int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out);
void wasi_fd_release(uint32_t fd);                 /* frees the slot, closes host fds */
/* fd_renumber; WASI->renumber_lenient says whether it may target an unopened fd (fdtable.c). */
int32_t wasi_fd_renumber(uint32_t from, uint32_t to);
uint8_t wasi_filetype_from_mode(uint32_t mode);
/* Setting up a guest's table: stdio slot 0-2 as host_fd; a preopened directory (an O_PATH fd, put in
 * the lowest free slot from 3) named `name` (kept, not copied); closing everything at the end. */
int32_t wasi_fd_add_stdio(uint32_t guest_fd, int host_fd);
int32_t wasi_fd_add_preopen(int host_fd, const char *name);
void wasi_fdtable_free(void);

/* ---- wasi_sock.c ---- */
/* A listening TCP socket for "ADDR:PORT" appended to the fd table: NULL, or why it failed. */
const char *wasi_sock_listen(const char *spec);

/* ---- sandbox.c ---- */
#define WASI_PATH_MAX 4096

/* Copies a guest path into buf as a C string; fails on fault, embedded NUL, or overlength. */
int32_t wasi_copy_path(w2n_memory *m, uint32_t ptr, uint32_t len, char *buf);
/* Opens `path` beneath directory root_fd with Linux open flags (O_CLOEXEC added); follow == 0 means
 * a final symlink is not followed (O_NOFOLLOW). Returns a host fd or -WASI errno (never a Linux one). */
int sandbox_open(int root_fd, const char *path, int flags, int mode, int follow);
/* Resolves everything but the final component of `path` beneath root_fd: *dir_fd receives an O_PATH
 * fd of the parent (caller closes) and last a component to use with *at calls ("." when the path
 * names a directory such as "a/.."). With follow, a final symlink is expanded (inside the sandbox)
 * until the last component is not a symlink. Returns 0 or a WASI errno. */
int32_t sandbox_parent(int root_fd, const char *path, int follow, int *dir_fd, char *last);
/* Testing hook: pretend openat2 is unavailable, to exercise the portable fallback. */
extern int w2n_sandbox_disable_openat2;

#endif
