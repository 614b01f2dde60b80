/* A WASI command: prints its argv, so tests see that --invoke is not taken from a _start program. It
 * also exports twice(), which W2N_INVOKE can call instead of _start. */
#include <stdint.h>
#include <stdio.h>

__attribute__((export_name("twice"))) int32_t twice(int32_t x) { return 2 * x; }

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  return 0;
}
