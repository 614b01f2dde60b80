/* wasi-shim/darwin/wasi_unimplemented.c: the WASI calls not implemented on macOS yet.
 *
 * Every import the compiler accepts must link, so each is defined here with the answer that is true
 * today. The only descriptors are the standard descriptors (no preopened directories, no sockets), so:
 *   - a call on any other fd fails with EBADF, exactly as it would on Linux for an unopened fd;
 *   - path_* calls need a directory fd: on fd 0-2 they fail with ENOTDIR;
 *   - sock_* calls on fd 0-2 fail with ENOTSOCK;
 *   - the remaining fd_* calls on fd 0-2 (seek, tell, filestat, pread/pwrite, renumber, sync, flags,
 *     readdir...) fail with ENOSYS: not implemented yet (docs/cross-compilation.md lists them).
 * The file-system part (preopens and the sandbox, from the Linux shim's POSIX logic) is the next step.
 * This file mirrors wasi-shim/windows/wasi_unimplemented.c, which is shrinking as the Windows file
 * system lands; what both still lack should then move to one shared place.
 */
#include "wasi.h"

#define WASI_ENOTSOCK_ 57 /* not in wasi_abi.h: only this file uses it */

static int32_t on_fd(int32_t fd, int32_t error_on_stdio) {
  return wasi_std_fd((uint32_t)fd) >= 0 ? error_on_stdio : WASI_EBADF;
}

#define FD_CALL(name, params, ...)                                                                 \
  int32_t w2n_wasi_##name params {                                                                 \
    (void)m;                                                                                       \
    __VA_ARGS__;                                                                                   \
    return on_fd(fd, WASI_ENOSYS);                                                                 \
  }
#define PATH_CALL(name, params, ...)                                                               \
  int32_t w2n_wasi_##name params {                                                                 \
    (void)m;                                                                                       \
    __VA_ARGS__;                                                                                   \
    return on_fd(fd, WASI_ENOTDIR);                                                                \
  }
#define SOCK_CALL(name, params, ...)                                                               \
  int32_t w2n_wasi_##name params {                                                                 \
    (void)m;                                                                                       \
    __VA_ARGS__;                                                                                   \
    return on_fd(fd, WASI_ENOTSOCK_);                                                              \
  }

FD_CALL(fd_advise, (w2n_memory *m, int32_t fd, int64_t off, int64_t len, int32_t advice), (void)off, (void)len, (void)advice)
FD_CALL(fd_allocate, (w2n_memory *m, int32_t fd, int64_t off, int64_t len), (void)off, (void)len)
FD_CALL(fd_datasync, (w2n_memory *m, int32_t fd), (void)0)
FD_CALL(fd_sync, (w2n_memory *m, int32_t fd), (void)0)
FD_CALL(fd_fdstat_set_flags, (w2n_memory *m, int32_t fd, int32_t flags), (void)flags)
FD_CALL(fd_fdstat_set_rights, (w2n_memory *m, int32_t fd, int64_t base, int64_t inh), (void)base, (void)inh)
FD_CALL(fd_filestat_get, (w2n_memory *m, int32_t fd, int32_t buf), (void)buf)
FD_CALL(fd_filestat_set_size, (w2n_memory *m, int32_t fd, int64_t size), (void)size)
FD_CALL(fd_filestat_set_times, (w2n_memory *m, int32_t fd, int64_t atim, int64_t mtim, int32_t flags), (void)atim, (void)mtim, (void)flags)
FD_CALL(fd_pread, (w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t off, int32_t nread), (void)iovs, (void)n, (void)off, (void)nread)
FD_CALL(fd_pwrite, (w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t off, int32_t nwritten), (void)iovs, (void)n, (void)off, (void)nwritten)
FD_CALL(fd_readdir, (w2n_memory *m, int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used), (void)buf, (void)len, (void)cookie, (void)used)
FD_CALL(fd_seek, (w2n_memory *m, int32_t fd, int64_t off, int32_t whence, int32_t newoff), (void)off, (void)whence, (void)newoff)
FD_CALL(fd_tell, (w2n_memory *m, int32_t fd, int32_t off), (void)off)

int32_t w2n_wasi_fd_renumber(w2n_memory *m, int32_t fd, int32_t to) {
  (void)m;
  if (wasi_std_fd((uint32_t)fd) < 0 || wasi_std_fd((uint32_t)to) < 0) return WASI_EBADF;
  return WASI_ENOSYS;
}

PATH_CALL(path_create_directory, (w2n_memory *m, int32_t fd, int32_t path, int32_t len), (void)path, (void)len)
PATH_CALL(path_filestat_get, (w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf), (void)flags, (void)path, (void)len, (void)buf)
PATH_CALL(path_filestat_set_times, (w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len, int64_t atim, int64_t mtim, int32_t fst), (void)flags, (void)path, (void)len, (void)atim, (void)mtim, (void)fst)
PATH_CALL(path_link, (w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t fd2, int32_t path2, int32_t len2), (void)flags, (void)path, (void)len, (void)fd2, (void)path2, (void)len2)
PATH_CALL(path_open, (w2n_memory *m, int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags, int64_t base, int64_t inh, int32_t fdflags, int32_t out), (void)dirflags, (void)path, (void)len, (void)oflags, (void)base, (void)inh, (void)fdflags, (void)out)
PATH_CALL(path_readlink, (w2n_memory *m, int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buflen, int32_t used), (void)path, (void)len, (void)buf, (void)buflen, (void)used)
PATH_CALL(path_remove_directory, (w2n_memory *m, int32_t fd, int32_t path, int32_t len), (void)path, (void)len)
PATH_CALL(path_rename, (w2n_memory *m, int32_t fd, int32_t path, int32_t len, int32_t fd2, int32_t path2, int32_t len2), (void)path, (void)len, (void)fd2, (void)path2, (void)len2)
PATH_CALL(path_unlink_file, (w2n_memory *m, int32_t fd, int32_t path, int32_t len), (void)path, (void)len)

/* path_symlink names its directory fd second. */
int32_t w2n_wasi_path_symlink(w2n_memory *m, int32_t old_path, int32_t old_len, int32_t fd, int32_t path, int32_t len) {
  (void)m; (void)old_path; (void)old_len; (void)path; (void)len;
  return on_fd(fd, WASI_ENOTDIR);
}

SOCK_CALL(sock_accept, (w2n_memory *m, int32_t fd, int32_t flags, int32_t out), (void)flags, (void)out)
SOCK_CALL(sock_recv, (w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t flags, int32_t nread, int32_t oflags), (void)iovs, (void)n, (void)flags, (void)nread, (void)oflags)
SOCK_CALL(sock_send, (w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t flags, int32_t nwritten), (void)iovs, (void)n, (void)flags, (void)nwritten)
SOCK_CALL(sock_shutdown, (w2n_memory *m, int32_t fd, int32_t how), (void)how)
