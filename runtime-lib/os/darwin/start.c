/* os/darwin/start.c: process start-up on macOS: from dyld's call of the entry point to w2n_module_main.
 *
 * The executable's LC_MAIN entry point is w2n_darwin_main (compiler/lib/Link/MachOLinker.cpp): dyld
 * calls it as it calls a C main, with argc, argv and envp, after binding libSystem. It installs the
 * fault handlers (signals.c), initialises WASI (wasi-shim/darwin), then makes the wasm stack as on
 * Linux: a W2N_STACK_SIZE region aligned to its size (w2n_abi.h: per-thread state such as the
 * exception handler chain is found from the stack pointer), the unaligned ends of a twice-as-large
 * mapping given back, its lowest W2N_STACK_GUARD bytes PROT_NONE, w2n_stack_limit 256 KiB above the
 * guard (generated code traps when sp drops below it, leaving headroom for runtime and WASI calls
 * made from the deepest wasm frame). arm64 macOS pages are 16 KiB: every size here is a multiple of
 * 64 KiB. The module's return value becomes the exit status.
 */
#include "rt.h"
#include "os.h"
#include "libsystem.h"

#define WASM_STACK_SIZE W2N_STACK_SIZE
#define WASM_STACK_GUARD W2N_STACK_GUARD
#define WASM_STACK_HEADROOM W2N_STACK_HEADROOM

void *w2n_stack_limit;
uintptr_t w2n_stack_guard_lo, w2n_stack_guard_hi;

extern int32_t w2n_darwin_call_on_stack(int32_t (*fn)(void), void *stack_top);
void w2n_darwin_wasi_init(int argc, char **argv, char **envp);
int w2n_darwin_main(int argc, char **argv, char **envp);

int w2n_darwin_main(int argc, char **argv, char **envp) {
  w2n_install_signal_handlers();
  w2n_darwin_wasi_init(argc, argv, envp);

  char *region = w2n_map_wasm_stack();
  if (!region) w2n_fatal("cannot allocate the wasm stack");
  w2n_stack_guard_lo = (uintptr_t)region;
  w2n_stack_guard_hi = (uintptr_t)region + WASM_STACK_GUARD;
  w2n_stack_limit = region + WASM_STACK_GUARD + WASM_STACK_HEADROOM;

  /* The stack starts below the thread block (w2n_abi.h), which the fresh mapping left zeroed. */
  int32_t status = w2n_darwin_call_on_stack(w2n_module_main, region + WASM_STACK_SIZE - W2N_STACK_TOP_BLOCK);
  w2n_os_exit(status);
}

char *w2n_map_wasm_stack(void) {
  size_t span = 2 * (size_t)WASM_STACK_SIZE;
  char *raw = w2n_os_alloc(span);
  if (!raw) return NULL;
  char *region = (char *)(((uintptr_t)raw + WASM_STACK_SIZE - 1) & ~(uintptr_t)(WASM_STACK_SIZE - 1));
  if (region > raw) munmap(raw, (size_t)(region - raw));
  if (raw + span > region + WASM_STACK_SIZE) munmap(region + WASM_STACK_SIZE, (size_t)(raw + span - (region + WASM_STACK_SIZE)));
  if (mprotect(region, WASM_STACK_GUARD, PROT_NONE) < 0) {
    munmap(region, WASM_STACK_SIZE);
    return NULL;
  }
  return region;
}
