/* os/windows/sections.c: markers around the generated code and the function-name tables, and the
 * symbols that clang's x86_64-windows-msvc code generation references.
 *
 * lld-link merges sections named "NAME$suffix" into NAME in the order of their suffixes. The compiler
 * puts generated code in "w2n_code$m" and name tables in "w2n_names$m" (compiler/lib/CodeGen/
 * Target.cpp, codeSectionName); the markers here sit in "$a" and "$z", so they bracket everything the
 * module's objects contributed (os.h). Each marker has the same section characteristics as what it
 * brackets (code: execute/read; names: read-only data), or lld-link would make separate output
 * sections of them. The name markers are entries with a null code address, which trap.c skips.
 */
#include "os.h"

/* Never called: only their addresses matter. */
__attribute__((section("w2n_code$a"), used, naked)) void w2n_code_begin(void) { __asm__("int3"); }
__attribute__((section("w2n_code$z"), used, naked)) void w2n_code_end(void) { __asm__("int3"); }

__attribute__((section("w2n_names$a"), used)) const w2n_function_name w2n_names_begin[1] = {{0, 0}};
__attribute__((section("w2n_names$z"), used)) const w2n_function_name w2n_names_end[1] = {{0, 0}};

/* MSVC-compatible code that uses floating point references _fltused (the CRT's "load the FP
 * support" flag); it only has to exist. */
int _fltused = 0x9875;
