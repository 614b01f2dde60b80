/* os/darwin/libsystem.h: the libSystem functions, types and constants the macOS runtime uses.
 *
 * No SDK: what the runtime needs of <sys/mman.h>, <signal.h>, <unistd.h>, <time.h> and <errno.h> is
 * declared here, with macOS's values and layouts (the same on x86_64 and arm64 unless said). macOS
 * has no stable system-call ABI, so every call goes through libSystem's C functions; the linker
 * resolves them against libSystem.tbd, generated from libSystem.syms beside this file, which must
 * list every function declared here (test/macos checks both lists against the real exports).
 */
#ifndef W2N_LIBSYSTEM_H
#define W2N_LIBSYSTEM_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int64_t off_t;
typedef int32_t pid_t;

/* <sys/mman.h> */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 0x0002
#define MAP_ANON 0x1000
#define MAP_FAILED ((void *)-1)
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int mprotect(void *addr, size_t len, int prot);
int munmap(void *addr, size_t len);

/* <unistd.h>, <stdlib.h>, <sys/random.h> */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
_Noreturn void _exit(int status);
int issetugid(void);
int getentropy(void *buf, size_t n); /* at most 256 bytes per call */
pid_t getpid(void);

/* <errno.h>: errno is *__error(). */
int *__error(void);
#define EINTR 4
#define EBADF 9
#define EAGAIN 35
#define EPIPE 32

/* <sys/stat.h>: only st_mode is read, at offset 4 of the 64-bit-inode struct stat on both
 * architectures (x86_64 exports that struct's fstat as fstat$INODE64; arm64 has only it). */
#define S_IFMT 0170000
#define S_IFIFO 0010000
#define S_IFCHR 0020000
#define S_IFDIR 0040000
#define S_IFBLK 0060000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_IFSOCK 0140000
typedef struct w2n_darwin_stat {
  int32_t st_dev;
  uint16_t st_mode;
  uint8_t rest[144 - 6]; /* sizeof(struct stat) is 144 */
} w2n_darwin_stat;
#if defined(__x86_64__)
int fstat(int fd, w2n_darwin_stat *st) __asm("_fstat$INODE64");
#else
int fstat(int fd, w2n_darwin_stat *st);
#endif

/* <time.h> (macOS 10.12+) */
struct timespec {
  long tv_sec;
  long tv_nsec;
};
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 6
#define CLOCK_PROCESS_CPUTIME_ID 12
#define CLOCK_THREAD_CPUTIME_ID 16
int clock_gettime(int clock_id, struct timespec *ts);
int clock_getres(int clock_id, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
int sched_yield(void);

/* <signal.h>. The user-level struct sigaction (libSystem's sigaction takes this one, not the
 * kernel's __sigaction with a trampoline), siginfo_t (si_addr at offset 24) and stack_t (ss_sp,
 * ss_size, ss_flags: not Linux's order). */
#define SIGILL 4
#define SIGFPE 8
#define SIGBUS 10
#define SIGSEGV 11
#define SA_ONSTACK 0x0001
#define SA_SIGINFO 0x0040
#define SIG_DFL ((void *)0)
#define FPE_INTDIV 7
#define FPE_INTOVF 8
typedef struct w2n_darwin_siginfo {
  int si_signo, si_errno, si_code;
  pid_t si_pid;
  uint32_t si_uid;
  int si_status;
  void *si_addr;
  uint8_t rest[104 - 32];
} w2n_darwin_siginfo;
struct sigaction {
  void *sa_handler; /* or sa_sigaction with SA_SIGINFO */
  uint32_t sa_mask;
  int sa_flags;
};
typedef struct w2n_darwin_stack {
  void *ss_sp;
  size_t ss_size;
  int ss_flags;
} w2n_darwin_stack;
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigaltstack(const w2n_darwin_stack *ss, w2n_darwin_stack *old);
int kill(pid_t pid, int sig);

#endif
