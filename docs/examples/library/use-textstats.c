/* docs/examples/library/use-textstats.c: calls the wasm library textstats (textstats.c) from C through
 * the generated header textstats.h. The module has no imports, so instantiating it needs nothing, and
 * its _initialize runs once before the other exports; data goes into its memory (allocated with its own ts_alloc) and results come back as values or in
 * that memory. A bad pointer traps inside the module and comes back as a result: the host goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textstats.h"

static w2n_instance *ts;

static void check(w2n_result r, const char *what) {
  if (r != W2N_OK) {
    fprintf(stderr, "%s: %s\n", what, w2n_result_message(r));
    exit(1);
  }
}

/* Copies a string (with its NUL) into the module's memory; returns its address there. */
static int32_t put_string(const char *s) {
  int32_t p;
  check(textstats_call_ts_alloc(ts, (int32_t)strlen(s) + 1, &p), "ts_alloc");
  memcpy(textstats_memory_memory(ts)->base + p, s, strlen(s) + 1);
  return p;
}

int main(void) {
  w2n_error err;
  if (textstats_instantiate(&ts, NULL, &err) != W2N_OK) {
    fprintf(stderr, "instantiate: %s\n", err.message);
    return 1;
  }
  check(textstats_call__initialize(ts), "_initialize");

  const char *texts[] = {"hello", "The quick brown fox jumps over the lazy dog",
                         "gr\xc3\xbc\xc3\x9f dich, \xe4\xb8\x96\xe7\x95\x8c!", "bad \xff byte"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    int32_t s = put_string(texts[i]), crc, length, words;
    check(textstats_call_ts_crc32(ts, s, (int32_t)strlen(texts[i]), &crc), "ts_crc32");
    check(textstats_call_ts_utf8_length(ts, s, &length), "ts_utf8_length");
    check(textstats_call_ts_words(ts, s, &words), "ts_words");
    printf("\"%s\": crc32 %08x, %d code points, %d words\n", texts[i], (unsigned)crc, length, words);
    check(textstats_call_ts_free(ts, s), "ts_free");
  }

  /* An array of doubles in, two doubles out. */
  double values[] = {2, 4, 4, 4, 5, 5, 7, 9};
  int32_t v, out;
  check(textstats_call_ts_alloc(ts, sizeof values, &v), "ts_alloc");
  check(textstats_call_ts_alloc(ts, 2 * sizeof(double), &out), "ts_alloc");
  memcpy(textstats_memory_memory(ts)->base + v, values, sizeof values);
  check(textstats_call_ts_mean_sd(ts, v, 8, out), "ts_mean_sd");
  double result[2];
  memcpy(result, textstats_memory_memory(ts)->base + out, sizeof result);
  printf("mean %g, standard deviation %g\n", result[0], result[1]);

  int64_t g;
  check(textstats_call_ts_gcd(ts, 1071ll * 1000000007ll, 462ll * 1000000007ll, &g), "ts_gcd");
  printf("gcd: %lld\n", (long long)g);

  /* A pointer beyond the module's memory: the module traps, the call returns the trap. */
  int32_t crc;
  w2n_result r = textstats_call_ts_crc32(ts, -16, 100, &crc);
  printf("crc32 of a bad pointer: %s\n", w2n_result_message(r));
  check(textstats_call_ts_words(ts, put_string("still working"), &crc), "ts_words");
  printf("after the trap: %d words\n", crc);

  w2n_instance_free(ts);
  return 0;
}
