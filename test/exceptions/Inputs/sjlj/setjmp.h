/* setjmp.h: <setjmp.h> for C programs built to wasm32-wasi with LLVM's wasm setjmp/longjmp lowering
 * (clang -mllvm -wasm-enable-sjlj -mexception-handling), which Debian's wasi-libc lacks (it has no
 * setjmp.h and no libsetjmp). LLVM rewrites every call to setjmp and longjmp into calls to the three
 * functions of wasm-sjlj.c, and a longjmp becomes a wasm exception of the tag __c_longjmp that the
 * functions calling setjmp catch: so a program's setjmp/longjmp runs on wasm exception handling,
 * which is what test/exceptions/lua-sjlj.test checks through wasm2native. The native build of the
 * same program uses the C library's own header; this folder is on the wasm build's include path only.
 * The buffer is wasi-libc's layout (libc-top-half/musl/src/setjmp/wasm32/rt.c), with room to spare. */
#ifndef W2N_WASM_SETJMP_H
#define W2N_WASM_SETJMP_H
#ifndef __wasm__
#error "this setjmp.h is for wasm builds only"
#endif
typedef struct __jmp_buf_tag {
  unsigned long long __jb[8];
} jmp_buf[1];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
#define _setjmp setjmp
#define _longjmp longjmp
#endif
