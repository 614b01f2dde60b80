/* src/sys.h: typed Linux system-call wrappers and kernel structures, shared by runtime and WASI shim.
 *
 * Modelled on the kernel's tools/include/nolibc: the architecture header (arch/<arch>/arch.h, found
 * through the include path) supplies w2n_syscall6 and the syscall numbers; here every call gets a
 * typed static inline wrapper that returns the raw kernel result (>= 0, or -errno). There is no
 * errno variable: callers test `r < 0` and use -r. Structures are the kernel's own layouts (not
 * glibc's), defined here because no system headers are used; all targets are little-endian. The
 * layouts hold for both 64-bit and 32-bit (ILP32) targets: fields are declared so that natural
 * alignment gives the kernel's offsets on each. On ILP32 targets (arch.h defines W2N_ARCH_ILP32) the
 * calls that take or return 64-bit file offsets or times use the kernel's 64-bit variants (with a
 * fallback for the time calls on kernels before 5.1); see the wrappers at the end.
 */
#ifndef W2N_SYS_H
#define W2N_SYS_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"

#define W2N_SC(n, a, b, c, d, e, f) \
  w2n_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* ---- errno values (identical on all Linux architectures we target) ---- */
#define W2N_EPERM 1
#define W2N_ENOENT 2
#define W2N_EINTR 4
#define W2N_EBADF 9
#define W2N_EAGAIN 11
#define W2N_ENOMEM 12
#define W2N_EACCES 13
#define W2N_EEXIST 17
#define W2N_EXDEV 18
#define W2N_ENOTDIR 20
#define W2N_EISDIR 21
#define W2N_EINVAL 22
#define W2N_ENAMETOOLONG 36
#define W2N_ENOSYS 38
#define W2N_ELOOP 40
#define W2N_EOVERFLOW 75

/* ---- open / *at flags ---- */
#define W2N_O_RDONLY 0
#define W2N_O_WRONLY 1
#define W2N_O_RDWR 2
#define W2N_O_CREAT 0100
#define W2N_O_EXCL 0200
#define W2N_O_NOCTTY 0400
#define W2N_O_TRUNC 01000
#define W2N_O_APPEND 02000
#define W2N_O_NONBLOCK 04000
#define W2N_O_DSYNC 010000
#define W2N_O_SYNC 04010000
#define W2N_O_RSYNC 04010000
#define W2N_O_CLOEXEC 02000000
#define W2N_O_PATH 010000000
#define W2N_AT_FDCWD (-100)
#define W2N_AT_SYMLINK_NOFOLLOW 0x100
#define W2N_AT_REMOVEDIR 0x200
#define W2N_AT_SYMLINK_FOLLOW 0x400
#define W2N_AT_EMPTY_PATH 0x1000
#define W2N_F_GETFL 3
#define W2N_F_SETFL 4
#define W2N_RESOLVE_NO_MAGICLINKS 0x02
#define W2N_RESOLVE_BENEATH 0x08

struct w2n_open_how {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};

/* ---- mmap ---- */
#define W2N_PROT_NONE 0
#define W2N_PROT_READ 1
#define W2N_PROT_WRITE 2
#define W2N_MAP_PRIVATE 0x02
#define W2N_MAP_ANONYMOUS 0x20
#define W2N_MAP_NORESERVE 0x4000
#define W2N_MAP_STACK 0x20000
#define W2N_MREMAP_MAYMOVE 1

/* ---- signals ---- */
#define W2N_SIGBUS 7
#define W2N_SIGSEGV 11
#define W2N_SA_SIGINFO 0x00000004
#define W2N_SA_ONSTACK 0x08000000
#define W2N_SA_RESTORER 0x04000000
#define W2N_SA_NODEFER 0x40000000
#define W2N_SIG_DFL ((void *)0)

/* Kernel struct sigaction (not glibc's). sa_restorer exists only where the kernel defines
 * SA_RESTORER (x86_64, arm, aarch64; not riscv). The mask is two words so that it follows the
 * restorer without padding on 32-bit arm (offset 12). */
struct w2n_kernel_sigaction {
  void *handler;
  unsigned long flags;
#if W2N_ARCH_USE_RESTORER
  void (*restorer)(void);
#endif
  uint32_t mask[2]; /* kernel sigset_t: 64 signals, sigsetsize 8 */
};

typedef struct w2n_stack_t {
  void *ss_sp;
  int ss_flags;
  size_t ss_size;
} w2n_stack_t;

/* The leading part of siginfo_t that the fault handler reads. The union after the three ints is
 * pointer-aligned: si_addr is at offset 16 on 64-bit targets and 12 on 32-bit ones. */
typedef struct w2n_siginfo {
  int si_signo;
  int si_errno;
  int si_code;
  void *si_addr; /* SIGSEGV/SIGBUS: the faulting data address */
  char rest[96]; /* the rest of the kernel's 128-byte siginfo_t (only ever read through a pointer) */
} w2n_siginfo;

/* ---- time, files ---- */
struct w2n_timespec {
  int64_t tv_sec;
  int64_t tv_nsec; /* struct __kernel_timespec: also the layout of the time64 calls on 32-bit */
};
#define W2N_UTIME_NOW ((1l << 30) - 1l)
#define W2N_UTIME_OMIT ((1l << 30) - 2l)

struct w2n_iovec {
  void *base;
  size_t len;
};

struct w2n_pollfd {
  int fd;
  short events;
  short revents;
};
#define W2N_POLLIN 0x001
#define W2N_POLLOUT 0x004
#define W2N_POLLERR 0x008
#define W2N_POLLHUP 0x010
#define W2N_POLLNVAL 0x020
#define W2N_FIONREAD 0x541B

struct w2n_statx_timestamp {
  int64_t tv_sec;
  uint32_t tv_nsec;
  int32_t reserved;
};
/* struct statx is the same on every architecture, which is why the shim uses statx and not stat. */
struct w2n_statx {
  uint32_t stx_mask;
  uint32_t stx_blksize;
  uint64_t stx_attributes;
  uint32_t stx_nlink;
  uint32_t stx_uid;
  uint32_t stx_gid;
  uint16_t stx_mode;
  uint16_t spare0;
  uint64_t stx_ino;
  uint64_t stx_size;
  uint64_t stx_blocks;
  uint64_t stx_attributes_mask;
  struct w2n_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
  uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
  uint64_t spare2[14];
};
#define W2N_STATX_BASIC_STATS 0x7ffu
#define W2N_S_IFMT 0170000
#define W2N_S_IFSOCK 0140000
#define W2N_S_IFLNK 0120000
#define W2N_S_IFREG 0100000
#define W2N_S_IFBLK 0060000
#define W2N_S_IFDIR 0040000
#define W2N_S_IFCHR 0020000
#define W2N_S_IFIFO 0010000

struct w2n_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  uint16_t d_reclen;
  uint8_t d_type;
  char d_name[];
};

/* ---- typed wrappers ---- */
static inline long sys_read(int fd, void *buf, size_t n) { return W2N_SC(W2N_NR_read, fd, buf, n, 0, 0, 0); }
static inline long sys_write(int fd, const void *buf, size_t n) { return W2N_SC(W2N_NR_write, fd, buf, n, 0, 0, 0); }
static inline long sys_readv(int fd, const struct w2n_iovec *iov, int n) { return W2N_SC(W2N_NR_readv, fd, iov, n, 0, 0, 0); }
static inline long sys_writev(int fd, const struct w2n_iovec *iov, int n) { return W2N_SC(W2N_NR_writev, fd, iov, n, 0, 0, 0); }
/* preadv/pwritev take the offset as (low, high) longs; on 64-bit the whole offset is `low` and the
 * kernel ignores `high`, on 32-bit the two halves make the offset. */
static inline long sys_preadv(int fd, const struct w2n_iovec *iov, int n, uint64_t off) { return W2N_SC(W2N_NR_preadv, fd, iov, n, (unsigned long)off, (unsigned long)(off >> 16 >> 16), 0); }
static inline long sys_pwritev(int fd, const struct w2n_iovec *iov, int n, uint64_t off) { return W2N_SC(W2N_NR_pwritev, fd, iov, n, (unsigned long)off, (unsigned long)(off >> 16 >> 16), 0); }
static inline long sys_close(int fd) { return W2N_SC(W2N_NR_close, fd, 0, 0, 0, 0, 0); }
static inline long sys_fsync(int fd) { return W2N_SC(W2N_NR_fsync, fd, 0, 0, 0, 0, 0); }
static inline long sys_fdatasync(int fd) { return W2N_SC(W2N_NR_fdatasync, fd, 0, 0, 0, 0, 0); }
static inline long sys_fcntl(int fd, int cmd, long arg) { return W2N_SC(W2N_NR_fcntl, fd, cmd, arg, 0, 0, 0); }
static inline long sys_ioctl(int fd, unsigned long req, void *arg) { return W2N_SC(W2N_NR_ioctl, fd, req, arg, 0, 0, 0); }
static inline long sys_dup3(int from, int to, int flags) { return W2N_SC(W2N_NR_dup3, from, to, flags, 0, 0, 0); }
static inline long sys_openat(int dirfd, const char *path, int flags, int mode) { return W2N_SC(W2N_NR_openat, dirfd, path, flags | W2N_O_LARGEFILE, mode, 0, 0); }
static inline long sys_openat2(int dirfd, const char *path, struct w2n_open_how *how) { return W2N_SC(W2N_NR_openat2, dirfd, path, how, sizeof *how, 0, 0); }
static inline long sys_mkdirat(int dirfd, const char *path, int mode) { return W2N_SC(W2N_NR_mkdirat, dirfd, path, mode, 0, 0, 0); }
static inline long sys_unlinkat(int dirfd, const char *path, int flags) { return W2N_SC(W2N_NR_unlinkat, dirfd, path, flags, 0, 0, 0); }
static inline long sys_renameat2(int od, const char *op, int nd, const char *np, unsigned flags) { return W2N_SC(W2N_NR_renameat2, od, op, nd, np, flags, 0); }
static inline long sys_linkat(int od, const char *op, int nd, const char *np, int flags) { return W2N_SC(W2N_NR_linkat, od, op, nd, np, flags, 0); }
static inline long sys_symlinkat(const char *target, int nd, const char *np) { return W2N_SC(W2N_NR_symlinkat, target, nd, np, 0, 0, 0); }
static inline long sys_readlinkat(int dirfd, const char *path, char *buf, size_t n) { return W2N_SC(W2N_NR_readlinkat, dirfd, path, buf, n, 0, 0); }
static inline long sys_statx(int dirfd, const char *path, int flags, unsigned mask, struct w2n_statx *st) { return W2N_SC(W2N_NR_statx, dirfd, path, flags, mask, st, 0); }
static inline long sys_getdents64(int fd, void *buf, size_t n) { return W2N_SC(W2N_NR_getdents64, fd, buf, n, 0, 0, 0); }
static inline long sys_getrandom(void *buf, size_t n, unsigned flags) { return W2N_SC(W2N_NR_getrandom, buf, n, flags, 0, 0, 0); }
static inline long sys_sched_yield(void) { return W2N_SC(W2N_NR_sched_yield, 0, 0, 0, 0, 0, 0); }
static inline long sys_munmap(void *addr, size_t len) { return W2N_SC(W2N_NR_munmap, addr, len, 0, 0, 0, 0); }
static inline long sys_mprotect(void *addr, size_t len, int prot) { return W2N_SC(W2N_NR_mprotect, addr, len, prot, 0, 0, 0); }
static inline long sys_rt_sigaction(int sig, const struct w2n_kernel_sigaction *act, struct w2n_kernel_sigaction *old) { return W2N_SC(W2N_NR_rt_sigaction, sig, act, old, 8, 0, 0); }
static inline long sys_sigaltstack(const w2n_stack_t *ss, w2n_stack_t *old) { return W2N_SC(W2N_NR_sigaltstack, ss, old, 0, 0, 0, 0); }
static inline long sys_getpid(void) { return W2N_SC(W2N_NR_getpid, 0, 0, 0, 0, 0, 0); }
static inline long sys_gettid(void) { return W2N_SC(W2N_NR_gettid, 0, 0, 0, 0, 0, 0); }
static inline long sys_tgkill(long pid, long tid, int sig) { return W2N_SC(W2N_NR_tgkill, pid, tid, sig, 0, 0, 0); }
static inline _Noreturn void sys_exit_group(int code) {
  for (;;) W2N_SC(W2N_NR_exit_group, code, 0, 0, 0, 0, 0);
}

/* ---- calls whose 64-bit arguments or results depend on the word size ---- */
#if !W2N_ARCH_ILP32
/* lseek returns the new offset (>= 0) or -errno. */
static inline int64_t sys_lseek(int fd, int64_t off, int whence) { return W2N_SC(W2N_NR_lseek, fd, off, whence, 0, 0, 0); }
static inline long sys_ftruncate(int fd, int64_t len) { return W2N_SC(W2N_NR_ftruncate, fd, len, 0, 0, 0, 0); }
static inline long sys_fallocate(int fd, int mode, int64_t off, int64_t len) { return W2N_SC(W2N_NR_fallocate, fd, mode, off, len, 0, 0); }
static inline long sys_fadvise64(int fd, int64_t off, int64_t len, int advice) { return W2N_SC(W2N_NR_fadvise64, fd, off, len, advice, 0, 0); }
static inline long sys_utimensat(int dirfd, const char *path, const struct w2n_timespec *ts, int flags) { return W2N_SC(W2N_NR_utimensat, dirfd, path, ts, flags, 0, 0); }
static inline long sys_ppoll(struct w2n_pollfd *fds, unsigned long n, const struct w2n_timespec *ts) { return W2N_SC(W2N_NR_ppoll, fds, n, ts, 0, 8, 0); }
static inline long sys_clock_gettime(int clk, struct w2n_timespec *ts) { return W2N_SC(W2N_NR_clock_gettime, clk, ts, 0, 0, 0, 0); }
static inline long sys_clock_getres(int clk, struct w2n_timespec *ts) { return W2N_SC(W2N_NR_clock_getres, clk, ts, 0, 0, 0, 0); }
static inline void *sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off) { return (void *)W2N_SC(W2N_NR_mmap, addr, len, prot, flags, fd, off); }
/* memory64 memories move when they outgrow their reservation (memory.c). */
static inline void *sys_mremap(void *old, size_t old_len, size_t new_len, int flags) { return (void *)W2N_SC(W2N_NR_mremap, old, old_len, new_len, flags, 0, 0); }
#else
/* 32-bit ARM EABI: a 64-bit argument is a (low, high) register pair starting at an even register,
 * hence the 0 padding in ftruncate64; the time calls are the *_time64 ones (16-byte timespec). */
#define W2N_LO(x) ((long)(uint32_t)(uint64_t)(x))
#define W2N_HI(x) ((long)(uint32_t)((uint64_t)(x) >> 32))
static inline int64_t sys_lseek(int fd, int64_t off, int whence) {
  int64_t result = 0;
  long r = W2N_SC(W2N_NR__llseek, fd, W2N_HI(off), W2N_LO(off), &result, whence, 0);
  return r < 0 ? r : result;
}
static inline long sys_ftruncate(int fd, int64_t len) { return W2N_SC(W2N_NR_ftruncate64, fd, 0, W2N_LO(len), W2N_HI(len), 0, 0); }
static inline long sys_fallocate(int fd, int mode, int64_t off, int64_t len) { return W2N_SC(W2N_NR_fallocate, fd, mode, W2N_LO(off), W2N_HI(off), W2N_LO(len), W2N_HI(len)); }
static inline long sys_fadvise64(int fd, int64_t off, int64_t len, int advice) { return W2N_SC(W2N_NR_arm_fadvise64_64, fd, advice, W2N_LO(off), W2N_HI(off), W2N_LO(len), W2N_HI(len)); }
/* The *_time64 calls exist from Linux 5.1; older kernels (still common on 32-bit ARM boards) answer
 * ENOSYS. Then the old calls with a 32-bit time_t are used, converting the timespecs: a time that
 * does not fit (after January 2038) fails with EOVERFLOW instead of wrapping. w2n_sys_time32 (in
 * start.c) is set on the first ENOSYS so later calls go straight to the old ones; the runtime's
 * self-test sets it to exercise this path on kernels that have the time64 calls. */
extern int w2n_sys_time32;
struct w2n_timespec32 {
  int32_t tv_sec;
  int32_t tv_nsec;
};
static inline int w2n_time64_missing(long r) {
  if (r != -W2N_ENOSYS) return 0;
  w2n_sys_time32 = 1;
  return 1;
}
static inline long w2n_timespec_to32(const struct w2n_timespec *in, struct w2n_timespec32 *out) {
  int special = in->tv_nsec == W2N_UTIME_NOW || in->tv_nsec == W2N_UTIME_OMIT; /* seconds ignored */
  if (!special && in->tv_sec != (int32_t)in->tv_sec) return -W2N_EOVERFLOW;
  out->tv_sec = special ? 0 : (int32_t)in->tv_sec;
  out->tv_nsec = (int32_t)in->tv_nsec;
  return 0;
}
static inline long sys_utimensat(int dirfd, const char *path, const struct w2n_timespec *ts, int flags) {
  long r;
  if (!w2n_sys_time32 && !w2n_time64_missing(r = W2N_SC(W2N_NR_utimensat_time64, dirfd, path, ts, flags, 0, 0)))
    return r;
  struct w2n_timespec32 t[2];
  if (ts && ((r = w2n_timespec_to32(&ts[0], &t[0])) < 0 || (r = w2n_timespec_to32(&ts[1], &t[1])) < 0)) return r;
  return W2N_SC(W2N_NR_utimensat, dirfd, path, ts ? t : NULL, flags, 0, 0);
}
static inline long sys_ppoll(struct w2n_pollfd *fds, unsigned long n, const struct w2n_timespec *ts) {
  long r;
  if (!w2n_sys_time32 && !w2n_time64_missing(r = W2N_SC(W2N_NR_ppoll_time64, fds, n, ts, 0, 8, 0)))
    return r;
  struct w2n_timespec32 t;
  if (ts && (r = w2n_timespec_to32(ts, &t)) < 0) return r;
  return W2N_SC(W2N_NR_ppoll, fds, n, ts ? &t : NULL, 0, 8, 0);
}
static inline long w2n_clock_call32(long nr, int clk, struct w2n_timespec *ts) {
  struct w2n_timespec32 t;
  long r = W2N_SC(nr, clk, &t, 0, 0, 0, 0);
  if (r == 0) {
    ts->tv_sec = t.tv_sec;
    ts->tv_nsec = t.tv_nsec;
  }
  return r;
}
static inline long sys_clock_gettime(int clk, struct w2n_timespec *ts) {
  long r;
  if (!w2n_sys_time32 && !w2n_time64_missing(r = W2N_SC(W2N_NR_clock_gettime64, clk, ts, 0, 0, 0, 0)))
    return r;
  return w2n_clock_call32(W2N_NR_clock_gettime, clk, ts);
}
static inline long sys_clock_getres(int clk, struct w2n_timespec *ts) {
  long r;
  if (!w2n_sys_time32 && !w2n_time64_missing(r = W2N_SC(W2N_NR_clock_getres_time64, clk, ts, 0, 0, 0, 0)))
    return r;
  return w2n_clock_call32(W2N_NR_clock_getres, clk, ts);
}
/* mmap2 takes the offset in 4096-byte units. */
static inline void *sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off) { return (void *)W2N_SC(W2N_NR_mmap2, addr, len, prot, flags, fd, off >> 12); }
/* Linear memories move on 32-bit targets (memory.c). */
static inline void *sys_mremap(void *old, size_t old_len, size_t new_len, int flags) { return (void *)W2N_SC(W2N_NR_mremap, old, old_len, new_len, flags, 0, 0); }
#endif

/* mmap returns -errno in the pointer on failure. */
static inline int w2n_mmap_failed(void *p) { return (unsigned long)p > -4096UL; }

#endif
