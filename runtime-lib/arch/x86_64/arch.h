/* arch/x86_64/arch.h: x86_64 system-call ABI, syscall numbers and signal-frame access for the runtime.
 *
 * Linux x86_64 syscall ABI: number in rax, arguments in rdi, rsi, rdx, r10, r8, r9, `syscall`
 * instruction, result in rax (-4095..-1 is -errno); the instruction clobbers rcx and r11.
 * Everything else the runtime needs from the architecture (open flags that differ between
 * architectures, where the faulting PC sits in the ucontext) is here too, so adding an
 * architecture means adding one of these headers and a start.S next to it.
 */
#ifndef W2N_ARCH_H
#define W2N_ARCH_H

#define W2N_ARCH_NAME "x86_64"

static inline long w2n_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}

/* x86_64 has its own syscall table (arch/x86/entry/syscalls/syscall_64.tbl). */
#define W2N_NR_read 0
#define W2N_NR_write 1
#define W2N_NR_close 3
#define W2N_NR_lseek 8
#define W2N_NR_mmap 9
#define W2N_NR_mprotect 10
#define W2N_NR_munmap 11
#define W2N_NR_mremap 25
#define W2N_NR_futex 202
#define W2N_NR_rt_sigaction 13
#define W2N_NR_rt_sigprocmask 14
#define W2N_NR_rt_sigreturn 15
#define W2N_NR_ioctl 16
#define W2N_NR_pread64 17
#define W2N_NR_pwrite64 18
#define W2N_NR_readv 19
#define W2N_NR_writev 20
#define W2N_NR_sched_yield 24
#define W2N_NR_getpid 39
#define W2N_NR_kill 62
#define W2N_NR_fcntl 72
#define W2N_NR_fsync 74
#define W2N_NR_fdatasync 75
#define W2N_NR_ftruncate 77
#define W2N_NR_sigaltstack 131
#define W2N_NR_gettid 186
#define W2N_NR_getdents64 217
#define W2N_NR_fadvise64 221
#define W2N_NR_clock_gettime 228
#define W2N_NR_clock_getres 229
#define W2N_NR_exit_group 231
#define W2N_NR_tgkill 234
#define W2N_NR_openat 257
#define W2N_NR_mkdirat 258
#define W2N_NR_unlinkat 263
#define W2N_NR_linkat 265
#define W2N_NR_symlinkat 266
#define W2N_NR_readlinkat 267
#define W2N_NR_ppoll 271
#define W2N_NR_utimensat 280
#define W2N_NR_fallocate 285
#define W2N_NR_dup3 292
#define W2N_NR_preadv 295
#define W2N_NR_pwritev 296
#define W2N_NR_renameat2 316
#define W2N_NR_getrandom 318
#define W2N_NR_statx 332
#define W2N_NR_openat2 437
/* sockets (WASI sock_* and --tcp-listen) */
#define W2N_NR_socket 41
#define W2N_NR_sendmsg 46
#define W2N_NR_recvmsg 47
#define W2N_NR_shutdown 48
#define W2N_NR_bind 49
#define W2N_NR_listen 50
#define W2N_NR_setsockopt 54
#define W2N_NR_accept4 288

/* open(2) flags that are not the same on every architecture (asm-generic values on x86_64). */
#define W2N_O_DIRECTORY 0200000
#define W2N_O_NOFOLLOW 0400000
#define W2N_O_LARGEFILE 0

/* The x86_64 kernel requires SA_RESTORER: it returns from a handler to sa_restorer, which must
 * issue rt_sigreturn (w2n_arch_restore_rt in start.S). */
#define W2N_ARCH_USE_RESTORER 1

/* ucontext_t: uc_flags(8) uc_link(8) uc_stack(24) then struct sigcontext, whose rip is the 17th
 * 8-byte slot (r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip): REG_RIP == 16. */
static inline void *w2n_arch_context_pc(void *ucontext) {
  return *(void **)((char *)ucontext + 40 + 16 * 8);
}

#endif
