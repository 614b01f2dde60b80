/* src/exceptions.c: wasm exception handling in executables: the handler chain, exception allocation
 * and throwing (the frame save/restore is arch/<arch>/eh.S; the design is in docs/exceptions.md).
 *
 * The handler chain is one global: an executable runs wasm on one thread. Exceptions come from a
 * bump allocator over 1 MiB chunks and are never freed: an exnref may be stored anywhere (locals,
 * globals, tables) and there is no collector to say when it is dead, so a program that throws a
 * million 16-byte exceptions keeps 16 MB. An uncaught exception is reported like a trap (message,
 * function, exit status 134).
 */
#include "rt.h"
#include "sys.h"

w2n_eh_frame *w2n_eh_top;

void *w2n_exn_alloc(uint32_t size) {
  static char *next, *end;
  size = (size + 15u) & ~15u;
  if (!next || (size_t)(end - next) < size) {
    size_t chunk = size > (1u << 20) ? size : (1u << 20);
    next = w2n_alloc(chunk);
    if (!next) w2n_fatal("cannot allocate an exception");
    end = next + chunk;
  }
  void *p = next;
  next += size;
  return p;
}

_Noreturn void w2n_throw(void *exn, const char *function) {
  w2n_eh_frame *f = w2n_eh_top;
  if (!f) {
    w2n_puts_err("wasm trap: uncaught exception\n  in function ");
    w2n_puts_err(function ? function : "<unknown>");
    w2n_puts_err("\n");
    sys_exit_group(134);
  }
  w2n_eh_top = f->prev;
  f->exn = exn;
  w2n_eh_longjmp(f);
}
