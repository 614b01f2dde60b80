/* setjmp.h: stands in for the C library's <setjmp.h> when Lua is built for bench/programs/lua.c and
 * test/programs/lua.test, natively and to wasm alike.
 *
 * wasi-libc has no setjmp/longjmp (nor this header), and Lua raises its errors with them. ldo.c, the only
 * file that includes <setjmp.h>, defines LUAI_THROW and LUAI_TRY from it unless they are defined
 * already: this folder comes first on the include path, so they are defined here, and raising an error
 * prints a line and aborts. That is enough for scripts that raise no errors; coroutine.yield raises
 * one too (to unwind to resume), so the scripts must not use coroutines either. Both builds use this
 * header, so that native and wasm run the same program. */
#ifndef W2N_LUA_SETJMP_H
#define W2N_LUA_SETJMP_H
#include <stdio.h>
#include <stdlib.h>
#define LUAI_THROW(L, c) (fputs("lua: error raised, and this build cannot unwind: aborting\n", stderr), abort())
#define LUAI_TRY(L, c, a) { a }
#define luai_jmpbuf int /* unused */
#endif
