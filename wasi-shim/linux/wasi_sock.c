/* wasi-shim/linux/wasi_sock.c: WASI socket calls, not implemented yet.
 *
 * wasi_snapshot_preview1 has no way to create or preopen sockets through this runtime's
 * configuration, so these calls can only ever see non-socket fds; they return ENOSYS (WASI errno 52)
 * until socket preopens are added.
 */
#include "wasi.h"

int32_t w2n_wasi_sock_accept(w2n_memory *m, int32_t fd, int32_t flags, int32_t fd_ptr) {
  (void)m; (void)fd; (void)flags; (void)fd_ptr;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sock_recv(w2n_memory *m, int32_t fd, int32_t ri_data, int32_t ri_data_len, int32_t ri_flags,
                           int32_t ro_datalen, int32_t ro_flags) {
  (void)m; (void)fd; (void)ri_data; (void)ri_data_len; (void)ri_flags; (void)ro_datalen; (void)ro_flags;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sock_send(w2n_memory *m, int32_t fd, int32_t si_data, int32_t si_data_len, int32_t si_flags,
                           int32_t so_datalen) {
  (void)m; (void)fd; (void)si_data; (void)si_data_len; (void)si_flags; (void)so_datalen;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sock_shutdown(w2n_memory *m, int32_t fd, int32_t how) {
  (void)m; (void)fd; (void)how;
  return WASI_ENOSYS;
}
