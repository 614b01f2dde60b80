// stack-chk.c: the two stack-protector symbols that Debian's clang builtins for wasm32
// (libclang-rt-19-dev-wasm32, built with -fstack-protector) refer to and wasi-libc does not define.
// Any C++ program that pulls in a 128-bit division helper (std::format, std::to_chars) needs them.
#include <stdint.h>
uintptr_t __stack_chk_guard = 0x2f8a61c5u;
void __stack_chk_fail(void) { __builtin_trap(); }
