/* os/linux/start.c: process start-up: from the kernel's initial stack to w2n_module_main and exit.
 *
 * _start (arch/<arch>/start.S) passes the initial stack pointer here. We read argc/argv from it,
 * install the fault handlers, initialise WASI (fd table, preopens, environment), then map a
 * dedicated 8 MiB stack for wasm with a PROT_NONE guard region below it, set w2n_stack_limit
 * 256 KiB above the bottom (generated code traps when sp drops below it, leaving headroom for
 * runtime and WASI calls made from the deepest wasm frame), switch to that stack and call the
 * module. Its return value becomes the exit status via exit_group. The stack region is aligned to
 * its size (W2N_STACK_SIZE, w2n_abi.h), as every thread's is (thread.c): a threaded module finds its
 * limit from the stack pointer.
 */
#include "rt.h"
#include "sys.h"

#define WASM_STACK_SIZE W2N_STACK_SIZE
#define WASM_STACK_GUARD W2N_STACK_GUARD
#define WASM_STACK_HEADROOM W2N_STACK_HEADROOM

void *w2n_stack_limit;
#if W2N_ARCH_ILP32
int w2n_sys_time32; /* sys.h: set once the kernel lacks the *_time64 calls (before Linux 5.1) */
#endif
uintptr_t w2n_stack_guard_lo, w2n_stack_guard_hi;

extern int32_t w2n_arch_call_on_stack(int32_t (*fn)(void), void *stack_top);
_Noreturn void w2n_start_c(uintptr_t *initial_sp);

_Noreturn void w2n_start_c(uintptr_t *initial_sp) {
  int argc = (int)initial_sp[0];
  char **argv = (char **)(initial_sp + 1);
  /* envp follows argv's NULL; the host environment is deliberately not passed to wasm. */

  w2n_install_signal_handlers();
  w2n_wasi_init(argc, argv);

  char *region = w2n_map_wasm_stack();
  if (!region) w2n_fatal("cannot allocate the wasm stack");
  w2n_stack_guard_lo = (uintptr_t)region;
  w2n_stack_guard_hi = (uintptr_t)region + WASM_STACK_GUARD;
  w2n_stack_limit = region + WASM_STACK_GUARD + WASM_STACK_HEADROOM;

  /* The stack starts below the thread block (w2n_abi.h), which the fresh mapping left zeroed. */
  int32_t status = w2n_arch_call_on_stack(w2n_module_main, region + WASM_STACK_SIZE - W2N_STACK_TOP_BLOCK);
  sys_exit_group(status);
}

char *w2n_map_wasm_stack(void) {
  /* Twice the size, then the unaligned ends are given back. */
  size_t span = 2 * (size_t)WASM_STACK_SIZE;
  char *raw = sys_mmap(NULL, span, W2N_PROT_READ | W2N_PROT_WRITE,
                       W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS | W2N_MAP_NORESERVE | W2N_MAP_STACK, -1, 0);
  if (w2n_mmap_failed(raw)) return NULL;
  char *region = (char *)(((uintptr_t)raw + WASM_STACK_SIZE - 1) & ~(uintptr_t)(WASM_STACK_SIZE - 1));
  if (region > raw) sys_munmap(raw, (size_t)(region - raw));
  if (raw + span > region + WASM_STACK_SIZE) sys_munmap(region + WASM_STACK_SIZE, (size_t)(raw + span - (region + WASM_STACK_SIZE)));
  if (sys_mprotect(region, WASM_STACK_GUARD, W2N_PROT_NONE) < 0) {
    sys_munmap(region, WASM_STACK_SIZE);
    return NULL;
  }
  return region;
}
