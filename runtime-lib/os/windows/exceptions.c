/* os/windows/exceptions.c: the vectored exception handler that turns hardware faults into wasm traps.
 *
 * Windows reports faults as structured exceptions; a vectored handler sees them first, before any
 * frame-based handler, and needs no unwind tables. As the Linux signal handler (os/linux/signals.c),
 * it claims an access violation as a trap only when it is one for certain: the address inside the wasm
 * stack's guard region -> call stack exhausted; the faulting PC inside generated code and the address
 * inside a linear-memory reservation -> out of bounds memory access. src/trap.c reports it and exits
 * with status 134. Anything else is left to Windows (EXCEPTION_CONTINUE_SEARCH): the process dies of
 * the exception as it would have without us.
 *
 * Windows delivers an exception on the faulting thread's own stack. A guard hit by __chkstk's probes
 * or by a load or store leaves RSP above the guard, so there is room; if RSP itself were inside the
 * guard, Windows could not deliver it and ends the process (exit status 0xC00000FD or similar) -- the
 * 256 KiB headroom above the stack limit makes that a runtime bug, not something a module can cause.
 */
#include "rt.h"
#include "os.h"
#include "win32.h"

static long handler(EXCEPTION_POINTERS *info) {
  const EXCEPTION_RECORD *r = info->ExceptionRecord;
  uintptr_t pc = (uintptr_t)r->ExceptionAddress;
  if (r->ExceptionCode == EXCEPTION_ACCESS_VIOLATION && r->NumberParameters >= 2) {
    uintptr_t addr = r->ExceptionInformation[1];
    if (addr >= w2n_stack_guard_lo && addr < w2n_stack_guard_hi)
      w2n_trap_report(W2N_TRAP_STACK_EXHAUSTED, (const void *)(pc + 1)); /* +1: lookup uses pc - 1 */
    if (pc >= W2N_CODE_START && pc < W2N_CODE_STOP && w2n_is_memory_address(addr))
      w2n_trap_report(W2N_TRAP_OOB_MEMORY, (const void *)(pc + 1));
  }
  return EXCEPTION_CONTINUE_SEARCH;
}

void w2n_windows_install_exception_handler(void) {
  if (!AddVectoredExceptionHandler(1, handler)) w2n_fatal("cannot install the exception handler");
}
