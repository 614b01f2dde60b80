/* hello.c: the bundled example. Built to hello.wasm with:
 *   clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug hello.c -o hello.wasm
 * and compiled by the README's first command with wasm2native into a static native executable. */
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello from WebAssembly, compiled ahead of time by wasm2native!\n");
  for (int i = 1; i < argc; i++)
    printf("argument %d: %s\n", i, argv[i]);
  return 0;
}
