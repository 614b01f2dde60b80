/* src/trap.c: trap reporting and the SIGSEGV/SIGBUS handler that turns hardware faults into traps.
 *
 * A trap prints "wasm trap: <message>" and "  in function <name>" to stderr and exits with status
 * 134. A trap the generated code detects (w2n_trap) names its function itself. For the others (a
 * fault, or a trap in a runtime helper called from wasm) the name is found from a PC inside the
 * trapping function, in the entries that each compiled object puts in the section "w2n_names" for the
 * functions it defines after optimisation: unsorted, so we take the entry with the greatest start
 * address <= pc - 1 (pc may be a return address just past a call at the function's very end, hence
 * the -1).
 *
 * The fault handler runs on an alternate signal stack (the fault may be a stack overflow). It only
 * claims a fault as a trap when it is one for certain: PC inside generated code (the w2n_code
 * section) and the data address inside a linear-memory reservation -> out of bounds memory access;
 * data address inside the guard region of the wasm stack (any thread's) -> call stack exhausted.
 * Signal dispositions are process-wide; each thread has its own alternate stack. Anything else is a
 * genuine crash: the default action is restored and the handler returns, so the instruction faults
 * again and the process dies of the signal as it would have without us.
 */
#include "rt.h"
#include "sys.h"

/* Weak so that a module without any generated code (or a test) still links; the range is empty. */
extern const char __start_w2n_code[] __attribute__((weak));
extern const char __stop_w2n_code[] __attribute__((weak));
extern const w2n_function_name __start_w2n_names[] __attribute__((weak));
extern const w2n_function_name __stop_w2n_names[] __attribute__((weak));


static const char *function_name_for(const void *pc) {
  uintptr_t target = (uintptr_t)pc - 1;
  /* A PC outside generated code (e.g. a guard-page hit inside a WASI call) would otherwise be
   * attributed to whichever wasm function happens to be placed last. */
  uintptr_t lo = (uintptr_t)__start_w2n_code, hi = (uintptr_t)__stop_w2n_code;
  if (lo < hi && (target < lo || target >= hi)) return NULL;
  const char *best = NULL;
  uintptr_t best_addr = 0;
  for (const w2n_function_name *e = __start_w2n_names; e < __stop_w2n_names; e++) {
    uintptr_t a = (uintptr_t)e->code;
    if (a <= target && (best == NULL || a >= best_addr)) {
      best = e->name;
      best_addr = a;
    }
  }
  return best;
}

static _Noreturn void report(uint32_t kind, const char *function) {
  w2n_puts_err("wasm trap: ");
  w2n_puts_err(w2n_result_message((w2n_result)kind));
  w2n_puts_err("\n  in function ");
  w2n_puts_err(function ? function : "<unknown>");
  w2n_puts_err("\n");
  sys_exit_group(134);
}

_Noreturn void w2n_trap_report(uint32_t kind, const void *pc) { report(kind, pc ? function_name_for(pc) : NULL); }

_Noreturn void w2n_trap(uint32_t kind, const char *function) { report(kind, function); }

_Noreturn void w2n_trap_unknown_import(const char *import) {
  w2n_puts_err("wasm trap: call to unknown import ");
  w2n_puts_err(import);
  w2n_puts_err("\n  in function ");
  w2n_puts_err(import);
  w2n_puts_err("\n");
  sys_exit_group(134);
}

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
    if (pc >= (uintptr_t)__start_w2n_code && pc < (uintptr_t)__stop_w2n_code && w2n_is_memory_address(addr))
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
