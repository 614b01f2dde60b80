// The sandbox: only the preopened directory is reachable. `..` out of it, absolute host paths and
// symlinks inside it that point outside (relative, absolute, or to /etc) all fail, for reading,
// writing, stat, opendir, rename and mkdir; a symlink that stays inside works. The host side is
// checked afterwards: nothing outside the box was created or changed.
// RUN: rm -rf %t && mkdir -p %t/root/box/sub
// RUN: echo inside-data > %t/root/box/inside.txt
// RUN: echo outside-secret > %t/root/outside.txt
// RUN: ln -s ../outside.txt %t/root/box/rel-escape
// RUN: ln -s %t/root/outside.txt %t/root/box/abs-escape
// RUN: ln -s /etc %t/root/box/etc-link
// RUN: ln -s .. %t/root/box/sub/up2
// RUN: ln -s inside.txt %t/root/box/ok-link
// RUN: %clang-wasm %s -o %t/prog.wasm
// RUN: %wasm2native -O0 %t/prog.wasm -o %t/prog.O0.exe --dir=%t/root/box::/data
// RUN: %wasm2native -O2 %t/prog.wasm -o %t/prog.O2.exe --dir=%t/root/box::/data
// RUN: %t/prog.O0.exe | FileCheck %s
// RUN: %t/prog.O2.exe | FileCheck %s
// RUN: python3 %S/Inputs/ls.py %t/root | FileCheck %s --check-prefix=HOST
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void try_read(const char *path) {
  FILE *f = fopen(path, "r");
  char buf[64] = {0};
  if (f) {
    fgets(buf, sizeof buf, f);
    buf[strcspn(buf, "\n")] = '\0';
    fclose(f);
    printf("read %s: OPENED <%s>\n", path, buf);
  } else {
    printf("read %s: denied\n", path);
  }
}

static void try_write(const char *path) {
  FILE *f = fopen(path, "w");
  if (f) {
    fputs("PWNED\n", f);
    fclose(f);
  }
  printf("write %s: %s\n", path, f ? "OPENED" : "denied");
}

int main(void) {
  try_read("/data/inside.txt");
  try_read("/data/ok-link");
  try_read("/data/sub/../inside.txt");
  try_read("../outside.txt");
  try_read("/data/../outside.txt");
  try_read("/data/sub/../../outside.txt");
  try_read("/data/./sub/../../outside.txt");
  try_read("/etc/passwd");
  try_read("/data/../../../../../../etc/passwd");
  try_read("/data/rel-escape");
  try_read("/data/abs-escape");
  try_read("/data/etc-link/passwd");
  try_read("/data/sub/up2/inside.txt");
  try_read("/data/sub/up2/../outside.txt");
  try_write("/data/../outside.txt");
  try_write("/data/../new-outside.txt");
  try_write("/data/rel-escape");
  try_write("/data/abs-escape");
  try_write("/tmp/w2n-sandbox-should-not-exist");

  struct stat st;
  printf("stat outside: %s\n", stat("/data/../outside.txt", &st) == 0 ? "OK" : "denied");
  printf("stat rel-escape: %s\n", stat("/data/rel-escape", &st) == 0 ? "OK" : "denied");
  printf("lstat rel-escape is link: %d\n", lstat("/data/rel-escape", &st) == 0 && S_ISLNK(st.st_mode));
  DIR *d = opendir("/data/..");
  printf("opendir /data/..: %s\n", d ? "OPENED" : "denied");
  if (d) closedir(d);
  d = opendir("/data/etc-link");
  printf("opendir etc-link: %s\n", d ? "OPENED" : "denied");
  if (d) closedir(d);
  d = opendir("/");
  printf("opendir /: %s\n", d ? "OPENED" : "denied");
  if (d) closedir(d);
  printf("mkdir outside: %s\n", mkdir("/data/../made-outside", 0755) == 0 ? "MADE" : "denied");
  printf("rename out: %s\n", rename("/data/inside.txt", "/data/../moved.txt") == 0 ? "MOVED" : "denied");
  printf("unlink outside: %s\n", unlink("/data/../outside.txt") == 0 ? "REMOVED" : "denied");
  int fd = open("/data/abs-escape", O_RDONLY | O_NOFOLLOW);
  printf("open nofollow: %s\n", fd >= 0 ? "OPENED" : "denied");
  return 0;
}

// CHECK: read /data/inside.txt: OPENED <inside-data>
// CHECK-NEXT: read /data/ok-link: OPENED <inside-data>
// CHECK-NEXT: read /data/sub/../inside.txt: OPENED <inside-data>
// CHECK-NEXT: read ../outside.txt: denied
// CHECK-NEXT: read /data/../outside.txt: denied
// CHECK-NEXT: read /data/sub/../../outside.txt: denied
// CHECK-NEXT: read /data/./sub/../../outside.txt: denied
// CHECK-NEXT: read /etc/passwd: denied
// CHECK-NEXT: read /data/../../../../../../etc/passwd: denied
// CHECK-NEXT: read /data/rel-escape: denied
// CHECK-NEXT: read /data/abs-escape: denied
// CHECK-NEXT: read /data/etc-link/passwd: denied
// CHECK-NEXT: read /data/sub/up2/inside.txt: OPENED <inside-data>
// CHECK-NEXT: read /data/sub/up2/../outside.txt: denied
// CHECK-NEXT: write /data/../outside.txt: denied
// CHECK-NEXT: write /data/../new-outside.txt: denied
// CHECK-NEXT: write /data/rel-escape: denied
// CHECK-NEXT: write /data/abs-escape: denied
// CHECK-NEXT: write /tmp/w2n-sandbox-should-not-exist: denied
// CHECK-NEXT: stat outside: denied
// CHECK-NEXT: stat rel-escape: denied
// CHECK-NEXT: lstat rel-escape is link: 1
// CHECK-NEXT: opendir /data/..: denied
// CHECK-NEXT: opendir etc-link: denied
// CHECK-NEXT: opendir /: denied
// CHECK-NEXT: mkdir outside: denied
// CHECK-NEXT: rename out: denied
// CHECK-NEXT: unlink outside: denied
// CHECK-NEXT: open nofollow: denied

// HOST: box/
// HOST-NEXT: outside.txt 15 outside-secret
// HOST-NOT: {{.}}
