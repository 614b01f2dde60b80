// Used by loop-fallthrough.wat: malloc's first call initialises dlmalloc's bins in a loop that
// exits by falling through.
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  volatile char *p = malloc(10);
  p[0] = 1;
  printf("ok %d\n", p[0]);
  return 0;
}
