/* wasm-sjlj.c: the runtime functions of LLVM's wasm setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj),
 * as wasi-libc implements them (libc-top-half/musl/src/setjmp/wasm32/rt.c; Debian's wasi-libc predates
 * them). setjmp records which invocation of which function set the buffer (a label the lowering
 * chose, and an address unique to that call of the function); longjmp throws the wasm exception
 * __c_longjmp with a pointer to {env, val}; each function that called setjmp catches it and asks
 * __wasm_setjmp_test whether the buffer is one of its own, and which label to resume at. */
#include <stdint.h>

/* The tag itself (one i32 payload: the pointer), defined here as wasi-libc does: the compiler only
 * declares it in the objects that throw or catch it. */
__asm__(".globl __c_longjmp\n"
        ".tagtype __c_longjmp i32\n"
        "__c_longjmp:\n");

struct jmp_buf_impl {
  void *func_invocation_id;
  uint32_t label;
  struct arg { void *env; int val; } arg;
};

void __wasm_setjmp(void *env, uint32_t label, void *func_invocation_id) {
  struct jmp_buf_impl *jb = env;
  if (label == 0 || func_invocation_id == 0) __builtin_trap();
  jb->func_invocation_id = func_invocation_id;
  jb->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *func_invocation_id) {
  struct jmp_buf_impl *jb = env;
  if (jb->label == 0 || func_invocation_id == 0) __builtin_trap();
  return jb->func_invocation_id == func_invocation_id ? jb->label : 0;
}

void __wasm_longjmp(void *env, int val) {
  struct jmp_buf_impl *jb = env;
  jb->arg.env = env;
  jb->arg.val = val == 0 ? 1 : val;
  __builtin_wasm_throw(1, &jb->arg); /* tag 1: __c_longjmp */
}
