/* os/windows/start.c: process start-up on Windows: from the PE entry point to w2n_module_main and exit.
 *
 * The linker makes w2n_windows_start the entry point (no C runtime). It installs the vectored
 * exception handler (exceptions.c), splits the command line (cmdline.c), initialises WASI (the
 * environment, wasi-shim/windows), then reserves the wasm stack as on Linux: 8 MiB committed with a
 * 64 KiB guard below it that is only reserved (so any access faults), w2n_stack_limit 256 KiB above
 * its bottom (generated code traps when RSP drops below it, leaving headroom for runtime and WASI
 * calls made from the deepest wasm frame). The module runs on that stack; its return value becomes
 * the exit status via ExitProcess.
 */
#include "rt.h"
#include "os.h"
#include "windows.h"

#define WASM_STACK_SIZE (8u << 20)
#define WASM_STACK_GUARD (64u << 10)
#define WASM_STACK_HEADROOM (256u << 10)

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

  size_t total = WASM_STACK_GUARD + WASM_STACK_SIZE;
  char *region = w2n_os_reserve(total);
  if (!region || w2n_os_commit(region + WASM_STACK_GUARD, WASM_STACK_SIZE) < 0)
    w2n_fatal("cannot allocate the wasm stack");
  w2n_stack_guard_lo = (uintptr_t)region;
  w2n_stack_guard_hi = (uintptr_t)region + WASM_STACK_GUARD;
  w2n_stack_limit = region + WASM_STACK_GUARD + WASM_STACK_HEADROOM;

  int32_t status = w2n_windows_call_on_stack(w2n_module_main, region + total);
  w2n_os_exit(status);
}
