/* wasi-shim/linux/sandbox.c: SECURITY-CRITICAL. Confines every guest path to its directory fd.
 *
 * A WASI program may only reach files beneath the directory fd it names (a preopen, or a directory
 * it opened from one). Absolute paths, ".." above that directory, and symlinks whose target lies
 * outside (absolute targets, or relative ones climbing out, at any component including the last
 * when following) must all fail; escapes return WASI ENOTCAPABLE (76), as other WASI runtimes do.
 *
 * Primary mechanism: openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, where the kernel does
 * the whole resolution atomically and reports escapes as EXDEV. Fallback when openat2 is missing
 * (ENOSYS: kernels before 5.6, qemu-user): resolve one component at a time from the root fd with
 * O_PATH | O_NOFOLLOW opens, tracking the depth below the root so ".." at depth 0 is refused, and
 * expanding symlinks by hand (readlinkat; absolute targets refused; at most 40 expansions, then
 * ELOOP). The final open uses O_NOFOLLOW, so a component swapped for a symlink after we looked at it
 * fails instead of being followed. Residual fallback race: a directory on the walked path renamed
 * elsewhere concurrently can make the depth count stale; openat2 has no such window.
 *
 * Operations on a final component (unlink, mkdir, rename, symlink, readlink, link, utimes) never hand
 * a multi-component path to the kernel: sandbox_parent resolves the parent inside the sandbox and
 * returns a single name to use with the *at syscall and AT_SYMLINK_NOFOLLOW.
 */
#include "wasi.h"

#define MAX_SYMLINKS 40
#define NAME_MAX 255

int w2n_sandbox_disable_openat2;
static int openat2_missing;

static int neg_wasi(long linux_result) { return -wasi_errno_from_linux(linux_result); }

/* Component-by-component resolution; see the header comment. Returns an fd or -WASI errno. */
static int fallback_open(int root, const char *path, int flags, int mode, int follow) {
  char work[WASI_PATH_MAX], tmp[WASI_PATH_MAX], target[WASI_PATH_MAX];
  size_t plen = w2n_strlen(path);
  if (plen >= sizeof work) return -WASI_ENAMETOOLONG;
  memcpy(work, path, plen + 1);
  int cur = root, owned = 0, depth = 0, links = 0, result;
  char *p = work;
  for (;;) {
    wasi_component c;
    wasi_next_component(&p, &c);
    char *start = c.start, *rest = c.rest;
    size_t clen = c.len;
    int last = c.last, trailing = c.trailing;
    char comp[NAME_MAX + 1];
    if (clen > NAME_MAX) { result = -WASI_ENAMETOOLONG; break; }
    if (clen == 0) { comp[0] = '.'; comp[1] = 0; last = 1; }
    else { memcpy(comp, start, clen); comp[clen] = 0; }

    if (clen == 0 || wasi_is_dot(comp, clen)) {
      if (!last) continue;
      long r = sys_openat(cur, ".", flags & ~(W2N_O_CREAT | W2N_O_EXCL), mode);
      result = r < 0 ? neg_wasi(r) : (int)r;
      break;
    }
    if (wasi_is_dotdot(comp, clen)) {
      if (depth == 0) { result = -WASI_ENOTCAPABLE; break; }
      long r = sys_openat(cur, "..", W2N_O_PATH | W2N_O_DIRECTORY | W2N_O_CLOEXEC, 0);
      if (r < 0) { result = neg_wasi(r); break; }
      if (owned) sys_close(cur);
      cur = (int)r; owned = 1; depth--;
      if (!last) continue;
      r = sys_openat(cur, ".", flags & ~(W2N_O_CREAT | W2N_O_EXCL), mode);
      result = r < 0 ? neg_wasi(r) : (int)r;
      break;
    }
    if (!last || follow || trailing) {
      long r = sys_openat(cur, comp, W2N_O_PATH | W2N_O_NOFOLLOW | W2N_O_CLOEXEC, 0);
      if (r < 0) {
        if (r == -W2N_ENOENT && last && (flags & W2N_O_CREAT)) goto final_open;
        result = neg_wasi(r);
        break;
      }
      int nfd = (int)r;
      struct w2n_statx st;
      r = sys_statx(nfd, "", W2N_AT_EMPTY_PATH, W2N_STATX_BASIC_STATS, &st);
      if (r < 0) { sys_close(nfd); result = neg_wasi(r); break; }
      uint32_t type = st.stx_mode & W2N_S_IFMT;
      if (type == W2N_S_IFLNK) {
        sys_close(nfd);
        if (++links > MAX_SYMLINKS) { result = -WASI_ELOOP; break; }
        long n = sys_readlinkat(cur, comp, target, sizeof target);
        if (n < 0) { result = neg_wasi(n); break; }
        if ((size_t)n >= sizeof target) { result = -WASI_ENAMETOOLONG; break; }
        target[n] = 0;
        if (target[0] == '/') { result = -WASI_ENOTCAPABLE; break; }
        /* Continue with target + "/" + rest; a trailing slash is kept so it still must be a dir. */
        size_t rlen = w2n_strlen(rest), total = (size_t)n + 1 + rlen;
        if (total >= sizeof tmp) { result = -WASI_ENAMETOOLONG; break; }
        memcpy(tmp, target, (size_t)n);
        size_t k = (size_t)n;
        if (!last || trailing) tmp[k++] = '/';
        memcpy(tmp + k, rest, rlen + 1);
        memcpy(work, tmp, k + rlen + 1);
        p = work;
        continue;
      }
      if (!last) {
        if (type != W2N_S_IFDIR) { sys_close(nfd); result = -WASI_ENOTDIR; break; }
        if (owned) sys_close(cur);
        cur = nfd; owned = 1; depth++;
        continue;
      }
      sys_close(nfd);
    }
  final_open:;
    int f = flags | W2N_O_NOFOLLOW | (trailing ? W2N_O_DIRECTORY : 0);
    long r = sys_openat(cur, comp, f, mode);
    result = r < 0 ? neg_wasi(r) : (int)r;
    break;
  }
  if (owned) sys_close(cur);
  return result;
}

int sandbox_open(int root, const char *path, int flags, int mode, int follow) {
  if (path[0] == '/') return -WASI_ENOTCAPABLE;
  if (path[0] == 0) return -WASI_ENOENT;
  flags |= W2N_O_CLOEXEC;
  if (!follow) flags |= W2N_O_NOFOLLOW;
  if (!(flags & W2N_O_CREAT)) mode = 0; /* openat2 rejects a mode without O_CREAT */
  if (!openat2_missing && !w2n_sandbox_disable_openat2) {
    struct w2n_open_how how = {(uint64_t)(unsigned)flags, (uint64_t)mode,
                               W2N_RESOLVE_BENEATH | W2N_RESOLVE_NO_MAGICLINKS};
    for (int tries = 0;; tries++) {
      long r = sys_openat2(root, path, &how);
      if (r >= 0) return (int)r;
      if (r == -W2N_EAGAIN && tries < 16) continue; /* concurrent rename during ".." resolution */
      if (r == -W2N_EXDEV) return -WASI_ENOTCAPABLE;
      if (r == -W2N_ENOSYS) { openat2_missing = 1; break; }
      return neg_wasi(r);
    }
  }
  return fallback_open(root, path, flags, mode, follow);
}

int32_t sandbox_parent(int root, const char *path, int follow, int *dir_fd, char *last) {
  char work[WASI_PATH_MAX], target[WASI_PATH_MAX];
  size_t len = w2n_strlen(path);
  if (len == 0) return WASI_ENOENT;
  if (path[0] == '/') return WASI_ENOTCAPABLE;
  if (len >= sizeof work) return WASI_ENAMETOOLONG;
  memcpy(work, path, len + 1);
  for (int links = 0;; links++) {
    /* A trailing slash means the final component is followed (and must be a directory). */
    while (len > 1 && work[len - 1] == '/') { work[--len] = 0; follow = 1; }
    size_t slash = len;
    while (slash > 0 && work[slash - 1] != '/') slash--;
    const char *name = work + slash;
    size_t nlen = len - slash;
    if (nlen > NAME_MAX) return WASI_ENAMETOOLONG;
    if (wasi_is_dot(name, nlen) || wasi_is_dotdot(name, nlen)) {
      /* The whole path names a directory: open it (checked by the sandbox) and use ".". */
      int fd = sandbox_open(root, work, W2N_O_PATH | W2N_O_DIRECTORY, 0, 1);
      if (fd < 0) return -fd;
      *dir_fd = fd;
      last[0] = '.'; last[1] = 0;
      return 0;
    }
    int fd;
    if (slash == 0) {
      fd = sandbox_open(root, ".", W2N_O_PATH | W2N_O_DIRECTORY, 0, 1);
    } else {
      char saved = work[slash];
      work[slash] = 0; /* parent path, ending in '/' */
      fd = sandbox_open(root, work, W2N_O_PATH | W2N_O_DIRECTORY, 0, 1);
      work[slash] = saved;
    }
    if (fd < 0) return -fd;
    memcpy(last, name, nlen + 1);
    if (!follow) { *dir_fd = fd; return 0; }
    long n = sys_readlinkat(fd, last, target, sizeof target);
    if (n < 0) { *dir_fd = fd; return 0; } /* not a symlink (EINVAL) or missing: use as is */
    sys_close(fd);
    if (links >= MAX_SYMLINKS) return WASI_ELOOP;
    if ((size_t)n >= sizeof target) return WASI_ENAMETOOLONG;
    target[n] = 0;
    if (target[0] == '/') return WASI_ENOTCAPABLE;
    /* Replace the last component by the link's target, relative to the same parent. */
    if (slash + (size_t)n >= sizeof work) return WASI_ENAMETOOLONG;
    memcpy(work + slash, target, (size_t)n + 1);
    len = slash + (size_t)n;
  }
}
