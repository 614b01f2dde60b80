/* os/darwin/signals.c: the signal handler that turns hardware faults into wasm traps on macOS.
 *
 * macOS reports faults as Mach exceptions, which the kernel turns into signals for a process that
 * has no exception port of its own: an access to a PROT_NONE page is SIGSEGV or SIGBUS (arm64 Macs
 * raise SIGBUS for protection faults), an x86-64 integer division fault SIGFPE. The handler runs on
 * an alternate signal stack (the fault may be a stack overflow) and claims a fault as a trap only
 * when it is one for certain, as the Linux handler does (os/linux/signals.c): the address inside
 * the wasm stack's guard -> call stack exhausted; the PC inside generated code and the address inside
 * a linear-memory reservation -> out of bounds memory access; SIGFPE at a PC inside generated code
 * -> integer divide by zero or overflow (the translator checks divisions itself, so this is a
 * second line). src/trap.c reports it and exits with status 134. SIGILL is handled the same way but
 * never claimed: LLVM ends Mach-O code that cannot be reached (after a call to a trap function) with
 * ud2/brk, which a correct program never executes. Anything else restores the default action and
 * returns, so the instruction faults again and the process dies of the signal as it would have
 * without us (or, for a signal sent by kill, it is raised again).
 *
 * The PC and the fault address come from the thread state macOS saved: ucontext's uc_mcontext
 * (offset 48 of the 64-bit ucontext_t) points to a __darwin_mcontext64, whose layout differs per
 * architecture:
 *   x86_64: __es (x86_exception_state64: trapno, cpu, err, faultvaddr at 8), then __ss
 *           (x86_thread_state64: rax..r15, rip at 16 * 8) at 16, so rip at 144;
 *   arm64:  __es (arm_exception_state64: far at 0, esr, exception), then __ss
 *           (arm_thread_state64: x0-x28, fp, lr, sp, pc) at 16, so pc at 16 + 32 * 8 = 272.
 */
#include "rt.h"
#include "os.h"
#include "libsystem.h"

#define UC_MCONTEXT 48
#if defined(__x86_64__)
#define MC_FAULT_ADDRESS 8
#define MC_PC 144
#elif defined(__aarch64__)
#define MC_FAULT_ADDRESS 0
#define MC_PC 272
#else
#error "macOS runs on x86_64 and arm64 only"
#endif

static uintptr_t mcontext_word(void *ucontext, size_t offset) {
  const uint8_t *mc = *(const uint8_t *const *)((const uint8_t *)ucontext + UC_MCONTEXT);
  return *(const uintptr_t *)(mc + offset);
}

static void restore_default(int sig) {
  struct sigaction sa = {0};
  sa.sa_handler = SIG_DFL;
  sigaction(sig, &sa, NULL);
}

static void fault_handler(int sig, w2n_darwin_siginfo *info, void *ucontext) {
  uintptr_t pc = mcontext_word(ucontext, MC_PC);
  uintptr_t addr = mcontext_word(ucontext, MC_FAULT_ADDRESS);
  /* A fault's si_code is small (SEGV_ACCERR, BUS_ADRERR, FPE_INTDIV...); kill() and sigqueue() give
   * SI_USER (0x10001) and the like. */
  int kernel_fault = info->si_code > 0 && info->si_code < 0x10000;
  int in_code = pc >= W2N_CODE_START && pc < W2N_CODE_STOP;
  if (kernel_fault && (sig == SIGSEGV || sig == SIGBUS)) {
    if (addr >= w2n_stack_guard_lo && addr < w2n_stack_guard_hi)
      w2n_trap_report(W2N_TRAP_STACK_EXHAUSTED, (const void *)(pc + 1)); /* +1: lookup uses pc - 1 */
    if (in_code && w2n_is_memory_address(addr)) w2n_trap_report(W2N_TRAP_OOB_MEMORY, (const void *)(pc + 1));
  }
  if (kernel_fault && sig == SIGFPE && in_code) {
    if (info->si_code == FPE_INTDIV) w2n_trap_report(W2N_TRAP_INT_DIV_BY_ZERO, (const void *)(pc + 1));
    if (info->si_code == FPE_INTOVF) w2n_trap_report(W2N_TRAP_INT_OVERFLOW, (const void *)(pc + 1));
  }
  restore_default(sig);
  if (!kernel_fault) kill(getpid(), sig);
}

void w2n_install_altstack(void *stack, size_t size) {
  w2n_darwin_stack ss = {stack, size, 0};
  sigaltstack(&ss, NULL);
}

void w2n_install_signal_handlers(void) {
  /* 64 KiB: four arm64 pages; more than MINSIGSTKSZ (32 KiB) and what the handler needs. */
  static char altstack[64 * 1024] __attribute__((aligned(16)));
  w2n_install_altstack(altstack, sizeof altstack);
  static const int signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    struct sigaction sa = {0};
    sa.sa_handler = (void *)fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaction(signals[i], &sa, NULL) < 0) w2n_fatal("cannot install the fault handlers");
  }
}
