// malloc (about 96 MiB in 2 MiB blocks, so linear memory grows many times), free, qsort and printf's
// integer and floating-point formatting.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

int main(void) {
  enum { N = 48, SIZE = 2 << 20 };
  char *blocks[N];
  unsigned long long sum = 0;
  for (int i = 0; i < N; i++) {
    blocks[i] = malloc(SIZE);
    if (!blocks[i]) { printf("malloc failed at block %d\n", i); return 1; }
    memset(blocks[i], i, SIZE);
  }
  for (int i = 0; i < N; i++) sum += (unsigned char)blocks[i][i * 1000] + (unsigned char)blocks[i][SIZE - 1];
  for (int i = 0; i < N; i++) free(blocks[i]);
  printf("sum=%llu\n", sum);
  long long v[8] = {5, -3, 9000000000LL, 0, -9000000000LL, 42, 7, -1};
  qsort(v, 8, sizeof v[0], cmp);
  for (int i = 0; i < 8; i++) printf("%lld%c", v[i], i == 7 ? '\n' : ' ');
  printf("%.3f %g %e %.17g\n", 3.14159265, 1e-10, 6.02214076e23, 0.1);
  printf("%lld %llu %x %o\n", -9223372036854775807LL - 1, 18446744073709551615ULL, 0xdeadbeefu, 8u);
  char buf[64];
  snprintf(buf, sizeof buf, "[%08.2f|%-5s|%5d]", 2.5, "ab", -42);
  puts(buf);
  printf("%g %g\n", strtod("1.25e3", NULL), atof("-0.0078125"));
  return 0;
}
