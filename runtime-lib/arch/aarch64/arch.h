/* arch/aarch64/arch.h: aarch64 system-call ABI and signal-frame access for the runtime.
 *
 * Linux aarch64 syscall ABI: number in x8, arguments in x0..x5, `svc #0`, result in x0
 * (-4095..-1 is -errno); no other registers are clobbered. aarch64 uses the asm-generic syscall
 * table, shared with riscv64, in arch/generic/syscall_numbers.h.
 */
#ifndef W2N_ARCH_H
#define W2N_ARCH_H

#include "../generic/syscall_numbers.h"

#define W2N_ARCH_NAME "aarch64"

static inline long w2n_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc #0"
                   : "+r"(x0)
                   : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory", "cc");
  return x0;
}

/* open(2) flags that differ from asm-generic on arm/arm64. */
#define W2N_O_DIRECTORY 040000
#define W2N_O_NOFOLLOW 0100000
#define W2N_O_LARGEFILE 0

/* arm64 would fall back to the vDSO trampoline without SA_RESTORER; we still pass our own so the
 * behaviour does not depend on the vDSO (and qemu-user honours it). */
#define W2N_ARCH_USE_RESTORER 1

/* ucontext: uc_flags(8) uc_link(8) uc_stack(24) uc_sigmask(8) pad(120) -> 168, uc_mcontext is
 * 16-aligned at 176. sigcontext: fault_address(8) regs[31](248) sp(8) pc -> pc at 176+264. */
static inline void *w2n_arch_context_pc(void *ucontext) {
  return *(void **)((char *)ucontext + 176 + 8 + 31 * 8 + 8);
}

#endif
