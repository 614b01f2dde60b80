/* wasi-shim/darwin/wasi_fd.c: WASI descriptors on macOS: fd 0-2, the standard descriptors.
 *
 * fd_read and fd_write use read and write on the same descriptor number, retrying when a signal
 * interrupts them (EINTR); a short transfer returns what was moved. fd_fdstat_get reports the file
 * type from fstat's st_mode (a terminal is a character device, a pipe "unknown" as Linux reports
 * FIFOs), with a file's rights as on Linux. fd_close only forgets the descriptor (the standard
 * error stays open for the runtime's own trap reports). There are no other descriptors yet (no
 * preopened directories), so every other fd is EBADF; the rest of the fd_* calls on stdio are in
 * wasi_unimplemented.c.
 */
#include "wasi.h"

static int closed[3];

int wasi_std_fd(uint32_t fd) { return fd <= 2 && !closed[fd] ? (int)fd : -1; }

static int32_t wasi_errno(int e) {
  switch (e) {
  case EBADF: return WASI_EBADF;
  case EPIPE: return WASI_EPIPE;
  case EAGAIN: return WASI_EAGAIN;
  default: return WASI_EIO;
  }
}

/* The iovec array (8 bytes each: buf, len), checked. */
static int32_t do_io(w2n_memory *m, int32_t fd, uint32_t iovs, uint32_t n, int out, uint32_t result_ptr) {
  uint8_t *piov = guest_ptr(m, iovs, (uint64_t)n * 8), *pres = guest_ptr(m, result_ptr, 4);
  if (!piov || !pres) return WASI_EFAULT;
  int host = wasi_std_fd((uint32_t)fd);
  if (host < 0) return WASI_EBADF;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = get_u32(piov + 8 * i + 4);
    uint8_t *buf = guest_ptr(m, get_u32(piov + 8 * i), len);
    if (!buf) return WASI_EFAULT;
    if (len == 0) continue;
    ssize_t done;
    do done = out ? write(host, buf, len) : read(host, buf, len);
    while (done < 0 && *__error() == EINTR);
    if (done < 0) {
      if (total) break; /* report what was transferred; the error comes again next time */
      return wasi_errno(*__error());
    }
    total += (uint64_t)done;
    if ((uint32_t)done < len) break;
  }
  put_u32(pres, (uint32_t)total);
  return 0;
}

int32_t w2n_wasi_fd_read(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nread) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, 0, (uint32_t)nread);
}
int32_t w2n_wasi_fd_write(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nwritten) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, 1, (uint32_t)nwritten);
}

int32_t w2n_wasi_fd_fdstat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 24);
  if (!p) return WASI_EFAULT;
  int host = wasi_std_fd((uint32_t)fd);
  w2n_darwin_stat st;
  if (host < 0 || fstat(host, &st) < 0) return WASI_EBADF;
  uint8_t type = WASI_FILETYPE_UNKNOWN;
  switch (st.st_mode & S_IFMT) {
  case S_IFCHR: type = WASI_FILETYPE_CHARACTER_DEVICE; break;
  case S_IFREG: type = WASI_FILETYPE_REGULAR_FILE; break;
  case S_IFDIR: type = WASI_FILETYPE_DIRECTORY; break;
  case S_IFBLK: type = WASI_FILETYPE_BLOCK_DEVICE; break;
  case S_IFSOCK: type = WASI_FILETYPE_SOCKET_STREAM; break;
  default: break;
  }
  memset(p, 0, 24);
  put_u8(p, type);
  put_u64(p + 8, WASI_RIGHTS_FILE_BASE); /* what Linux gives a stdio fd that is not a directory or socket */
  return 0;
}

int32_t w2n_wasi_fd_close(w2n_memory *m, int32_t fd) {
  (void)m;
  if (wasi_std_fd((uint32_t)fd) < 0) return WASI_EBADF;
  closed[fd] = 1;
  return 0;
}

/* No preopened directories: wasi-libc's start-up scan stops at the first EBADF (fd 3). */
int32_t w2n_wasi_fd_prestat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  (void)m; (void)fd; (void)buf;
  return WASI_EBADF;
}
int32_t w2n_wasi_fd_prestat_dir_name(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  (void)m; (void)fd; (void)path; (void)len;
  return WASI_EBADF;
}
