/* arch/generic/syscall_numbers.h: the asm-generic syscall table (include/uapi/asm-generic/unistd.h).
 *
 * aarch64 and riscv64 (and other newer ports) share this numbering, so their arch.h includes it
 * instead of repeating it. Only calls the runtime uses are listed; note there is no plain
 * renameat/open/dup2 here, which is why the runtime uses renameat2/openat/dup3 everywhere.
 */
#ifndef W2N_SYSCALL_NUMBERS_GENERIC_H
#define W2N_SYSCALL_NUMBERS_GENERIC_H

#define W2N_NR_dup3 24
#define W2N_NR_fcntl 25
#define W2N_NR_ioctl 29
#define W2N_NR_mkdirat 34
#define W2N_NR_unlinkat 35
#define W2N_NR_symlinkat 36
#define W2N_NR_linkat 37
#define W2N_NR_ftruncate 46
#define W2N_NR_fallocate 47
#define W2N_NR_openat 56
#define W2N_NR_close 57
#define W2N_NR_getdents64 61
#define W2N_NR_lseek 62
#define W2N_NR_read 63
#define W2N_NR_write 64
#define W2N_NR_readv 65
#define W2N_NR_writev 66
#define W2N_NR_pread64 67
#define W2N_NR_pwrite64 68
#define W2N_NR_preadv 69
#define W2N_NR_pwritev 70
#define W2N_NR_ppoll 73
#define W2N_NR_readlinkat 78
#define W2N_NR_fsync 82
#define W2N_NR_fdatasync 83
#define W2N_NR_utimensat 88
#define W2N_NR_exit_group 94
#define W2N_NR_clock_gettime 113
#define W2N_NR_clock_getres 114
#define W2N_NR_sched_yield 124
#define W2N_NR_kill 129
#define W2N_NR_tgkill 131
#define W2N_NR_sigaltstack 132
#define W2N_NR_rt_sigaction 134
#define W2N_NR_rt_sigprocmask 135
#define W2N_NR_rt_sigreturn 139
#define W2N_NR_getpid 172
#define W2N_NR_gettid 178
#define W2N_NR_munmap 215
#define W2N_NR_mremap 216
#define W2N_NR_futex 98
#define W2N_NR_mmap 222
#define W2N_NR_fadvise64 223
#define W2N_NR_mprotect 226
#define W2N_NR_renameat2 276
#define W2N_NR_getrandom 278
#define W2N_NR_statx 291
#define W2N_NR_openat2 437
/* sockets (WASI sock_* and --tcp-listen) */
#define W2N_NR_socket 198
#define W2N_NR_bind 200
#define W2N_NR_listen 201
#define W2N_NR_setsockopt 208
#define W2N_NR_shutdown 210
#define W2N_NR_sendmsg 211
#define W2N_NR_recvmsg 212
#define W2N_NR_accept4 242

#endif
