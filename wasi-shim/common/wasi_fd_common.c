/* wasi-shim/common/wasi_fd_common.c: the fd_* calls, or parts of them, that are the same on every OS:
 * fd_close, fd_renumber, fd_fdstat_set_rights, fd_prestat_get, fd_prestat_dir_name (only the fd table),
 * and fd_read/fd_write/fd_pread/fd_pwrite/fd_readdir up to the transfer itself (wasi_fd_io and
 * wasi_fd_readdir, the OS's).
 */
#include "wasi.h"

/* Every guest pointer and iovec buffer is validated before any I/O, so a bad iovec cannot leave a
 * partial transfer behind. A transfer that fails after moving some bytes reports those bytes (the
 * error comes again on the next call). */
static int32_t do_io(w2n_memory *m, int32_t fd, uint32_t iovs, uint32_t n, enum wasi_io_kind kind, uint64_t offset,
                     uint32_t result_ptr) {
  static const uint64_t need[4] = {WASI_RIGHT_FD_READ, WASI_RIGHT_FD_WRITE, WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK,
                                   WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_SEEK};
  uint8_t *arr = guest_ptr(m, iovs, (uint64_t)n * 8), *res = guest_ptr(m, result_ptr, 4);
  if (!arr || !res) return WASI_EFAULT;
  for (uint32_t i = 0; i < n; i++)
    if (!guest_ptr(m, get_u32(arr + 8 * i), get_u32(arr + 8 * i + 4))) return WASI_EFAULT;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, need[kind], &e);
  if (err) return err;
  uint64_t total = 0;
  err = wasi_fd_io(m, e, arr, n, kind, offset, &total);
  if (err && total == 0) return err;
  put_u32(res, total > 0xffffffffu ? 0xffffffffu : (uint32_t)total);
  return 0;
}

int32_t w2n_wasi_fd_read(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nread) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, WASI_IO_READ, 0, (uint32_t)nread);
}
int32_t w2n_wasi_fd_write(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nwritten) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, WASI_IO_WRITE, 0, (uint32_t)nwritten);
}
int32_t w2n_wasi_fd_pread(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t offset, int32_t nread) {
  if (offset < 0) return WASI_EINVAL;
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, WASI_IO_PREAD, (uint64_t)offset, (uint32_t)nread);
}
int32_t w2n_wasi_fd_pwrite(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t offset, int32_t nwritten) {
  if (offset < 0) return WASI_EINVAL;
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, WASI_IO_PWRITE, (uint64_t)offset, (uint32_t)nwritten);
}

int32_t w2n_wasi_fd_tell(w2n_memory *m, int32_t fd, int32_t offset_ptr) {
  return w2n_wasi_fd_seek(m, fd, 0, 1, offset_ptr); /* offset 0 from the current position needs only FD_TELL */
}

int32_t w2n_wasi_fd_close(w2n_memory *m, int32_t fd) {
  (void)m;
  if (!wasi_fd_get((uint32_t)fd)) return WASI_EBADF;
  wasi_fd_release((uint32_t)fd);
  return 0;
}

int32_t w2n_wasi_fd_renumber(w2n_memory *m, int32_t from, int32_t to) {
  (void)m;
  return wasi_fd_renumber((uint32_t)from, (uint32_t)to);
}

/* Rights are checked by every call (wasi_fd_lookup) on top of the host descriptor's own open mode;
 * they can only ever be narrowed, as the spec requires. */
int32_t w2n_wasi_fd_fdstat_set_rights(w2n_memory *m, int32_t fd, int64_t base, int64_t inheriting) {
  (void)m;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  if (((uint64_t)base & ~e->rights_base) || ((uint64_t)inheriting & ~e->rights_inheriting)) return WASI_ENOTCAPABLE;
  e->rights_base = (uint64_t)base;
  e->rights_inheriting = (uint64_t)inheriting;
  return 0;
}

int32_t w2n_wasi_fd_prestat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 8);
  if (!p) return WASI_EFAULT;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e || !e->preopen_name) return WASI_EBADF;
  memset(p, 0, 8);
  put_u8(p, 0); /* preopentype dir */
  put_u32(p + 4, (uint32_t)w2n_strlen(e->preopen_name));
  return 0;
}

int32_t w2n_wasi_fd_prestat_dir_name(w2n_memory *m, int32_t fd, int32_t path, int32_t path_len) {
  uint8_t *p = guest_ptr(m, (uint32_t)path, (uint32_t)path_len);
  if (!p) return WASI_EFAULT;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e || !e->preopen_name) return WASI_EBADF;
  size_t n = w2n_strlen(e->preopen_name);
  if ((uint32_t)path_len < n) return WASI_ENAMETOOLONG;
  memcpy(p, e->preopen_name, n);
  return 0;
}

int32_t w2n_wasi_fd_readdir(w2n_memory *m, int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie, int32_t bufused) {
  uint8_t *out = guest_ptr(m, (uint32_t)buf, (uint32_t)buf_len);
  uint8_t *pu = guest_ptr(m, (uint32_t)bufused, 4);
  if (!out || !pu) return WASI_EFAULT;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_READDIR, &e);
  if (err) return err;
  if (e->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  uint32_t used = 0;
  if ((err = wasi_fd_readdir(e, out, (uint32_t)buf_len, (uint64_t)cookie, &used))) return err;
  put_u32(pu, used);
  return 0;
}
