/* wasi-shim/common/paths.c: helpers shared by every OS's path_*, filestat and readdir calls: copying a
 * guest path out of linear memory, path_open's checks and rights, checking filestat time flags, and
 * packing filestat and dirent records in WASI's layout.
 */
#include "wasi.h"

int32_t wasi_copy_path(w2n_memory *m, uint32_t ptr, uint32_t len, char *buf) {
  uint8_t *p = guest_ptr(m, ptr, len);
  if (!p) return WASI_EFAULT;
  if (len >= WASI_PATH_MAX) return WASI_ENAMETOOLONG;
  for (uint32_t i = 0; i < len; i++)
    if (p[i] == 0) return WASI_EINVAL; /* a NUL would silently shorten the path */
  memcpy(buf, p, len);
  buf[len] = 0;
  return 0;
}

int32_t wasi_path_open_begin(w2n_memory *m, int32_t fd, uint32_t path, uint32_t path_len, int32_t oflags,
                             int32_t fdflags, char *buf, wasi_fd **out) {
  int32_t err = wasi_copy_path(m, path, path_len, buf);
  if (err) return err;
  wasi_fd *dir = wasi_fd_get((uint32_t)fd);
  if (!dir) return WASI_EBADF;
  if (dir->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  if ((oflags & ~0xf) || (fdflags & ~0x1f)) return WASI_EINVAL;
  uint64_t need = WASI_RIGHT_PATH_OPEN | ((oflags & WASI_OFLAG_CREAT) ? WASI_RIGHT_PATH_CREATE_FILE : 0);
  if ((dir->rights_base & need) != need) return WASI_ENOTCAPABLE;
  if ((oflags & WASI_OFLAG_TRUNC) && !(dir->rights_base & WASI_RIGHT_PATH_FILESTAT_SET_SIZE)) return WASI_EPERM;
  *out = dir;
  return 0;
}

int wasi_open_access(uint64_t rb) {
  int read = (rb & (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR)) != 0;
  int write = (rb & (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE |
                     WASI_RIGHT_FD_FILESTAT_SET_SIZE)) != 0;
  return (read ? WASI_WANT_READ : 0) | (write ? WASI_WANT_WRITE : 0);
}

void wasi_open_rights(const wasi_fd *dir, uint8_t filetype, uint64_t rights_base, uint64_t rights_inheriting,
                      uint64_t *base, uint64_t *inheriting) {
  *base = rights_base & dir->rights_inheriting & wasi_max_rights(filetype);
  *inheriting = filetype == WASI_FILETYPE_DIRECTORY ? rights_inheriting & dir->rights_inheriting : 0;
}

int32_t wasi_check_fstflags(int32_t fst) {
  if (fst & ~0xf) return WASI_EINVAL;
  if ((fst & WASI_FSTFLAG_ATIM) && (fst & WASI_FSTFLAG_ATIM_NOW)) return WASI_EINVAL;
  if ((fst & WASI_FSTFLAG_MTIM) && (fst & WASI_FSTFLAG_MTIM_NOW)) return WASI_EINVAL;
  return 0;
}

void wasi_pack_filestat(uint8_t *p, uint64_t dev, uint64_t ino, uint8_t filetype, uint64_t nlink, uint64_t size,
                        uint64_t atim, uint64_t mtim, uint64_t ctim) {
  memset(p, 0, 64);
  put_u64(p, dev);
  put_u64(p + 8, ino);
  put_u8(p + 16, filetype);
  put_u64(p + 24, nlink);
  put_u64(p + 32, size);
  put_u64(p + 40, atim);
  put_u64(p + 48, mtim);
  put_u64(p + 56, ctim);
}

void wasi_pack_dirent(uint8_t *out, uint32_t cap, uint32_t *used, uint64_t next_cookie, uint64_t ino, uint8_t filetype,
                      const char *name, uint32_t namlen) {
  uint8_t hdr[24];
  memset(hdr, 0, sizeof hdr);
  put_u64(hdr, next_cookie);
  put_u64(hdr + 8, ino);
  put_u32(hdr + 16, namlen);
  put_u8(hdr + 20, filetype);
  uint32_t u = *used;
  uint32_t k = cap - u < 24 ? cap - u : 24;
  memcpy(out + u, hdr, k);
  u += k;
  k = cap - u < namlen ? cap - u : namlen;
  memcpy(out + u, name, k);
  *used = u + k;
}
