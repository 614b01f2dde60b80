/* docs/examples/emscripten/sieve.c: a C program for Emscripten's -sSTANDALONE_WASM, built with
 * -sALLOW_MEMORY_GROWTH: its sieve needs more than the initial 16 MiB of memory, so the module grows
 * its memory and imports env.emscripten_notify_memory_growth, which notify.c supplies. Prints the
 * same with any compiler: compare the native build and wasm2native's executable (docs/embedding.md,
 * test/embed-examples/emscripten.test).
 *
 *   sieve [LIMIT]   primes below LIMIT (default 50000000)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_gap_then_start(const void *a, const void *b) {
  const unsigned *x = a, *y = b;
  if (x[1] != y[1]) return x[1] < y[1] ? 1 : -1; /* larger gaps first */
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

int main(int argc, char **argv) {
  unsigned limit = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 50000000u;
  if (limit < 3) {
    fprintf(stderr, "sieve: LIMIT must be at least 3\n");
    return 2;
  }
  unsigned char *composite = calloc(limit, 1);
  unsigned (*gaps)[2] = malloc(sizeof *gaps * 4096);
  if (!composite || !gaps) {
    fprintf(stderr, "sieve: out of memory\n");
    return 1;
  }
  for (unsigned i = 2; (unsigned long long)i * i < limit; i++)
    if (!composite[i])
      for (unsigned j = i * i; j < limit; j += i) composite[j] = 1;

  unsigned count = 0, last = 0, ngaps = 0;
  unsigned long long sum = 0;
  double reciprocals = 0;
  for (unsigned i = 2; i < limit; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    reciprocals += 1.0 / i;
    /* Keep every gap of at least 100 (there are few); qsort them below. */
    if (last && i - last >= 100 && ngaps < 4096) {
      gaps[ngaps][0] = last;
      gaps[ngaps][1] = i - last;
      ngaps++;
    }
    last = i;
  }
  qsort(gaps, ngaps, sizeof *gaps, by_gap_then_start);

  char text[64];
  snprintf(text, sizeof text, "%u", count);
  printf("primes below %u: %s (%zu digits), largest %u\n", limit, text, strlen(text), last);
  printf("sum: %llu\n", sum);
  printf("sum of reciprocals: %.9f (ln ln %u = %.9f)\n", reciprocals, limit, log(log((double)limit)));
  printf("prime density: %.6e, x/ln x: %.6e\n", (double)count / limit, 1.0 / log((double)limit));
  printf("gaps of 100 or more: %u; largest:", ngaps);
  for (unsigned k = 0; k < ngaps && k < 5; k++) printf(" %u after %u", gaps[k][1], gaps[k][0]);
  printf("\n");
  free(gaps);
  free(composite);
  return 0;
}
