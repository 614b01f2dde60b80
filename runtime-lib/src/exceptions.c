/* src/exceptions.c: wasm exception handling in executables: the handler chain, exception allocation
 * and throwing (the frame save/restore is arch/<arch>/eh.S; the design is in docs/exceptions.md).
 *
 * Each thread (the main one and every wasi-thread) has its own handler chain and allocator, in the
 * w2n_thread_block at the top of its wasm stack, found from the stack pointer (w2n_abi.h): these
 * functions are called from wasm code, on that stack. Exceptions come from a per-thread bump
 * allocator over 1 MiB chunks and are never freed: an exnref may be stored anywhere (locals,
 * globals, tables) and there is no collector to say when it is dead, so a program that throws a
 * million 16-byte exceptions keeps 16 MB. An uncaught exception is reported like a trap (message,
 * function, exit status 134).
 */
#include "rt.h"
#include "os.h"

w2n_thread_block *w2n_thread_block_here(void) {
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
  return (w2n_thread_block *)((sp & ~(uintptr_t)(W2N_STACK_SIZE - 1)) + W2N_STACK_SIZE - W2N_STACK_TOP_BLOCK);
}

void *w2n_exn_alloc(uint32_t size) {
  w2n_thread_block *t = w2n_thread_block_here();
  size = (size + 15u) & ~15u;
  if (!t->exn_next || (size_t)(t->exn_end - t->exn_next) < size) {
    size_t chunk = size > (1u << 20) ? size : (1u << 20);
    t->exn_next = w2n_alloc(chunk);
    if (!t->exn_next) w2n_fatal("cannot allocate an exception");
    t->exn_end = t->exn_next + chunk;
  }
  void *p = t->exn_next;
  t->exn_next += size;
  return p;
}

_Noreturn void w2n_throw(void *exn, const char *function) {
  w2n_thread_block *t = w2n_thread_block_here();
  w2n_eh_frame *f = t->eh_top;
  if (!f) {
    w2n_puts_err("wasm trap: uncaught exception\n  in function ");
    w2n_puts_err(function ? function : "<unknown>");
    w2n_puts_err("\n");
    w2n_os_exit(134);
  }
  t->eh_top = f->prev;
  f->exn = exn;
  w2n_eh_longjmp(f);
}
