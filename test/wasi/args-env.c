// argv reaches the program untouched; the environment holds only the --env variables, never the
// host's (SECRET is set on the host and must not be visible).
// RUN: %clang-wasm %s -o %t.wasm
// RUN: %wasm2native -O0 %t.wasm -o %t.O0.exe --env=GREETING=hello --env=EMPTY= --env=EQ=a=b
// RUN: %wasm2native -O2 %t.wasm -o %t.O2.exe --env=GREETING=hello --env=EMPTY= --env=EQ=a=b
// RUN: env SECRET=1 %t.O0.exe one "two words" "" "--flag=x" 'q"uote' | FileCheck %s
// RUN: env SECRET=1 %t.O2.exe one "two words" "" "--flag=x" 'q"uote' | FileCheck %s
// RUN: env SECRET=1 %t.O2.exe | FileCheck %s --check-prefix=NOARGS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  printf("argv0-nonempty=%d\n", argv[0] != NULL && argv[0][0] != '\0');
  for (int i = 1; i < argc; i++) printf("argv[%d]=<%s>\n", i, argv[i]);
  printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  int n = 0;
  for (char **e = environ; *e; e++) {
    printf("env: %s\n", *e);
    n++;
  }
  printf("env-count=%d\n", n);
  const char *g = getenv("GREETING"), *s = getenv("SECRET"), *p = getenv("PATH");
  printf("GREETING=%s\n", g ? g : "(unset)");
  printf("SECRET=%s\n", s ? s : "(unset)");
  printf("PATH=%s\n", p ? p : "(unset)");
  printf("EQ=%s\n", getenv("EQ"));
  printf("EMPTY=<%s>\n", getenv("EMPTY"));
  return 0;
}

// CHECK: argc=6
// CHECK-NEXT: argv0-nonempty=1
// CHECK-NEXT: argv[1]=<one>
// CHECK-NEXT: argv[2]=<two words>
// CHECK-NEXT: argv[3]=<>
// CHECK-NEXT: argv[4]=<--flag=x>
// CHECK-NEXT: argv[5]=<q"uote>
// CHECK-NEXT: argv[argc]=NULL
// CHECK-NOT: SECRET
// CHECK-DAG: env: GREETING=hello
// CHECK-DAG: env: EMPTY=
// CHECK-DAG: env: EQ=a=b
// CHECK-NOT: SECRET
// CHECK: env-count=3
// CHECK-NEXT: GREETING=hello
// CHECK-NEXT: SECRET=(unset)
// CHECK-NEXT: PATH=(unset)
// CHECK-NEXT: EQ=a=b
// CHECK-NEXT: EMPTY=<>

// NOARGS: argc=1
// NOARGS: argv[argc]=NULL
// NOARGS: env-count=3
// NOARGS: SECRET=(unset)
