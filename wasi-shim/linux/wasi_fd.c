/* wasi-shim/linux/wasi_fd.c: WASI calls on open file descriptors (fd_*).
 *
 * Each call looks the WASI fd up in the fd table, validates every guest pointer and iovec against
 * linear memory before doing any I/O, then issues the corresponding Linux syscall on the host fd and
 * translates the result (fd_read/fd_write/fd_pread/fd_pwrite check their iovecs in common/wasi_fd_common.c,
 * then come to wasi_fd_io here). Directories preopened with O_PATH get a lazily opened readable fd for the
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

/* Passes the iovecs to readv/writev/preadv/pwritev in batches, so a large array needs no allocation. */
int32_t wasi_fd_io(w2n_memory *m, wasi_fd *e, const uint8_t *arr, uint32_t iovs_len, enum wasi_io_kind kind,
                   uint64_t offset, uint64_t *total_out) {
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
    case WASI_IO_READ: r = sys_readv(e->host_fd, iov, n); break;
    case WASI_IO_WRITE: r = sys_writev(e->host_fd, iov, n); break;
    case WASI_IO_PREAD: r = sys_preadv(e->host_fd, iov, n, offset + total); break;
    default: r = sys_pwritev(e->host_fd, iov, n, offset + total); break;
    }
    if (r < 0) {
      *total_out = total;
      return wasi_errno_from_linux(r);
    }
    total += (uint64_t)r;
    if ((uint64_t)r < want) break;
  }
  *total_out = total;
  return 0;
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

static uint64_t ns_of(const struct w2n_statx_timestamp *t) {
  return (uint64_t)t->tv_sec * 1000000000ull + t->tv_nsec;
}

/* Writes a WASI filestat (64 bytes) from a statx result. */
void wasi_put_filestat(uint8_t *p, const struct w2n_statx *st);
void wasi_put_filestat(uint8_t *p, const struct w2n_statx *st) {
  uint64_t maj = st->stx_dev_major, min = st->stx_dev_minor;
  uint64_t dev = ((maj & 0xfffff000ull) << 32) | ((maj & 0xfffull) << 8) | ((min & 0xffffff00ull) << 12) | (min & 0xffull);
  wasi_pack_filestat(p, dev, st->stx_ino, wasi_filetype_from_mode(st->stx_mode), st->stx_nlink, st->stx_size,
                     ns_of(&st->stx_atime), ns_of(&st->stx_mtime), ns_of(&st->stx_ctime));
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
  int32_t err = wasi_check_fstflags(fst);
  if (err) return err;
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
int32_t wasi_fd_readdir(wasi_fd *e, uint8_t *out, uint32_t cap, uint64_t cookie, uint32_t *used_out) {
  int dfd = io_fd(e);
  if (dfd < 0) return WASI_EBADF;
  int64_t r = sys_lseek(dfd, (int64_t)cookie, 0);
  if (r < 0) return wasi_errno_from_linux(r);
  uint32_t used = 0;
  char kbuf[4096] __attribute__((aligned(8)));
  while (used < cap) {
    long n = sys_getdents64(dfd, kbuf, sizeof kbuf);
    if (n < 0) return wasi_errno_from_linux(n);
    if (n == 0) break;
    for (long off = 0; off < n && used < cap;) {
      struct w2n_dirent64 *d = (struct w2n_dirent64 *)(kbuf + off);
      off += d->d_reclen;
      wasi_pack_dirent(out, cap, &used, (uint64_t)d->d_off, d->d_ino, filetype_from_dt(d->d_type), d->d_name,
                       (uint32_t)w2n_strlen(d->d_name));
    }
  }
  *used_out = used;
  return 0;
}
