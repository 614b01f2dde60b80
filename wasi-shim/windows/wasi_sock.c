/* wasi-shim/windows/wasi_sock.c: the WASI socket calls, not implemented on Windows yet.
 *
 * Every import the compiler accepts must link. There are no sockets on Windows yet (--tcp-listen is
 * refused at start-up: wasi_env.c), so a sock_* call on an open fd fails with ENOTSOCK and on any
 * other fd with EBADF, exactly what Linux answers for such fds.
 */
#include "wasi.h"

#define WASI_ENOTSOCK_ 57 /* not in wasi_abi.h: only this file uses it */

static int32_t not_a_socket(int32_t fd) { return wasi_fd_get((uint32_t)fd) ? WASI_ENOTSOCK_ : WASI_EBADF; }

int32_t w2n_wasi_sock_accept(w2n_memory *m, int32_t fd, int32_t flags, int32_t out) {
  (void)m; (void)flags; (void)out;
  return not_a_socket(fd);
}
int32_t w2n_wasi_sock_recv(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t flags, int32_t nread,
                           int32_t oflags) {
  (void)m; (void)iovs; (void)n; (void)flags; (void)nread; (void)oflags;
  return not_a_socket(fd);
}
int32_t w2n_wasi_sock_send(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t flags, int32_t nwritten) {
  (void)m; (void)iovs; (void)n; (void)flags; (void)nwritten;
  return not_a_socket(fd);
}
int32_t w2n_wasi_sock_shutdown(w2n_memory *m, int32_t fd, int32_t how) {
  (void)m; (void)how;
  return not_a_socket(fd);
}
