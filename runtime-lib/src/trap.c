/* src/trap.c: trap reporting, shared by every OS.
 *
 * A trap prints "wasm trap: <message>" and "  in function <name>" to stderr and exits with status
 * 134. A trap the generated code detects (w2n_trap) names its function itself. For the others (a
 * fault, or a trap in a runtime helper called from wasm) the name is found from a PC inside the
 * trapping function, in the entries that each compiled object puts in the section "w2n_names" for the
 * functions it defines after optimisation: unsorted, so we take the entry with the greatest start
 * address <= pc - 1 (pc may be a return address just past a call at the function's very end, hence
 * the -1).
 *
 * Hardware faults become traps in the OS's fault handler (os/linux/signals.c: SIGSEGV/SIGBUS;
 * os/windows/exceptions.c: a vectored exception handler), which calls w2n_trap_report. The code and
 * name sections' bounds come from os.h (ELF __start_/__stop_ symbols, or COFF grouped sections).
 */
#include "rt.h"
#include "os.h"

static const char *function_name_for(const void *pc) {
  uintptr_t target = (uintptr_t)pc - 1;
  /* A PC outside generated code (e.g. a guard-page hit inside a WASI call) would otherwise be
   * attributed to whichever wasm function happens to be placed last. */
  uintptr_t lo = W2N_CODE_START, hi = W2N_CODE_STOP;
  if (lo < hi && (target < lo || target >= hi)) return NULL;
  const char *best = NULL;
  uintptr_t best_addr = 0;
  for (const w2n_function_name *e = W2N_NAMES_START; e < W2N_NAMES_STOP; e++) {
    uintptr_t a = (uintptr_t)e->code;
    if (a && a <= target /* a null entry is a section marker (os/windows/sections.c) */ && (best == NULL || a >= best_addr)) {
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
  w2n_os_exit(134);
}

_Noreturn void w2n_trap_report(uint32_t kind, const void *pc) { report(kind, pc ? function_name_for(pc) : NULL); }

_Noreturn void w2n_trap(uint32_t kind, const char *function) { report(kind, function); }

_Noreturn void w2n_trap_unknown_import(const char *import) {
  w2n_puts_err("wasm trap: call to unknown import ");
  w2n_puts_err(import);
  w2n_puts_err("\n  in function ");
  w2n_puts_err(import);
  w2n_puts_err("\n");
  w2n_os_exit(134);
}
