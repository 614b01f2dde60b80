/* sjlj-basic.c: setjmp/longjmp for sjlj.test, built natively and to wasm through LLVM's wasm setjmp/
 * longjmp lowering (Inputs/sjlj): a longjmp out of a deep recursion, longjmp back into the same
 * setjmp several times with different values (0 becomes 1), a volatile local that survives, and
 * nested buffers where the inner longjmp must not reach the outer setjmp. Both builds print the same. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer_buf, inner_buf;

static void deep(int n, int value) {
  if (n == 0) longjmp(outer_buf, value);
  deep(n - 1, value);
}

static int nested(int throw_inner) {
  volatile int stage = 0;
  if (setjmp(inner_buf) != 0) return 100 + stage;
  stage = 1;
  if (throw_inner) longjmp(inner_buf, 1);
  return stage;
}

int main(void) {
  volatile int rounds = 0;
  int r = setjmp(outer_buf);
  rounds++;
  printf("setjmp returned %d (round %d)\n", r, rounds);
  if (r == 0) deep(50, 42);
  else if (rounds < 4) longjmp(outer_buf, rounds == 3 ? 0 : rounds * 7);
  printf("nested: %d %d\n", nested(0), nested(1));
  return 0;
}
