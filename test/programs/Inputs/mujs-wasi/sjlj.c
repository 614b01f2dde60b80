/* sjlj.c: setjmp/longjmp for wasm32-wasi on binaryen's Asyncify (see setjmp.h), and the main() that
 * drives them. The program's own main is compiled as w2n_program_main (-Dmain=w2n_program_main).
 *
 * Asyncify (wasm-opt --asyncify, run on the linked module) lets a call stack be unwound into a buffer
 * and rewound from it. After a call to asyncify.start_unwind, each instrumented caller returns at once,
 * saving its locals and the call it was in; after asyncify.start_rewind, calling the outermost function
 * again re-enters each saved frame and repeats the saved call, down to the innermost one. wasm-opt
 * turns the calls to the asyncify.* imports below into calls to its internal functions; the functions
 * making them (setjmp, longjmp) are leaves that Asyncify leaves alone.
 *
 *   setjmp(env), called normally: unwinds the whole stack into env's buffer and returns. w2n_sjlj_run,
 *     the loop beneath the program (not instrumented: asyncify-removelist), sees the unwind and rewinds
 *     from the same buffer at once, which calls setjmp(env) again from the rebuilt frame: this time it
 *     ends the rewind and returns 0. The buffer keeps the saved frames.
 *   longjmp(env, v): unwinds the stack into a scratch buffer (discarded); w2n_sjlj_run rewinds from
 *     env's saved frames, which calls setjmp(env) again from the frame that first called it: it ends the
 *     rewind and returns v. The C shadow stack pointer (the __stack_pointer global, which no frame
 *     restores while unwinding) is set back to its value at that setjmp.
 *
 * Locals of the function that called setjmp come back with their values at setjmp, as C allows for
 * non-volatile locals; volatile ones live in memory and keep their latest values. */
#include "setjmp.h"
#include <stdio.h>
#include <stdlib.h>
#undef main /* the build renames the program's main (-Dmain=w2n_program_main) in every file, this one too */

#define IMPORT(name) __attribute__((import_module("asyncify"), import_name(name)))
IMPORT("start_unwind") void asyncify_start_unwind(void *data);
IMPORT("stop_unwind") void asyncify_stop_unwind(void);
IMPORT("start_rewind") void asyncify_start_rewind(void *data);
IMPORT("stop_rewind") void asyncify_stop_rewind(void);

/* Saved frames of one setjmp: the locals live across calls of every function between main and setjmp.
 * MuJS bounds its C recursion (JS_ENVLIMIT), which keeps them far below this. */
enum { STORAGE = 1 << 20 };

static struct w2n_jmp_buf *unwinding; /* the buffer whose setjmp or longjmp started an unwind */
static int unwinding_for_longjmp;
static struct w2n_jmp_buf *rewinding; /* the buffer being rewound: its setjmp ends the rewind */
static int rewinding_for_longjmp;
static struct {
  void *current, *end;
  char *storage;
} scratch; /* where longjmp's unwind saves the frames it abandons */

static void *get_stack_pointer(void) {
  void *sp;
  __asm__ volatile(".globaltype __stack_pointer, i32\n\tglobal.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
  return sp;
}

static void set_stack_pointer(void *sp) {
  __asm__ volatile(".globaltype __stack_pointer, i32\n\tlocal.get %0\n\tglobal.set __stack_pointer" : : "r"(sp));
}

static char *storage(void) {
  char *p = malloc(STORAGE);
  if (!p) {
    fputs("sjlj: out of memory for a saved stack\n", stderr);
    abort();
  }
  return p;
}

/* The storage of the jmp_buf at each address, found by open addressing: a jmp_buf's own memory cannot
 * keep a pointer to it from one setjmp to the next (a local jmp_buf's stack slot is reused in between),
 * but addresses recur, so the table stays small. */
enum { SLOTS = 4096 };
static struct {
  struct w2n_jmp_buf *env;
  char *storage;
} slots[SLOTS];

static char *storage_of(struct w2n_jmp_buf *env) {
  size_t i = ((size_t)env >> 2) % SLOTS;
  for (size_t n = 0; n < SLOTS; n++, i = (i + 1) % SLOTS) {
    if (slots[i].env == env)
      return slots[i].storage;
    if (!slots[i].env) {
      slots[i].env = env;
      return slots[i].storage = storage();
    }
  }
  fputs("sjlj: too many jmp_buf addresses\n", stderr);
  abort();
}

int w2n_setjmp(struct w2n_jmp_buf *env) {
  if (rewinding == env) { /* the stack is rebuilt: now return, 0 after a capture, v after longjmp */
    asyncify_stop_rewind();
    rewinding = NULL;
    if (!rewinding_for_longjmp)
      return 0;
    set_stack_pointer(env->stack_pointer);
    return env->value;
  }
  char *frames = storage_of(env);
  env->asyncify_current = frames;
  env->asyncify_end = frames + STORAGE;
  env->stack_pointer = get_stack_pointer();
  unwinding = env;
  unwinding_for_longjmp = 0;
  asyncify_start_unwind(env);
  return 0; /* unused: the caller is unwinding */
}

_Noreturn void w2n_longjmp(struct w2n_jmp_buf *env, int value) {
  if (!scratch.storage)
    scratch.storage = storage();
  scratch.current = scratch.storage;
  scratch.end = scratch.storage + STORAGE;
  env->value = value ? value : 1;
  unwinding = env;
  unwinding_for_longjmp = 1;
  asyncify_start_unwind(&scratch);
  /* The caller unwinds once this returns, which C's _Noreturn forbids: so a wasm `return` in asm. */
  __asm__ volatile("return");
  __builtin_unreachable();
}

int w2n_program_main(int argc, char **argv);

/* Beneath every instrumented frame, so it must not be instrumented itself (asyncify-removelist). */
__attribute__((noinline)) int w2n_sjlj_run(int argc, char **argv) {
  for (;;) {
    int status = w2n_program_main(argc, argv);
    struct w2n_jmp_buf *env = unwinding;
    if (!env)
      return status; /* main returned */
    unwinding = NULL;
    asyncify_stop_unwind();
    if (unwinding_for_longjmp)
      env->asyncify_current = env->saved_current; /* rewind from the frames saved at setjmp */
    else
      env->saved_current = env->asyncify_current; /* the end of the frames just saved */
    rewinding = env;
    rewinding_for_longjmp = unwinding_for_longjmp;
    asyncify_start_rewind(env);
  }
}

int main(int argc, char **argv) { return w2n_sjlj_run(argc, argv); }
