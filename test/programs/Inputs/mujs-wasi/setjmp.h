/* setjmp.h: setjmp and longjmp for wasm32-wasi, which wasi-libc lacks (it has no <setjmp.h>), for the
 * build of MuJS in test/programs (Inputs/build-program.py mujs). MuJS raises every JavaScript exception
 * with longjmp, so a stand-in that aborts (as Lua's, bench/programs/lua-include/setjmp.h) would end the
 * first `try` whose body throws.
 *
 * These are real non-local jumps, built on binaryen's Asyncify (sjlj.c says how): the module is
 * linked, then `wasm-opt --asyncify` instruments every function that can reach setjmp or longjmp so
 * that the call stack can be saved to memory (unwound) and rebuilt (rewound). Only the wasm build uses
 * this folder; the native build uses the C library's setjmp. */
#ifndef W2N_SJLJ_SETJMP_H
#define W2N_SJLJ_SETJMP_H

struct w2n_jmp_buf {
  /* The Asyncify data buffer's header: where the saved frames go (in storage that sjlj.c keeps per
   * jmp_buf address: a jmp_buf may be uninitialised stack memory, as MuJS's regexp compiler's is) */
  void *asyncify_current, *asyncify_end;
  void *saved_current; /* asyncify_current once the stack was saved: where a rewind starts */
  void *stack_pointer; /* the C shadow stack pointer at setjmp, restored by longjmp */
  int value;
};
typedef struct w2n_jmp_buf jmp_buf[1];

int w2n_setjmp(struct w2n_jmp_buf *env);
_Noreturn void w2n_longjmp(struct w2n_jmp_buf *env, int value);
#define setjmp(env) w2n_setjmp(env)
#define longjmp(env, value) w2n_longjmp(env, value)

#endif
