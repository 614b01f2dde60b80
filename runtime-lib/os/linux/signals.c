/* os/linux/signals.c: the SIGSEGV/SIGBUS handler that turns hardware faults into wasm traps.
 *
 * The fault handler runs on an alternate signal stack (the fault may be a stack overflow). It only
 * claims a fault as a trap when it is one for certain: PC inside generated code (the w2n_code
 * section) and the data address inside a linear-memory reservation -> out of bounds memory access;
 * data address inside the guard region of a wasm stack (any thread's) -> call stack exhausted
 * (src/trap.c reports both). Signal dispositions are process-wide; each thread has its own
 * alternate stack. Anything else is a genuine crash: the default action is restored and the handler returns,
 * so the instruction faults again and the process dies of the signal as it would have without us.
 */
#include "rt.h"
#include "os.h"

static void restore_default(int sig) {
  struct w2n_kernel_sigaction sa = {0};
  sa.handler = W2N_SIG_DFL;
  sys_rt_sigaction(sig, &sa, NULL);
}

static void fault_handler(int sig, w2n_siginfo *info, void *ucontext) {
  uintptr_t pc = (uintptr_t)w2n_arch_context_pc(ucontext);
  uintptr_t addr = (uintptr_t)info->si_addr;
  int kernel_fault = info->si_code > 0; /* si_code <= 0: sent by kill/tgkill, not a real fault */
  if (kernel_fault) {
    if ((addr >= w2n_stack_guard_lo && addr < w2n_stack_guard_hi) ||
        (w2n_thread_stack_guard && w2n_thread_stack_guard(addr)))
      w2n_trap_report(W2N_TRAP_STACK_EXHAUSTED, (const void *)(pc + 1));
    if (pc >= W2N_CODE_START && pc < W2N_CODE_STOP && w2n_is_memory_address(addr))
      w2n_trap_report(W2N_TRAP_OOB_MEMORY, (const void *)(pc + 1)); /* +1: lookup uses pc - 1 */
  }
  /* Not a wasm trap: die of the signal the normal way. */
  restore_default(sig);
  if (!kernel_fault) sys_tgkill(sys_getpid(), sys_gettid(), sig);
}

extern void w2n_arch_restore_rt(void);

/* Each thread has its own alternate stack (sigaltstack is per thread): the main thread's is static,
 * threads' are mapped by thread.c. */
void w2n_install_altstack(void *stack, size_t size) {
  w2n_stack_t ss = {stack, 0, size};
  sys_sigaltstack(&ss, NULL);
}

void w2n_install_signal_handlers(void) {
  static char altstack[64 * 1024] __attribute__((aligned(16)));
  w2n_install_altstack(altstack, sizeof altstack);
  struct w2n_kernel_sigaction sa = {0};
  sa.handler = (void *)fault_handler;
  sa.flags = W2N_SA_SIGINFO | W2N_SA_ONSTACK;
#if W2N_ARCH_USE_RESTORER
  sa.flags |= W2N_SA_RESTORER;
  sa.restorer = w2n_arch_restore_rt;
#endif
  sys_rt_sigaction(W2N_SIGSEGV, &sa, NULL);
  sys_rt_sigaction(W2N_SIGBUS, &sa, NULL);
}
