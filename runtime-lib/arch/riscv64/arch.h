/* arch/riscv64/arch.h: riscv64 (RV64GC, lp64d) system-call ABI and signal-frame access for the runtime.
 *
 * Linux riscv syscall ABI: number in a7, arguments in a0..a5, `ecall`, result in a0 (-4095..-1 is
 * -errno); no other registers are clobbered. riscv64 uses the asm-generic syscall table, shared with
 * aarch64, in arch/generic/syscall_numbers.h, and the asm-generic open flags.
 */
#ifndef W2N_ARCH_H
#define W2N_ARCH_H

#include "../generic/syscall_numbers.h"

#define W2N_ARCH_NAME "riscv64"

static inline long w2n_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long a7 __asm__("a7") = n;
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d;
  register long a4 __asm__("a4") = e;
  register long a5 __asm__("a5") = f;
  __asm__ volatile("ecall"
                   : "+r"(a0)
                   : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                   : "memory");
  return a0;
}

/* asm-generic open(2) flags. */
#define W2N_O_DIRECTORY 0200000
#define W2N_O_NOFOLLOW 0400000
#define W2N_O_LARGEFILE 0

/* riscv defines no SA_RESTORER and its struct sigaction has no sa_restorer field: the kernel returns
 * from handlers through the vDSO's rt_sigreturn (qemu-user through its own trampoline). */
#define W2N_ARCH_USE_RESTORER 0

/* ucontext: uc_flags(8) uc_link(8) uc_stack(24) uc_sigmask(8) unused(120) -> 168; uc_mcontext
 * (struct sigcontext, 16-aligned because of the Q-extension FP state) at 176 starts with
 * sc_regs.pc. */
static inline void *w2n_arch_context_pc(void *ucontext) {
  return *(void **)((char *)ucontext + 176);
}

#endif
