/* wasi-shim/linux/wasi_path.c: WASI calls on paths (path_*), all confined by sandbox.c.
 *
 * Every guest path is copied out of linear memory (bounds-checked, NUL-free) and resolved beneath
 * the given directory fd: opens go through sandbox_open; operations on a final component resolve
 * the parent with sandbox_parent and then use the *at syscall on a single name, with
 * AT_SYMLINK_NOFOLLOW where the call has one, so the kernel never walks a guest path by itself.
 */
#include "wasi.h"

void wasi_put_filestat(uint8_t *p, const struct w2n_statx *st);
int32_t wasi_make_times(uint64_t atim, uint64_t mtim, int32_t fst, struct w2n_timespec ts[2]);

/* The host directory fd behind a WASI fd used as a path base. */
static int32_t base_dir(int32_t fd, uint64_t rights, int *host) {
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  if (e->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  if ((e->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
  *host = e->host_fd;
  return 0;
}

/* A new name "name/" (path_symlink, path_link) can only denote a directory, which these calls never
 * create: ENOENT if nothing is there, EEXIST for a directory, ENOTDIR otherwise. Closes pd. */
static int32_t trailing_slash_error(int pd, const char *last) {
  struct w2n_statx st;
  long r = sys_statx(pd, last, W2N_AT_SYMLINK_NOFOLLOW, W2N_STATX_BASIC_STATS, &st);
  sys_close(pd);
  if (r < 0) return wasi_errno_from_linux(r);
  return (st.stx_mode & W2N_S_IFMT) == W2N_S_IFDIR ? WASI_EEXIST : WASI_ENOTDIR;
}

/* Common prologue: base dir + guest path -> parent dir fd and final name. */
static int32_t resolve_parent(w2n_memory *m, int32_t fd, uint64_t rights, uint32_t path, uint32_t len, int follow,
                              int *pd, char *last, char *pathbuf) {
  int root;
  int32_t err = wasi_copy_path(m, path, len, pathbuf);
  if (err) return err;
  if ((err = base_dir(fd, rights, &root))) return err;
  return sandbox_parent(root, pathbuf, follow, pd, last);
}

int32_t w2n_wasi_path_open(w2n_memory *m, int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                           int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t opened_fd) {
  char buf[WASI_PATH_MAX];
  uint8_t *out = guest_ptr(m, (uint32_t)opened_fd, 4);
  if (!out) return WASI_EFAULT;
  wasi_fd *dir;
  int32_t err = wasi_path_open_begin(m, fd, (uint32_t)path, (uint32_t)path_len, oflags, fdflags, buf, &dir);
  if (err) return err;
  int access = wasi_open_access((uint64_t)rights_base);
  int want_read = access & WASI_WANT_READ, want_write = access & WASI_WANT_WRITE;
  int flags = want_write ? (want_read ? W2N_O_RDWR : W2N_O_WRONLY) : W2N_O_RDONLY;
  if (oflags & WASI_OFLAG_DIRECTORY) flags |= W2N_O_DIRECTORY; /* with write rights: EISDIR */
  if (oflags & WASI_OFLAG_CREAT) flags |= W2N_O_CREAT;
  if (oflags & WASI_OFLAG_EXCL) flags |= W2N_O_EXCL;
  if (oflags & WASI_OFLAG_TRUNC) flags |= W2N_O_TRUNC;
  if (fdflags & WASI_FDFLAG_APPEND) flags |= W2N_O_APPEND;
  if (fdflags & WASI_FDFLAG_NONBLOCK) flags |= W2N_O_NONBLOCK;
  if (fdflags & WASI_FDFLAG_DSYNC) flags |= W2N_O_DSYNC;
  if (fdflags & (WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC)) flags |= W2N_O_SYNC;
  flags |= W2N_O_NOCTTY;

  int hfd = sandbox_open(dir->host_fd, buf, flags, 0666, dirflags & WASI_LOOKUP_SYMLINK_FOLLOW);
  if (hfd < 0) return -hfd;
  struct w2n_statx st;
  long r = sys_statx(hfd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st);
  if (r < 0) { sys_close(hfd); return wasi_errno_from_linux(r); }
  uint8_t type = wasi_filetype_from_mode(st.stx_mode);
  uint64_t base, inh;
  wasi_open_rights(dir, type, (uint64_t)rights_base, (uint64_t)rights_inheriting, &base, &inh);
  uint32_t nfd;
  err = wasi_fd_insert(hfd, type, base, inh, &nfd);
  if (err) { sys_close(hfd); return err; }
  put_u32(out, nfd);
  return 0;
}

int32_t w2n_wasi_path_create_directory(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  char buf[WASI_PATH_MAX], last[256];
  int pd;
  int32_t err = resolve_parent(m, fd, WASI_RIGHT_PATH_CREATE_DIRECTORY, (uint32_t)path, (uint32_t)len, 0, &pd, last, buf);
  if (err) return err;
  long r = sys_mkdirat(pd, last, 0777);
  sys_close(pd);
  return wasi_result(r);
}

int32_t w2n_wasi_path_remove_directory(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  char buf[WASI_PATH_MAX], last[256];
  int pd;
  int32_t err = resolve_parent(m, fd, WASI_RIGHT_PATH_REMOVE_DIRECTORY, (uint32_t)path, (uint32_t)len, 0, &pd, last, buf);
  if (err) return err;
  long r = sys_unlinkat(pd, last, W2N_AT_REMOVEDIR);
  sys_close(pd);
  return wasi_result(r);
}

int32_t w2n_wasi_path_unlink_file(w2n_memory *m, int32_t fd, int32_t path, int32_t len) {
  char buf[WASI_PATH_MAX], last[256];
  int pd;
  int32_t err = resolve_parent(m, fd, WASI_RIGHT_PATH_UNLINK_FILE, (uint32_t)path, (uint32_t)len, 0, &pd, last, buf);
  if (err) return err;
  long r;
  size_t n = w2n_strlen(buf);
  if (n && buf[n - 1] == '/') {
    /* "name/" never names a file: EISDIR for a directory, ENOTDIR otherwise (like unlink(2)). */
    struct w2n_statx st;
    r = sys_statx(pd, last, W2N_AT_SYMLINK_NOFOLLOW, W2N_STATX_BASIC_STATS, &st);
    sys_close(pd);
    if (r < 0) return wasi_errno_from_linux(r);
    return (st.stx_mode & W2N_S_IFMT) == W2N_S_IFDIR ? WASI_EISDIR : WASI_ENOTDIR;
  }
  r = sys_unlinkat(pd, last, 0);
  sys_close(pd);
  return wasi_result(r);
}

int32_t w2n_wasi_path_rename(w2n_memory *m, int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd,
                             int32_t new_path, int32_t new_len) {
  char b1[WASI_PATH_MAX], b2[WASI_PATH_MAX], l1[256], l2[256];
  int p1, p2;
  int32_t err = resolve_parent(m, fd, WASI_RIGHT_PATH_RENAME_SOURCE, (uint32_t)old_path, (uint32_t)old_len, 0, &p1, l1, b1);
  if (err) return err;
  err = resolve_parent(m, new_fd, WASI_RIGHT_PATH_RENAME_TARGET, (uint32_t)new_path, (uint32_t)new_len, 0, &p2, l2, b2);
  if (err) { sys_close(p1); return err; }
  long r = sys_renameat2(p1, l1, p2, l2, 0);
  sys_close(p1);
  sys_close(p2);
  return wasi_result(r);
}

int32_t w2n_wasi_path_filestat_get(w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf) {
  char pbuf[WASI_PATH_MAX];
  uint8_t *p = guest_ptr(m, (uint32_t)buf, 64);
  if (!p) return WASI_EFAULT;
  int root;
  int32_t err = wasi_copy_path(m, (uint32_t)path, (uint32_t)len, pbuf);
  if (err) return err;
  if ((err = base_dir(fd, WASI_RIGHT_PATH_FILESTAT_GET, &root))) return err;
  /* O_PATH (with O_NOFOLLOW unless following) opens the file or the link itself without access. */
  int hfd = sandbox_open(root, pbuf, W2N_O_PATH, 0, flags & WASI_LOOKUP_SYMLINK_FOLLOW);
  if (hfd < 0) return -hfd;
  struct w2n_statx st;
  long r = sys_statx(hfd, "", W2N_AT_EMPTY_PATH | W2N_AT_SYMLINK_NOFOLLOW, W2N_STATX_BASIC_STATS, &st);
  sys_close(hfd);
  if (r < 0) return wasi_errno_from_linux(r);
  wasi_put_filestat(p, &st);
  return 0;
}

int32_t w2n_wasi_path_filestat_set_times(w2n_memory *m, int32_t fd, int32_t flags, int32_t path, int32_t len,
                                         int64_t atim, int64_t mtim, int32_t fst) {
  char buf[WASI_PATH_MAX], last[256];
  struct w2n_timespec ts[2];
  int32_t err = wasi_make_times((uint64_t)atim, (uint64_t)mtim, fst, ts);
  if (err) return err;
  int pd;
  err = resolve_parent(m, fd, WASI_RIGHT_PATH_FILESTAT_SET_TIMES, (uint32_t)path, (uint32_t)len, flags & WASI_LOOKUP_SYMLINK_FOLLOW, &pd, last, buf);
  if (err) return err;
  long r = sys_utimensat(pd, last, ts, W2N_AT_SYMLINK_NOFOLLOW);
  sys_close(pd);
  return wasi_result(r);
}

int32_t w2n_wasi_path_readlink(w2n_memory *m, int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len,
                               int32_t bufused) {
  char pbuf[WASI_PATH_MAX], last[256], target[WASI_PATH_MAX];
  uint8_t *out = guest_ptr(m, (uint32_t)buf, (uint32_t)buf_len);
  uint8_t *pu = guest_ptr(m, (uint32_t)bufused, 4);
  if (!out || !pu) return WASI_EFAULT;
  int pd;
  int32_t err = resolve_parent(m, fd, WASI_RIGHT_PATH_READLINK, (uint32_t)path, (uint32_t)len, 0, &pd, last, pbuf);
  if (err) return err;
  long r = sys_readlinkat(pd, last, target, sizeof target);
  sys_close(pd);
  if (r < 0) return wasi_errno_from_linux(r);
  uint32_t n = (uint64_t)r < (uint32_t)buf_len ? (uint32_t)r : (uint32_t)buf_len; /* truncates, like readlink */
  memcpy(out, target, n);
  put_u32(pu, n);
  return 0;
}

/* Absolute symlink targets are refused (ENOTCAPABLE): they could never be followed inside the
 * sandbox anyway, and refusing them keeps host paths from being planted in the guest's tree. */
int32_t w2n_wasi_path_symlink(w2n_memory *m, int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path,
                              int32_t new_len) {
  char target[WASI_PATH_MAX], buf[WASI_PATH_MAX], last[256];
  int32_t err = wasi_copy_path(m, (uint32_t)old_path, (uint32_t)old_len, target);
  if (err) return err;
  if (target[0] == '/') return WASI_ENOTCAPABLE;
  int pd;
  err = resolve_parent(m, fd, WASI_RIGHT_PATH_SYMLINK, (uint32_t)new_path, (uint32_t)new_len, 0, &pd, last, buf);
  if (err) return err;
  if (wasi_ends_with_slash(buf)) return trailing_slash_error(pd, last);
  long r = sys_symlinkat(target, pd, last);
  sys_close(pd);
  return wasi_result(r);
}

int32_t w2n_wasi_path_link(w2n_memory *m, int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len,
                           int32_t new_fd, int32_t new_path, int32_t new_len) {
  char b1[WASI_PATH_MAX], b2[WASI_PATH_MAX], l1[256], l2[256];
  int p1, p2;
  /* With SYMLINK_FOLLOW the link chain is expanded inside the sandbox, then linkat never follows. */
  int32_t err = resolve_parent(m, old_fd, WASI_RIGHT_PATH_LINK_SOURCE, (uint32_t)old_path, (uint32_t)old_len,
                               old_flags & WASI_LOOKUP_SYMLINK_FOLLOW, &p1, l1, b1);
  if (err) return err;
  err = resolve_parent(m, new_fd, WASI_RIGHT_PATH_LINK_TARGET, (uint32_t)new_path, (uint32_t)new_len, 0, &p2, l2, b2);
  if (err) { sys_close(p1); return err; }
  if (wasi_ends_with_slash(b2)) { sys_close(p1); return trailing_slash_error(p2, l2); }
  long r = sys_linkat(p1, l1, p2, l2, 0);
  sys_close(p1);
  sys_close(p2);
  return wasi_result(r);
}
