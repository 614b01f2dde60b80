/* arch/armv7/arch.h: 32-bit ARM (EABI, hard float) system-call ABI, syscall numbers and signal-frame
 * access for the runtime.
 *
 * Linux ARM EABI syscall ABI: number in r7, arguments in r0..r5, `svc #0`, result in r0 (-4095..-1 is
 * -errno); no other registers are clobbered. A 64-bit argument occupies an even/odd register pair
 * (r0:r1, r2:r3 or r4:r5, low word first), so some calls take a padding argument first. The runtime
 * is built in ARM state, where the frame pointer is r11 and r7 is free for the number.
 *
 * ARM has its own syscall table (arch/arm/tools/syscall.tbl), and being 32-bit it defines
 * W2N_ARCH_ILP32: sys.h then uses the 64-bit-offset calls (_llseek, ftruncate64, arm_fadvise64_64,
 * mmap2) and the time64 calls (clock_gettime64, ppoll_time64, utimensat_time64: Linux 5.1+), whose
 * struct __kernel_timespec is the same 16 bytes as on 64-bit targets; on older kernels it falls back
 * to the 32-bit-time calls (clock_gettime, ppoll, utimensat), also numbered here.
 */
#ifndef W2N_ARCH_H
#define W2N_ARCH_H

#define W2N_ARCH_NAME "armv7"
#define W2N_ARCH_ILP32 1

static inline long w2n_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long r7 __asm__("r7") = n;
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r3 __asm__("r3") = d;
  register long r4 __asm__("r4") = e;
  register long r5 __asm__("r5") = f;
  __asm__ volatile("svc #0"
                   : "+r"(r0)
                   : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
                   : "memory", "cc");
  return r0;
}

#define W2N_NR_read 3
#define W2N_NR_write 4
#define W2N_NR_close 6
#define W2N_NR_getpid 20
#define W2N_NR_kill 37
#define W2N_NR_ioctl 54
#define W2N_NR_fcntl 55
#define W2N_NR_munmap 91
#define W2N_NR_fsync 118
#define W2N_NR_mprotect 125
#define W2N_NR__llseek 140
#define W2N_NR_readv 145
#define W2N_NR_writev 146
#define W2N_NR_fdatasync 148
#define W2N_NR_sched_yield 158
#define W2N_NR_mremap 163
#define W2N_NR_futex 240
#define W2N_NR_futex_time64 422
#define W2N_NR_rt_sigreturn 173
#define W2N_NR_rt_sigaction 174
#define W2N_NR_rt_sigprocmask 175
#define W2N_NR_pread64 180
#define W2N_NR_pwrite64 181
#define W2N_NR_sigaltstack 186
#define W2N_NR_mmap2 192
#define W2N_NR_ftruncate64 194
#define W2N_NR_getdents64 217
#define W2N_NR_gettid 224
#define W2N_NR_exit_group 248
#define W2N_NR_tgkill 268
#define W2N_NR_arm_fadvise64_64 270
#define W2N_NR_openat 322
#define W2N_NR_mkdirat 323
#define W2N_NR_unlinkat 328
#define W2N_NR_linkat 330
#define W2N_NR_symlinkat 331
#define W2N_NR_readlinkat 332
#define W2N_NR_fallocate 352
#define W2N_NR_dup3 358
#define W2N_NR_preadv 361
#define W2N_NR_pwritev 362
#define W2N_NR_renameat2 382
#define W2N_NR_getrandom 384
#define W2N_NR_statx 397
/* the 32-bit-time calls, used only on kernels before 5.1 (sys.h) */
#define W2N_NR_clock_gettime 263
#define W2N_NR_clock_getres 264
#define W2N_NR_ppoll 336
#define W2N_NR_utimensat 348
#define W2N_NR_clock_gettime64 403
#define W2N_NR_clock_getres_time64 406
#define W2N_NR_utimensat_time64 412
#define W2N_NR_ppoll_time64 414
#define W2N_NR_openat2 437
/* sockets (WASI sock_* and --tcp-listen) */
#define W2N_NR_socket 281
#define W2N_NR_bind 282
#define W2N_NR_listen 284
#define W2N_NR_shutdown 293
#define W2N_NR_setsockopt 294
#define W2N_NR_sendmsg 296
#define W2N_NR_recvmsg 297
#define W2N_NR_accept4 366

/* open(2) flags that differ on arm (arch/arm/include/uapi/asm/fcntl.h). O_LARGEFILE lets a 32-bit
 * process open files of 2 GiB and more. */
#define W2N_O_DIRECTORY 040000
#define W2N_O_NOFOLLOW 0100000
#define W2N_O_LARGEFILE 0400000

/* Without SA_RESTORER the kernel returns through its sigpage; we pass our own trampoline
 * (w2n_arch_restore_rt, ARM state) so qemu-user and the kernel behave alike. */
#define W2N_ARCH_USE_RESTORER 1

/* ucontext: uc_flags(4) uc_link(4) uc_stack(12) -> struct sigcontext at 20: trap_no, error_code,
 * oldmask, arm_r0..arm_r10, arm_fp, arm_ip, arm_sp, arm_lr, arm_pc -> pc is word 18 of sigcontext. */
static inline void *w2n_arch_context_pc(void *ucontext) {
  return *(void **)((char *)ucontext + 20 + 18 * 4);
}

#endif
