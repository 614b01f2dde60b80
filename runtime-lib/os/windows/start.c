/* os/windows/start.c: process start-up on Windows: from the PE entry point to w2n_module_main and exit.
 *
 * The linker makes w2n_windows_start the entry point (no C runtime). It installs the vectored
 * exception handler (exceptions.c), splits the command line (cmdline.c), initialises WASI (the
 * environment, wasi-shim/windows), then makes the wasm stack as on Linux: a W2N_STACK_SIZE region
 * aligned to its size (w2n_abi.h: per-thread state such as the exception handler chain is found from
 * the stack pointer), whose lowest 64 KiB guard is only reserved (so any access faults) and the rest
 * committed, w2n_stack_limit 256 KiB above the guard (generated code traps when RSP drops below it,
 * leaving headroom for runtime and WASI calls made from the deepest wasm frame). The stack starts below
 * the thread block at its top. A reservation cannot be trimmed on Windows, so twice the size is
 * reserved and the aligned half used. The module's return value becomes the exit status via
 * ExitProcess.
 */
#include "rt.h"
#include "os.h"
#include "windows.h"

#define WASM_STACK_SIZE W2N_STACK_SIZE
#define WASM_STACK_GUARD W2N_STACK_GUARD
#define WASM_STACK_HEADROOM W2N_STACK_HEADROOM

void *w2n_stack_limit;
uintptr_t w2n_stack_guard_lo, w2n_stack_guard_hi;

extern int32_t w2n_windows_call_on_stack(int32_t (*fn)(void), void *stack_top);
void w2n_windows_install_exception_handler(void);
_Noreturn void w2n_windows_start(void);

_Noreturn void w2n_windows_start(void) {
  w2n_windows_install_exception_handler();
  char **argv;
  int argc = w2n_split_command_line(GetCommandLineW(), &argv);
  w2n_wasi_init(argc, argv);

  char *raw = w2n_os_reserve(2 * (size_t)WASM_STACK_SIZE);
  char *region = raw ? (char *)(((uintptr_t)raw + WASM_STACK_SIZE - 1) & ~(uintptr_t)(WASM_STACK_SIZE - 1)) : NULL;
  if (!region || w2n_os_commit(region + WASM_STACK_GUARD, WASM_STACK_SIZE - WASM_STACK_GUARD) < 0)
    w2n_fatal("cannot allocate the wasm stack");
  w2n_stack_guard_lo = (uintptr_t)region;
  w2n_stack_guard_hi = (uintptr_t)region + WASM_STACK_GUARD;
  w2n_stack_limit = region + WASM_STACK_GUARD + WASM_STACK_HEADROOM;

  int32_t status = w2n_windows_call_on_stack(w2n_module_main, region + WASM_STACK_SIZE - W2N_STACK_TOP_BLOCK);
  w2n_os_exit(status);
}
