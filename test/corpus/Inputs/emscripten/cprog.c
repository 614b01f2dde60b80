// cprog.c [WORD [STATUS]]: a C program for Emscripten's libc (musl-based) built as a standalone WASI
// module: qsort and bsearch, string functions, printf of floats and integers, strtod, malloc and free
// of many blocks, getenv, argv, stdin and stderr, and the exit status from main (STATUS). No files:
// Emscripten 3.1.6's standalone mode opens none (it imports no path_open; fopen fails under any
// engine). The heap stays under the initial 16 MiB: growing the memory
// (-sALLOW_MEMORY_GROWTH) makes Emscripten import env.emscripten_notify_memory_growth, which a
// wasm2native executable cannot import (see README.md).
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  printf("argc=%d", argc);
  for (int i = 1; i < argc; i++) printf(" [%s]", argv[i]);
  printf("\n");
  const char *greeting = getenv("CORPUS_GREETING");
  printf("CORPUS_GREETING=%s missing=%s\n", greeting ? greeting : "(unset)", getenv("CORPUS_MISSING") ? "set" : "(unset)");

  uint32_t state = 2463534242u;
  enum { N = 20000 };
  int *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++) {
    state ^= state << 13, state ^= state >> 17, state ^= state << 5;
    v[i] = (int)(state % 1000000) - 500000;
  }
  qsort(v, N, sizeof *v, cmp_int);
  long long sum = 0;
  for (int i = 0; i < N; i++) sum += v[i];
  int key = v[N / 3];
  int *found = bsearch(&key, v, N, sizeof *v, cmp_int);
  printf("qsort: min=%d max=%d median=%d sum=%lld bsearch=%s\n", v[0], v[N - 1], v[N / 2], sum, found ? "found" : "missing");
  free(v);

  // Many allocations of varied sizes, beyond the initial memory: the heap must grow.
  enum { BLOCKS = 2000 };
  char **blocks = calloc(BLOCKS, sizeof *blocks);
  size_t total = 0;
  for (int round = 0; round < 3; round++)
    for (int i = round; i < BLOCKS; i += 2) {
      free(blocks[i]);
      size_t n = 16 + (i * 7919u + round * 104729u) % 5000;
      blocks[i] = malloc(n);
      memset(blocks[i], i & 0xff, n);
      total += n;
    }
  unsigned check = 0;
  for (int i = 0; i < BLOCKS; i++) check = check * 31 + (unsigned char)blocks[i][5];
  for (int i = 0; i < BLOCKS; i++) free(blocks[i]);
  free(blocks);
  printf("heap: %zu bytes allocated, check=%u\n", total, check);

  char *names[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry"};
  qsort(names, 7, sizeof *names, cmp_str);
  char joined[128] = "";
  for (int i = 0; i < 7; i++) strcat(strcat(joined, names[i]), i < 6 ? "," : "");
  printf("strings: %s len=%zu strstr=%s strrchr=%s\n", joined, strlen(joined), strstr(joined, "cherry"), strrchr(joined, ','));
  char *tok, *rest = joined;
  int count = 0;
  while ((tok = strtok_r(rest, ",", &rest))) count += tok[0] == 'b' || tok[0] == 'c';
  printf("strtok_r: %d words start with b or c\n", count);

  double ds[] = {0.1, 1.0 / 3, 1e21, 2.5e-308, -0.0, 123456.789, M_PI};
  for (int i = 0; i < 7; i++)
    printf("double %g %.17g %e %.3f %a\n", ds[i], ds[i], ds[i], ds[i], ds[i]);
  printf("math %.15g %.15g %.15g %.15g %.15g\n", sqrt(2), exp(1), log(10), sin(1e6), pow(1.0001, 10000));
  const char *nums[] = {"3.14159", "-2.5e-3", "1e400", "0x1p-3", "nan", "12abc"};
  for (int i = 0; i < 6; i++) {
    char *end;
    double d = strtod(nums[i], &end);
    printf("strtod(%s) = %g rest=\"%s\"\n", nums[i], d, end);
  }
  printf("ints %d %u %x %o %lld %5d|%-5d|%05d\n", -42, 4000000000u, 0xbeefu, 8, -9000000000000LL, 7, 7, 7);

  char line[256];
  int lines = 0;
  size_t chars = 0;
  while (fgets(line, sizeof line, stdin)) lines++, chars += strlen(line);
  printf("stdin: %d lines, %zu chars\n", lines, chars);
  fprintf(stderr, "cprog: done\n");
  return argc > 2 ? atoi(argv[2]) : 0;
}
