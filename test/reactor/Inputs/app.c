/* A WASI command whose imports from "env" are host functions written in C (Inputs/host.c). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
IMPORT(upper) void upper(char *s, int32_t len);
IMPORT(mix) int64_t mix(int32_t a, int64_t b, double c);
IMPORT(check) int32_t check(int32_t x);

int main(int argc, char **argv) {
  char buf[64];
  strncpy(buf, argc > 1 ? argv[1] : "hello", sizeof buf - 1);
  buf[sizeof buf - 1] = 0;
  upper(buf, (int32_t)strlen(buf));
  printf("%s\n", buf);
  printf("%lld\n", (long long)mix(2, 40, 0.5));
  printf("%d\n", check(argc));
  return 0;
}
