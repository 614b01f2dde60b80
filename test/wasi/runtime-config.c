// Run-time configuration: W2N_DIR / W2N_DIR_<suffix> add or replace (by guest name) preopened
// directories and W2N_ENV_<NAME> adds or overrides guest variables, without touching argv. The rest
// of the host environment (HOME here) and the W2N_* variables themselves stay invisible.
// RUN: rm -rf %t.a %t.b %t.c && mkdir -p %t.a %t.b %t.c
// RUN: echo from-a > %t.a/f.txt && echo from-b > %t.b/f.txt && echo from-c > %t.c/f.txt
// RUN: %clang-wasm %s -o %t.wasm
// RUN: %wasm2native %t.wasm -o %t.exe --dir=%t.a::/a --env=FOO=compiled
// RUN: env HOME=/home/nobody %t.exe arg1 | FileCheck %s --check-prefix=DEFAULT
// RUN: env W2N_ENV_FOO=runtime W2N_ENV_BAR=x=y W2N_DIR=%t.b::/b W2N_DIR_2=%t.c::/a HOME=/h %t.exe arg1 \
// RUN:   | FileCheck %s --check-prefix=RUNTIME
// RUN: not env W2N_DIR=%t.missing %t.exe 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not env W2N_ENV_=oops %t.exe 2>&1 | FileCheck %s --check-prefix=BADENV
// DEFAULT: argc 2 arg1
// DEFAULT-NEXT: env FOO=compiled
// DEFAULT-NEXT: end of env
// DEFAULT-NEXT: preopen 3 /a: from-a
// DEFAULT-NEXT: end of preopens
// RUNTIME: argc 2 arg1
// RUNTIME-NEXT: env FOO=runtime
// RUNTIME-NEXT: env BAR=x=y
// RUNTIME-NEXT: end of env
// RUNTIME-NEXT: preopen 3 /a: from-c
// RUNTIME-NEXT: preopen 4 /b: from-b
// RUNTIME-NEXT: end of preopens
// MISSING: wasm2native: cannot open directory {{.*}}.missing{{$}}
// BADENV: wasm2native: invalid run-time variable W2N_ENV_=oops (expected W2N_ENV_<NAME>=VALUE)
// RUN: not env W2N_TCP_LISTEN=localhost:80 %t.exe 2>&1 | FileCheck %s --check-prefix=BADLISTEN
// BADLISTEN: wasm2native: cannot listen on localhost:80 (expected IPV4ADDRESS:PORT)
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc %d %s\n", argc, argc > 1 ? argv[1] : "");
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  printf("end of env\n");
  for (int fd = 3;; fd++) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps)) break;
    char name[256] = {0};
    __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len);
    char path[300], line[64] = "";
    snprintf(path, sizeof path, "%s/f.txt", name);
    FILE *f = fopen(path, "r");
    if (f) { fgets(line, sizeof line, f); fclose(f); }
    printf("preopen %d %s: %s", fd, name, line);
  }
  printf("end of preopens\n");
  return 0;
}
