/* wasi-shim/linux/wasi_fd.c: WASI calls on open file descriptors (fd_*).
 *
 * Each call looks the WASI fd up in the fd table, validates every guest pointer and iovec against
 * linear memory before doing any I/O, then issues the corresponding Linux syscall on the host fd and
 * translates the result. Vectored I/O is passed to readv/writev in batches so a large iovec array
 * needs no allocation. Directories preopened with O_PATH get a lazily opened readable fd for the
 * calls that O_PATH fds do not support (getdents64, futimens, fsync).
 */
#include "wasi.h"

#define IOV_BATCH 64

/* A host fd on which ordinary syscalls work (not O_PATH), or -1. */
static int io_fd(wasi_fd *e) {
  if (!e->is_path_fd) return e->host_fd;
  if (e->dir_fd < 0) {
    long r = sys_openat(e->host_fd, ".", W2N_O_RDONLY | W2N_O_DIRECTORY | W2N_O_CLOEXEC, 0);
    if (r < 0) return -1;
    e->dir_fd = (int)r;
  }
  return e->dir_fd;
}

enum io_kind { IO_READ, IO_WRITE, IO_PREAD, IO_PWRITE };

static int32_t do_io(w2n_memory *m, int32_t fd, uint32_t iovs, uint32_t iovs_len, enum io_kind kind, uint64_t offset,
                     uint32_t result_ptr) {
  static const uint64_t need[4] = {WASI_RIGHT_FD_READ, WASI_RIGHT_FD_WRITE, WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK,
                                   WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_SEEK};
  uint8_t *arr = guest_ptr(m, iovs, (uint64_t)iovs_len * 8);
  uint8_t *res = guest_ptr(m, result_ptr, 4);
  if (!arr || !res) return WASI_EFAULT;
  /* Validate every buffer first so a bad iovec cannot leave a partial transfer behind. */
  for (uint32_t i = 0; i < iovs_len; i++)
    if (!guest_ptr(m, get_u32(arr + 8 * i), get_u32(arr + 8 * i + 4))) return WASI_EFAULT;
  wasi_fd *e;
  int32_t err = wasi_fd_lookup((uint32_t)fd, need[kind], &e);
  if (err) return err;
  uint64_t total = 0;
  struct w2n_iovec iov[IOV_BATCH];
  for (uint32_t i = 0; i < iovs_len;) {
    int n = 0;
    uint64_t want = 0;
    for (; n < IOV_BATCH && i < iovs_len; n++, i++) {
      uint32_t len = get_u32(arr + 8 * i + 4);
      iov[n].base = m->base + get_u32(arr + 8 * i);
      iov[n].len = len;
      want += len;
    }
    long r;
    switch (kind) {
    case IO_READ: r = sys_readv(e->host_fd, iov, n); break;
    case IO_WRITE: r = sys_writev(e->host_fd, iov, n); break;
    case IO_PREAD: r = sys_preadv(e->host_fd, iov, n, offset + total); break;
    default: r = sys_pwritev(e->host_fd, iov, n, offset + total); break;
    }
    if (r < 0) {
      if (total > 0) break; /* report the bytes already transferred */
      return wasi_errno_from_linux(r);
    }
    total += (uint64_t)r;
    if ((uint64_t)r < want) break;
  }
  put_u32(res, total > 0xffffffffu ? 0xffffffffu : (uint32_t)total);
  return 0;
}

int32_t w2n_wasi_fd_read(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nread) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, IO_READ, 0, (uint32_t)nread);
}
int32_t w2n_wasi_fd_write(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int32_t nwritten) {
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, IO_WRITE, 0, (uint32_t)nwritten);
}
int32_t w2n_wasi_fd_pread(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t offset, int32_t nread) {
  if (offset < 0) return WASI_EINVAL;
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, IO_PREAD, (uint64_t)offset, (uint32_t)nread);
}
int32_t w2n_wasi_fd_pwrite(w2n_memory *m, int32_t fd, int32_t iovs, int32_t n, int64_t offset, int32_t nwritten) {
  if (offset < 0) return WASI_EINVAL;
  return do_io(m, fd, (uint32_t)iovs, (uint32_t)n, IO_PWRITE, (uint64_t)offset, (uint32_t)nwritten);
}

int32_t w2n_wasi_fd_seek(w2n_memory *m, int32_t fd, int64_t offset, int32_t whence, int32_t newoffset) {
  uint8_t *p = guest_ptr(m, (uint32_t)newoffset, 8);
  if (!p) return WASI_EFAULT;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, (offset == 0 && whence == 1) ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK, &e);
  if (lerr) return lerr;
  if (whence < 0 || whence > 2) return WASI_EINVAL; /* WASI set/cur/end == Linux SEEK_SET/CUR/END */
  int64_t r = sys_lseek(e->host_fd, offset, whence);
  if (r < 0) return wasi_errno_from_linux(r);
  put_u64(p, (uint64_t)r);
  return 0;
}

int32_t w2n_wasi_fd_tell(w2n_memory *m, int32_t fd, int32_t offset_ptr) {
  return w2n_wasi_fd_seek(m, fd, 0, 1, offset_ptr); /* needs only FD_TELL */
}

int32_t w2n_wasi_fd_close(w2n_memory *m, int32_t fd) {
  (void)m;
  if (!wasi_fd_get((uint32_t)fd)) return WASI_EBADF;
  wasi_fd_release((uint32_t)fd);
  return 0;
}

int32_t w2n_wasi_fd_sync(w2n_memory *m, int32_t fd) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_SYNC, &e);
  if (lerr) return lerr;
  return wasi_result(sys_fsync(io_fd(e)));
}

int32_t w2n_wasi_fd_datasync(w2n_memory *m, int32_t fd) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_DATASYNC, &e);
  if (lerr) return lerr;
  return wasi_result(sys_fdatasync(io_fd(e)));
}

int32_t w2n_wasi_fd_fdstat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 24);
  if (!p) return WASI_EFAULT;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  long fl = sys_fcntl(e->host_fd, W2N_F_GETFL, 0);
  if (fl < 0) return wasi_errno_from_linux(fl);
  uint16_t flags = 0;
  if (fl & W2N_O_APPEND) flags |= WASI_FDFLAG_APPEND;
  if (fl & W2N_O_NONBLOCK) flags |= WASI_FDFLAG_NONBLOCK;
  if ((fl & W2N_O_SYNC) == W2N_O_SYNC) flags |= WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC;
  else if (fl & W2N_O_DSYNC) flags |= WASI_FDFLAG_DSYNC;
  memset(p, 0, 24);
  put_u8(p, e->filetype);
  put_u16(p + 2, flags);
  put_u64(p + 8, e->rights_base);
  put_u64(p + 16, e->rights_inheriting);
  return 0;
}

int32_t w2n_wasi_fd_fdstat_set_flags(w2n_memory *m, int32_t fd, int32_t flags) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &e);
  if (lerr) return lerr;
  if (flags & ~0x1f) return WASI_EINVAL;
  /* Linux cannot change O_SYNC/O_DSYNC after open (F_SETFL ignores them). */
  if (flags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) return WASI_ENOTSUP;
  long fl = sys_fcntl(e->host_fd, W2N_F_GETFL, 0);
  if (fl < 0) return wasi_errno_from_linux(fl);
  fl &= ~(long)(W2N_O_APPEND | W2N_O_NONBLOCK);
  if (flags & WASI_FDFLAG_APPEND) fl |= W2N_O_APPEND;
  if (flags & WASI_FDFLAG_NONBLOCK) fl |= W2N_O_NONBLOCK;
  return wasi_result(sys_fcntl(e->host_fd, W2N_F_SETFL, fl));
}

/* Rights are checked by every call (wasi_fd_lookup) on top of the host fd's own open mode; they can
 * only ever be narrowed, as the spec requires. */
int32_t w2n_wasi_fd_fdstat_set_rights(w2n_memory *m, int32_t fd, int64_t base, int64_t inheriting) {
  (void)m;
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  if (((uint64_t)base & ~e->rights_base) || ((uint64_t)inheriting & ~e->rights_inheriting)) return WASI_ENOTCAPABLE;
  e->rights_base = (uint64_t)base;
  e->rights_inheriting = (uint64_t)inheriting;
  return 0;
}

static uint64_t ns_of(const struct w2n_statx_timestamp *t) {
  return (uint64_t)t->tv_sec * 1000000000ull + t->tv_nsec;
}

/* Writes a WASI filestat (64 bytes) from a statx result. */
void wasi_put_filestat(uint8_t *p, const struct w2n_statx *st);
void wasi_put_filestat(uint8_t *p, const struct w2n_statx *st) {
  uint64_t maj = st->stx_dev_major, min = st->stx_dev_minor;
  uint64_t dev = ((maj & 0xfffff000ull) << 32) | ((maj & 0xfffull) << 8) | ((min & 0xffffff00ull) << 12) | (min & 0xffull);
  memset(p, 0, 64);
  put_u64(p, dev);
  put_u64(p + 8, st->stx_ino);
  put_u8(p + 16, wasi_filetype_from_mode(st->stx_mode));
  put_u64(p + 24, st->stx_nlink);
  put_u64(p + 32, st->stx_size);
  put_u64(p + 40, ns_of(&st->stx_atime));
  put_u64(p + 48, ns_of(&st->stx_mtime));
  put_u64(p + 56, ns_of(&st->stx_ctime));
}

int32_t w2n_wasi_fd_filestat_get(w2n_memory *m, int32_t fd, int32_t buf) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 64);
  if (!p) return WASI_EFAULT;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_GET, &e);
  if (lerr) return lerr;
  struct w2n_statx st;
  long r = sys_statx(e->host_fd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st);
  if (r < 0) return wasi_errno_from_linux(r);
  wasi_put_filestat(p, &st);
  return 0;
}

int32_t w2n_wasi_fd_filestat_set_size(w2n_memory *m, int32_t fd, int64_t size) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_SET_SIZE, &e);
  if (lerr) return lerr;
  if (size < 0) return WASI_EINVAL;
  return wasi_result(sys_ftruncate(e->host_fd, size));
}

/* Builds utimensat's times from WASI (atim, mtim, fst_flags). */
int32_t wasi_make_times(uint64_t atim, uint64_t mtim, int32_t fst, struct w2n_timespec ts[2]);
int32_t wasi_make_times(uint64_t atim, uint64_t mtim, int32_t fst, struct w2n_timespec ts[2]) {
  if (fst & ~0xf) return WASI_EINVAL;
  if ((fst & WASI_FSTFLAG_ATIM) && (fst & WASI_FSTFLAG_ATIM_NOW)) return WASI_EINVAL;
  if ((fst & WASI_FSTFLAG_MTIM) && (fst & WASI_FSTFLAG_MTIM_NOW)) return WASI_EINVAL;
  uint64_t t[2] = {atim, mtim};
  for (int i = 0; i < 2; i++) {
    int set = fst & (i ? WASI_FSTFLAG_MTIM : WASI_FSTFLAG_ATIM);
    int now = fst & (i ? WASI_FSTFLAG_MTIM_NOW : WASI_FSTFLAG_ATIM_NOW);
    ts[i].tv_sec = set ? (int64_t)(t[i] / 1000000000ull) : 0;
    ts[i].tv_nsec = set ? (int64_t)(t[i] % 1000000000ull) : now ? W2N_UTIME_NOW : W2N_UTIME_OMIT;
  }
  return 0;
}

int32_t w2n_wasi_fd_filestat_set_times(w2n_memory *m, int32_t fd, int64_t atim, int64_t mtim, int32_t fst) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_FILESTAT_SET_TIMES, &e);
  if (lerr) return lerr;
  struct w2n_timespec ts[2];
  int32_t err = wasi_make_times((uint64_t)atim, (uint64_t)mtim, fst, ts);
  if (err) return err;
  return wasi_result(sys_utimensat(io_fd(e), NULL, ts, 0));
}

int32_t w2n_wasi_fd_advise(w2n_memory *m, int32_t fd, int64_t offset, int64_t len, int32_t advice) {
  (void)m;
  /* WASI normal, sequential, random, willneed, dontneed, noreuse -> POSIX_FADV_* (1 and 2 swap). */
  static const int map[6] = {0, 2, 1, 3, 4, 5};
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_ADVISE, &e);
  if (lerr) return lerr;
  if (advice < 0 || advice > 5 || offset < 0 || len < 0) return WASI_EINVAL;
  return wasi_result(sys_fadvise64(e->host_fd, offset, len, map[advice]));
}

int32_t w2n_wasi_fd_allocate(w2n_memory *m, int32_t fd, int64_t offset, int64_t len) {
  (void)m;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_ALLOCATE, &e);
  if (lerr) return lerr;
  if (offset < 0 || len <= 0) return WASI_EINVAL;
  return wasi_result(sys_fallocate(e->host_fd, 0, offset, len));
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

int32_t w2n_wasi_fd_renumber(w2n_memory *m, int32_t from, int32_t to) {
  (void)m;
  return wasi_fd_renumber((uint32_t)from, (uint32_t)to);
}

static uint8_t filetype_from_dt(uint8_t dt) {
  switch (dt) {
  case 1: return WASI_FILETYPE_UNKNOWN;          /* DT_FIFO */
  case 2: return WASI_FILETYPE_CHARACTER_DEVICE; /* DT_CHR */
  case 4: return WASI_FILETYPE_DIRECTORY;        /* DT_DIR */
  case 6: return WASI_FILETYPE_BLOCK_DEVICE;     /* DT_BLK */
  case 8: return WASI_FILETYPE_REGULAR_FILE;     /* DT_REG */
  case 10: return WASI_FILETYPE_SYMBOLIC_LINK;   /* DT_LNK */
  case 12: return WASI_FILETYPE_SOCKET_STREAM;   /* DT_SOCK */
  default: return WASI_FILETYPE_UNKNOWN;
  }
}

/* Cookies are the kernel's directory offsets (d_off of the previous entry; 0 is the start), so a
 * call seeks to the cookie and reads from there. Entries are packed as WASI dirent (24 bytes) +
 * name; the last one is cut off at buf_len, and bufused == buf_len tells the guest to call again
 * (with a bigger buffer if a single entry did not fit), as the spec describes. */
int32_t w2n_wasi_fd_readdir(w2n_memory *m, int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie, int32_t bufused) {
  uint8_t *out = guest_ptr(m, (uint32_t)buf, (uint32_t)buf_len);
  uint8_t *pu = guest_ptr(m, (uint32_t)bufused, 4);
  if (!out || !pu) return WASI_EFAULT;
  wasi_fd *e;
  int32_t lerr = wasi_fd_lookup((uint32_t)fd, WASI_RIGHT_FD_READDIR, &e);
  if (lerr) return lerr;
  if (e->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  int dfd = io_fd(e);
  if (dfd < 0) return WASI_EBADF;
  int64_t r = sys_lseek(dfd, cookie, 0);
  if (r < 0) return wasi_errno_from_linux(r);
  uint32_t cap = (uint32_t)buf_len, used = 0;
  char kbuf[4096] __attribute__((aligned(8)));
  while (used < cap) {
    long n = sys_getdents64(dfd, kbuf, sizeof kbuf);
    if (n < 0) return wasi_errno_from_linux(n);
    if (n == 0) break;
    for (long off = 0; off < n && used < cap;) {
      struct w2n_dirent64 *d = (struct w2n_dirent64 *)(kbuf + off);
      off += d->d_reclen;
      uint32_t namlen = (uint32_t)w2n_strlen(d->d_name);
      uint8_t hdr[24];
      memset(hdr, 0, sizeof hdr);
      put_u64(hdr, (uint64_t)d->d_off);
      put_u64(hdr + 8, d->d_ino);
      put_u32(hdr + 16, namlen);
      put_u8(hdr + 20, filetype_from_dt(d->d_type));
      uint32_t k = cap - used < 24 ? cap - used : 24;
      memcpy(out + used, hdr, k);
      used += k;
      k = cap - used < namlen ? cap - used : namlen;
      memcpy(out + used, d->d_name, k);
      used += k;
    }
  }
  put_u32(pu, used);
  return 0;
}
