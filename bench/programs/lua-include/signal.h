/* signal.h: stands in for the C library's <signal.h> when Lua is built for the benchmark and the test.
 *
 * lstate.h includes it only for sig_atomic_t, the type of the flag that lua.c's signal handler sets to
 * stop a script (lua.c is not built); wasi-libc's <signal.h> refuses to compile without its signal
 * emulation. glibc's sig_atomic_t is an int too, so native and wasm share this definition. */
#ifndef W2N_LUA_SIGNAL_H
#define W2N_LUA_SIGNAL_H
typedef int sig_atomic_t;
#endif
