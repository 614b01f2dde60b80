// Files in a preopened directory: create, write, read back, fseek/ftell, stat sizes, mkdir/rmdir,
// rename, unlink and a readdir listing. The host directory is checked afterwards from the host side.
// RUN: rm -rf %t.d0 %t.d2 && mkdir -p %t.d0 %t.d2
// RUN: %clang-wasm %s -o %t.wasm
// RUN: %wasm2native -O0 %t.wasm -o %t.O0.exe --dir=%t.d0::/data
// RUN: %wasm2native -O2 %t.wasm -o %t.O2.exe --dir=%t.d2::/data
// RUN: %t.O0.exe | FileCheck %s
// RUN: %t.O2.exe | FileCheck %s
// RUN: python3 %S/Inputs/ls.py %t.d0 | FileCheck %s --check-prefix=HOST
// RUN: python3 %S/Inputs/ls.py %t.d2 | FileCheck %s --check-prefix=HOST
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) { printf("opendir %s failed: %s\n", dir, strerror(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  printf("list %s:", dir);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

static long size_of(const char *p) {
  struct stat st;
  if (stat(p, &st) != 0) return -1;
  return (long)st.st_size;
}

int main(void) {
  FILE *f = fopen("/data/a.txt", "w");
  if (!f) { printf("fopen w failed: %s\n", strerror(errno)); return 1; }
  for (int i = 0; i < 100; i++) fprintf(f, "line %03d\n", i);  // 9 bytes each
  printf("ftell after write=%ld\n", ftell(f));
  fclose(f);
  printf("stat a.txt size=%ld\n", size_of("/data/a.txt"));

  f = fopen("/data/a.txt", "r+");
  char buf[32] = {0};
  fseek(f, 9 * 42, SEEK_SET);
  fgets(buf, sizeof buf, f);
  printf("at 378: %s", buf);
  fseek(f, -9, SEEK_END);
  printf("ftell end-9=%ld\n", ftell(f));
  fgets(buf, sizeof buf, f);
  printf("last: %s", buf);
  fseek(f, 0, SEEK_SET);
  fputs("LINE", f);
  fseek(f, 0, SEEK_SET);
  fgets(buf, sizeof buf, f);
  printf("overwritten: %s", buf);
  fclose(f);

  f = fopen("/data/a.txt", "a");
  fputs("appended\n", f);
  fclose(f);
  printf("stat after append=%ld\n", size_of("/data/a.txt"));

  printf("mkdir sub=%d\n", mkdir("/data/sub", 0755));
  printf("mkdir sub again=%d errno-EEXIST=%d\n", mkdir("/data/sub", 0755), errno == EEXIST);
  struct stat st;
  printf("stat sub isdir=%d\n", stat("/data/sub", &st) == 0 && S_ISDIR(st.st_mode));
  f = fopen("/data/sub/inner.bin", "wb");
  unsigned char bytes[1000];
  for (int i = 0; i < 1000; i++) bytes[i] = (unsigned char)(i * 7);
  fwrite(bytes, 1, sizeof bytes, f);
  fclose(f);
  printf("inner size=%ld\n", size_of("/data/sub/inner.bin"));
  f = fopen("/data/sub/inner.bin", "rb");
  unsigned char back[1000];
  size_t got = fread(back, 1, sizeof back, f);
  printf("read back %zu equal=%d\n", got, memcmp(bytes, back, sizeof bytes) == 0);
  fclose(f);

  f = fopen("/data/tmp.txt", "w");
  fputs("temporary", f);
  fclose(f);
  printf("rename=%d\n", rename("/data/tmp.txt", "/data/renamed.txt"));
  printf("old gone=%d new size=%ld\n", size_of("/data/tmp.txt") == -1, size_of("/data/renamed.txt"));
  list("/data");
  list("/data/sub");

  printf("rmdir nonempty=%d\n", rmdir("/data/sub"));
  printf("unlink inner=%d\n", unlink("/data/sub/inner.bin"));
  printf("rmdir sub=%d\n", rmdir("/data/sub"));
  printf("unlink missing=%d errno-ENOENT=%d\n", unlink("/data/nope"), errno == ENOENT);
  printf("fopen missing=%s errno-ENOENT=%d\n", fopen("/data/nope", "r") ? "ok" : "NULL", errno == ENOENT);
  mkdir("/data/kept", 0755);
  list("/data");
  return 0;
}

// CHECK: ftell after write=900
// CHECK-NEXT: stat a.txt size=900
// CHECK-NEXT: at 378: line 042
// CHECK-NEXT: ftell end-9=891
// CHECK-NEXT: last: line 099
// CHECK-NEXT: overwritten: LINE 000
// CHECK-NEXT: stat after append=909
// CHECK-NEXT: mkdir sub=0
// CHECK-NEXT: mkdir sub again=-1 errno-EEXIST=1
// CHECK-NEXT: stat sub isdir=1
// CHECK-NEXT: inner size=1000
// CHECK-NEXT: read back 1000 equal=1
// CHECK-NEXT: rename=0
// CHECK-NEXT: old gone=1 new size=9
// CHECK-NEXT: list /data: a.txt renamed.txt sub
// CHECK-NEXT: list /data/sub: inner.bin
// CHECK-NEXT: rmdir nonempty=-1
// CHECK-NEXT: unlink inner=0
// CHECK-NEXT: rmdir sub=0
// CHECK-NEXT: unlink missing=-1 errno-ENOENT=1
// CHECK-NEXT: fopen missing=NULL errno-ENOENT=1
// CHECK-NEXT: list /data: a.txt kept renamed.txt

// HOST: a.txt 909 LINE 000
// HOST-NEXT: kept/
// HOST-NEXT: renamed.txt 9 temporary
// HOST-NOT: sub
