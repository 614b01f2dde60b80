/* wasi-shim/linux/wasi.h: internal declarations of the Linux WASI (wasi_snapshot_preview1) shim.
 *
 * The shim implements each WASI import as `int32_t w2n_wasi_NAME(w2n_memory *memory, params...)`
 * (see runtime-lib/include/w2n_abi.h). Guest pointers are 32-bit offsets into memory->base; every
 * one is checked against memory->size_bytes with 64-bit arithmetic before use (guest_ptr) and an
 * out-of-range pointer yields WASI errno 21 (fault). This header holds the WASI constants and
 * layouts, the fd table's host side (fdtable.c), the path sandbox (sandbox.c) and errno translation (errno.c).
 * Everything a guest owns (fd table, argv, environment) is in its wasi_state, reached as WASI (rt.h).
 */
#ifndef W2N_WASI_H
#define W2N_WASI_H

#include <stdint.h>

#include "rt.h"
#include "sys.h"

/* The WASI constants, layouts and guest-memory helpers, the fd table and the helpers every OS shares.
 * An entry's host side: the host fd, and for a preopen (an O_PATH fd, is_path_fd) a lazily opened
 * readable fd for readdir (dir_fd, or -1). */
#define WASI_HOST_FD_FIELDS                                                                               \
  int host_fd;                                                                                            \
  int is_path_fd;                                                                                         \
  int dir_fd;
#include "../common/wasi_common.h"

/* ---- errno.c ---- */
int32_t wasi_errno_from_linux(long neg_or_pos_errno);
/* Result of a raw syscall that returns 0 on success. */
static inline int32_t wasi_result(long r) { return r < 0 ? wasi_errno_from_linux(r) : WASI_ESUCCESS; }

/* ---- fdtable.c (the table itself is common/fdtable.c) ---- */
int32_t wasi_fd_insert(int host_fd, uint8_t filetype, uint64_t base, uint64_t inh, uint32_t *out);
uint8_t wasi_filetype_from_mode(uint32_t mode);
/* Setting up a guest's table: stdio slot 0-2 as host_fd; a preopened directory (an O_PATH fd, put in
 * the lowest free slot from 3) named `name` (kept, not copied). */
int32_t wasi_fd_add_stdio(uint32_t guest_fd, int host_fd);
int32_t wasi_fd_add_preopen(int host_fd, const char *name);

/* ---- wasi_sock.c ---- */
/* A listening TCP socket for "ADDR:PORT" appended to the fd table: NULL, or why it failed. */
const char *wasi_sock_listen(const char *spec);

/* ---- sandbox.c ---- */
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
