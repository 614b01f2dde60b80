/* names.c: calls exports whose names had to be made into C identifiers (cli.test). */
#include <stdio.h>

#include "names.h"

int main(void) {
  w2n_instance *inst;
  if (names_instantiate(&inst, NULL, NULL) != W2N_OK) return 1;
  int32_t a, b, c;
  names_call_f_x(inst, &a);
  names_call_f_x_1(inst, &b);
  names_call__(inst, &c);
  w2n_value v = {.v128 = {7}}, out;
  int64_t i;
  names_call__2nd(inst, v, NULL, &out, &i);
  printf("%d %d %d %d %lld %.1f\n", a, b, c, out.v128[0], (long long)i, *names_global____g(inst));
  w2n_instance_free(inst);
  return 0;
}
