/* parsing.c: tokenises and evaluates a generated arithmetic/JSON-like text: byte-at-a-time branches. */
#include "bench.h"
#include <string.h>
#define SIZE (8 << 20)
static char text[SIZE + 1];
int main(int argc, char **argv) {
  int reps = bench_scale(argc, argv, 6);
  size_t n = 0;
  while (n + 32 < SIZE) {
    unsigned r = (unsigned)bench_rand();
    switch (r % 6) {
    case 0: n += (size_t)sprintf(text + n, "{\"k%u\": %u, ", r % 97, r % 100000); break;
    case 1: n += (size_t)sprintf(text + n, "[%u, %u], ", r % 1000, (r >> 8) % 1000); break;
    case 2: n += (size_t)sprintf(text + n, "\"str%u\"} ", r % 313); break;
    case 3: n += (size_t)sprintf(text + n, "%u.%u ", r % 1000, (r >> 10) % 100); break;
    case 4: n += (size_t)sprintf(text + n, "true, "); break;
    default: n += (size_t)sprintf(text + n, "null\n"); break;
    }
  }
  text[n] = 0;
  unsigned long long numbers = 0, strings = 0, depth = 0, maxdepth = 0, total = 0;
  for (int rep = 0; rep < reps; rep++) {
    for (const char *p = text; *p;) {
      char c = *p;
      if (c >= '0' && c <= '9') {
        unsigned long long v = 0;
        while (*p >= '0' && *p <= '9') v = v * 10 + (unsigned)(*p++ - '0');
        if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
        total += v; numbers++;
      } else if (c == '"') {
        p++; while (*p && *p != '"') p++; if (*p) p++; strings++;
      } else if (c == '{' || c == '[') { depth++; if (depth > maxdepth) maxdepth = depth; p++; }
      else if (c == '}' || c == ']') { if (depth) depth--; p++; }
      else if (!strncmp(p, "true", 4)) { total++; p += 4; }
      else if (!strncmp(p, "null", 4)) { p += 4; }
      else p++;
    }
  }
  printf("parsing %llu %llu %llu %llu\n", numbers, strings, maxdepth, total);
  return 0;
}
