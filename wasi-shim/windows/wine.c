/* wasi-shim/windows/wine.c: the sandbox's view of Unix symlinks when the executable runs under Wine.
 *
 * On Windows a symlink or junction is a reparse point, which sandbox.c sees on the handle it opens with
 * FILE_OPEN_REPARSE_POINT. Wine 8 has no reparse points: it follows a Unix symlink inside a preopened
 * directory transparently and reports no attribute for it, so through the Windows API alone a link
 * planted there ("ln -s /etc box/etc") would lead the guest out. So when ntdll exports Wine's
 * wine_get_version, the sandbox also asks, for each component, Wine for its Unix name relative to the
 * directory handle (wine_nt_to_unix_file_name) and a Unix fd of that handle (wine_server_handle_to_fd),
 * and the Linux kernel whether the name is a symlink there (newfstatat with AT_SYMLINK_NOFOLLOW,
 * readlinkat: Wine runs the PE in a Linux process, where the syscall instruction reaches the kernel). A Unix symlink is then handled like a
 * Windows one: expanded inside the sandbox when followed, an absolute target refused. The same path
 * lets path_symlink, path_readlink, path_filestat_get and _set_times (not following), and unlinking, renaming and
 * hard-linking a link work on Unix symlinks (unlinkat, renameat, linkat on the link itself), which
 * Wine's reparse-point calls do not support. None of this runs on Windows (no wine_get_version).
 */
#include "wasi.h"

#define SYS_close 3
#define SYS_readlinkat 267
#define SYS_newfstatat 262
#define SYS_unlinkat 263
#define SYS_renameat 264
#define SYS_linkat 265
#define SYS_utimensat 280
#define SYS_symlinkat 266
#define AT_SYMLINK_NOFOLLOW 0x100
#define S_IFMT 0170000
#define S_IFLNK 0120000

typedef NTSTATUS (*nt_to_unix_fn)(const OBJECT_ATTRIBUTES *attr, char *name, uint32_t *size, uint32_t disposition);
typedef NTSTATUS (*handle_to_fd_fn)(HANDLE h, uint32_t access, int *fd, uint32_t *options);

static int probed;
static nt_to_unix_fn nt_to_unix;
static handle_to_fd_fn handle_to_fd;

static int wine(void) {
  if (!probed) {
    static const WCHAR ntdll[] = {'n', 't', 'd', 'l', 'l', '.', 'd', 'l', 'l', 0};
    HANDLE h = GetModuleHandleW(ntdll);
    if (h && GetProcAddress(h, "wine_get_version")) {
      nt_to_unix = (nt_to_unix_fn)GetProcAddress(h, "wine_nt_to_unix_file_name");
      handle_to_fd = (handle_to_fd_fn)GetProcAddress(h, "wine_server_handle_to_fd");
    }
    probed = 1;
  }
  return nt_to_unix && handle_to_fd;
}

/* Windows' long is 32-bit: the kernel's arguments and result are 64-bit. */
static int64_t linux_syscall5(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e) {
  int64_t r;
  register int64_t r10 __asm__("r10") = d;
  register int64_t r8 __asm__("r8") = e;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8) : "rcx", "r11", "memory");
  return r;
}
static int64_t linux_syscall4(int64_t n, int64_t a, int64_t b, int64_t c, int64_t d) {
  return linux_syscall5(n, a, b, c, d, 0);
}

/* The Linux errors these calls can give, as WASI's. */
static int32_t wasi_from_linux(int64_t r) {
  switch (-r) {
  case 0: return 0;
  case 1: return WASI_EPERM;
  case 2: return WASI_ENOENT;
  case 13: return WASI_EACCES;
  case 17: return WASI_EEXIST;
  case 18: return 75; /* EXDEV */
  case 20: return WASI_ENOTDIR;
  case 21: return WASI_EISDIR;
  case 22: return WASI_EINVAL;
  case 36: return WASI_ENAMETOOLONG;
  case 39: return WASI_ENOTEMPTY;
  default: return WASI_EIO;
  }
}

/* The Unix path of `name` in directory `dir` (which need not exist yet) into buf, relative to the Unix
 * fd of dir, which *dir_fd receives (a new fd: close_fd it); 0 when not under Wine or Wine cannot tell. */
static void close_fd(int fd) { linux_syscall4(SYS_close, fd, 0, 0, 0); }

static int unix_path(HANDLE dir, const WCHAR *name, uint16_t len, char *buf, uint32_t size, int *dir_fd) {
  if (!wine()) return 0;
  UNICODE_STRING us = {(uint16_t)(len * 2), (uint16_t)(len * 2), (WCHAR *)name};
  OBJECT_ATTRIBUTES oa = {sizeof oa, dir, &us, OBJ_CASE_INSENSITIVE, NULL, NULL};
  NTSTATUS st = nt_to_unix(&oa, buf, &size, FILE_OPEN_IF);
  if (!NT_SUCCESS(st) && st != STATUS_NO_SUCH_FILE) return 0; /* NO_SUCH_FILE: the name, not there yet */
  uint32_t options;
  return NT_SUCCESS(handle_to_fd(dir, 0, dir_fd, &options));
}

/* struct stat on x86-64 Linux: what wine_filestat reads of it. */
typedef struct {
  uint64_t dev, ino, nlink;
  uint32_t mode, uid, gid, pad;
  uint64_t rdev;
  int64_t size, blksize, blocks;
  int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
  int64_t reserved[3];
} linux_stat;

int sandbox_wine_link(HANDLE dir, const WCHAR *name, uint16_t len, char *target, uint32_t *n, linux_stat_out *st) {
  static char path[WASI_PATH_MAX * 2];
  linux_stat s;
  int fd;
  if (!unix_path(dir, name, len, path, sizeof path, &fd)) return 0;
  int64_t r = linux_syscall4(SYS_newfstatat, fd, (int64_t)(intptr_t)path, (int64_t)(intptr_t)&s, AT_SYMLINK_NOFOLLOW);
  if (r != 0 || (s.mode & S_IFMT) != S_IFLNK) { close_fd(fd); return 0; }
  if (st) {
    st->dev = s.dev, st->ino = s.ino, st->nlink = s.nlink, st->size = (uint64_t)s.size;
    st->atim = (uint64_t)s.atime * 1000000000ull + (uint64_t)s.atime_ns;
    st->mtim = (uint64_t)s.mtime * 1000000000ull + (uint64_t)s.mtime_ns;
    st->ctim = (uint64_t)s.ctime * 1000000000ull + (uint64_t)s.ctime_ns;
  }
  if (target) {
    r = linux_syscall4(SYS_readlinkat, fd, (int64_t)(intptr_t)path, (int64_t)(intptr_t)target, WASI_PATH_MAX - 1);
    /* A link whose target cannot be read is still a link: an empty target, refused by the walk. */
    target[r < 0 ? 0 : r] = 0;
    *n = r < 0 ? 0 : (uint32_t)r;
  }
  close_fd(fd);
  return 1;
}

int32_t sandbox_wine_symlink(HANDLE dir, const WCHAR *name, uint16_t len, const char *target) {
  static char path[WASI_PATH_MAX * 2];
  int fd;
  if (!unix_path(dir, name, len, path, sizeof path, &fd)) return WASI_ENOTSUP;
  int64_t r = linux_syscall4(SYS_symlinkat, (int64_t)(intptr_t)target, fd, (int64_t)(intptr_t)path, 0);
  close_fd(fd);
  return wasi_from_linux(r);
}

int32_t sandbox_wine_link_op(int op, const sandbox_path *from, const sandbox_path *to) {
  static char path[WASI_PATH_MAX * 2], path2[WASI_PATH_MAX * 2];
  if (!from->len || !sandbox_wine_link(from->dir, from->name, from->len, NULL, NULL, NULL)) return -1;
  int fd, fd2 = -1;
  if (!unix_path(from->dir, from->name, from->len, path, sizeof path, &fd)) return -1;
  if (op != WINE_UNLINK && !unix_path(to->dir, to->name, to->len, path2, sizeof path2, &fd2)) {
    close_fd(fd);
    return -1;
  }
  int64_t r;
  switch (op) {
  case WINE_UNLINK: r = linux_syscall4(SYS_unlinkat, fd, (int64_t)(intptr_t)path, 0, 0); break;
  case WINE_RENAME:
    r = linux_syscall4(SYS_renameat, fd, (int64_t)(intptr_t)path, fd2, (int64_t)(intptr_t)path2);
    break;
  default: r = linux_syscall5(SYS_linkat, fd, (int64_t)(intptr_t)path, fd2, (int64_t)(intptr_t)path2, 0); break;
  }
  close_fd(fd);
  if (fd2 >= 0) close_fd(fd2);
  return wasi_from_linux(r);
}

int32_t sandbox_wine_set_times(const sandbox_path *p, uint64_t atim, uint64_t mtim, int32_t fst) {
  static char path[WASI_PATH_MAX * 2];
  if (!p->len || !sandbox_wine_link(p->dir, p->name, p->len, NULL, NULL, NULL)) return -1;
  int fd;
  if (!unix_path(p->dir, p->name, p->len, path, sizeof path, &fd)) return -1;
  /* struct timespec[2]; UTIME_NOW and UTIME_OMIT in tv_nsec. */
  int64_t ts[4];
  uint64_t t[2] = {atim, mtim};
  for (int i = 0; i < 2; i++) {
    int set = fst & (i ? WASI_FSTFLAG_MTIM : WASI_FSTFLAG_ATIM), now = fst & (i ? WASI_FSTFLAG_MTIM_NOW : WASI_FSTFLAG_ATIM_NOW);
    ts[2 * i] = set ? (int64_t)(t[i] / 1000000000ull) : 0;
    ts[2 * i + 1] = set ? (int64_t)(t[i] % 1000000000ull) : now ? (1l << 30) - 1 : (1l << 30) - 2;
  }
  int64_t r = linux_syscall4(SYS_utimensat, fd, (int64_t)(intptr_t)path, (int64_t)(intptr_t)ts, AT_SYMLINK_NOFOLLOW);
  close_fd(fd);
  return wasi_from_linux(r);
}
