/* wasi-shim/windows/wasi_fd.c: WASI descriptors on Windows: fd 0-2, the standard handles.
 *
 * fd_read and fd_write use ReadFile and WriteFile on the handle, whatever it is (console, pipe, file
 * redirection); a pipe whose writer is gone reads as end of file, as on Linux. fd_fdstat_get reports
 * the handle's kind from GetFileType: a console is a character device, a redirected file a regular
 * file, a pipe "unknown" (WASI has no pipe type; Linux reports FIFOs the same way), with a file's rights
 * as on Linux (a write to a read-only handle fails in WriteFile, as in write(2)). fd_close only
 * forgets the descriptor (the standard handles stay open for the runtime's own trap reports). There
 * are no other descriptors yet (no preopened directories), so every other fd is EBADF; the rest of
 * the fd_* calls on stdio are in wasi_unimplemented.c.
 */
#include "wasi.h"

static int closed[3];

HANDLE wasi_std_handle(uint32_t fd) {
  static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
  if (fd > 2 || closed[fd]) return NULL;
  HANDLE h = GetStdHandle(which[fd]);
  return h == INVALID_HANDLE_VALUE ? NULL : h;
}

/* The iovec array (8 bytes each: buf, len), checked. */
static int32_t do_io(w2n_memory *m, int32_t fd, uint32_t iovs, uint32_t n, int write, uint32_t result_ptr) {
  uint8_t *piov = guest_ptr(m, iovs, (uint64_t)n * 8), *pres = guest_ptr(m, result_ptr, 4);
  if (!piov || !pres) return WASI_EFAULT;
  HANDLE h = wasi_std_handle((uint32_t)fd);
  if (!h) return WASI_EBADF;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = get_u32(piov + 8 * i + 4);
    uint8_t *buf = guest_ptr(m, get_u32(piov + 8 * i), len);
    if (!buf) return WASI_EFAULT;
    if (len == 0) continue;
    DWORD done = 0;
    BOOL ok = write ? WriteFile(h, buf, len, &done, NULL) : ReadFile(h, buf, len, &done, NULL);
    if (!ok) {
      DWORD err = GetLastError();
      if (!write && (err == ERROR_BROKEN_PIPE || err == ERROR_HANDLE_EOF)) break; /* end of file */
      if (total) break; /* report what was transferred; the error comes again next time */
      return err == ERROR_NO_DATA || err == ERROR_BROKEN_PIPE ? WASI_EPIPE : WASI_EIO;
    }
    total += done;
    if (done < len) break; /* a short read (console line, pipe) or write: return what we have */
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
  HANDLE h = wasi_std_handle((uint32_t)fd);
  if (!h) return WASI_EBADF;
  uint8_t type = WASI_FILETYPE_UNKNOWN;
  switch (GetFileType(h)) {
  case FILE_TYPE_CHAR: type = WASI_FILETYPE_CHARACTER_DEVICE; break;
  case FILE_TYPE_DISK: type = WASI_FILETYPE_REGULAR_FILE; break;
  default: break;
  }
  memset(p, 0, 24);
  put_u8(p, type);
  put_u64(p + 8, WASI_RIGHTS_FILE_BASE); /* what Linux gives a stdio fd that is not a directory or socket */
  return 0;
}

int32_t w2n_wasi_fd_close(w2n_memory *m, int32_t fd) {
  (void)m;
  if (!wasi_std_handle((uint32_t)fd)) return WASI_EBADF;
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
