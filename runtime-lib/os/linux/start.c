/* os/linux/start.c: process start-up: from the kernel's initial stack to w2n_module_main and exit.
 *
 * _start (arch/<arch>/start.S) passes the initial stack pointer here. We read argc/argv from it,
 * install the fault handlers, initialise WASI (fd table, preopens, environment), then map a
 * dedicated 8 MiB stack for wasm with a PROT_NONE guard region below it, set w2n_stack_limit
 * 256 KiB above the bottom (generated code traps when sp drops below it, leaving headroom for
 * runtime and WASI calls made from the deepest wasm frame), switch to that stack and call the
 * module. Its return value becomes the exit status via exit_group.
 */
#include "rt.h"
#include "sys.h"

#define WASM_STACK_SIZE (8u << 20)
#define WASM_STACK_GUARD (64u << 10)
#define WASM_STACK_HEADROOM (256u << 10)

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

  size_t total = WASM_STACK_GUARD + WASM_STACK_SIZE;
  char *region = sys_mmap(NULL, total, W2N_PROT_READ | W2N_PROT_WRITE,
                          W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS | W2N_MAP_NORESERVE | W2N_MAP_STACK, -1, 0);
  if (w2n_mmap_failed(region)) w2n_fatal("cannot allocate the wasm stack");
  if (sys_mprotect(region, WASM_STACK_GUARD, W2N_PROT_NONE) < 0) w2n_fatal("cannot protect the wasm stack guard");
  w2n_stack_guard_lo = (uintptr_t)region;
  w2n_stack_guard_hi = (uintptr_t)region + WASM_STACK_GUARD;
  char *bottom = region + WASM_STACK_GUARD;
  w2n_stack_limit = bottom + WASM_STACK_HEADROOM;

  int32_t status = w2n_arch_call_on_stack(w2n_module_main, region + total);
  sys_exit_group(status);
}
