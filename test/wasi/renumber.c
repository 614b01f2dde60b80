// fd_renumber, in both run-time modes (W2N_FD_RENUMBER, wasi-shim/linux/fdtable.c).
// Both: `from` replaces an open `to` (closed first) and becomes free; from == to needs an open
// `from`; an unopened `from` is EBADF and changes nothing; a preopen moves with its name.
// Strict (default): an unopened `to` (a closed slot, or past the end of the table) is EBADF and
// nothing moves. Lenient: it is taken (the table grows; beyond its limit, ENOMEM), which is what the
// real program this test models needs: stdout and stderr moved aside to free numbers, a log file
// opened (landing on the freed 1) and written through stdio, both moved back, later output on the
// real stdout. Strict refuses the first move, so that program keeps writing to the real stdout.
// Sandbox: the shell leaves host fd 9 open on hostonly.txt; guest fd 9 is not it (EBADF, renumbering
// from it fails), and a guest file moved onto 9 writes to the guest's file, never to host fd 9.
// RUN: rm -rf %t && mkdir -p %t/box
// RUN: %clang-wasm %s -o %t/prog.wasm
// RUN: %wasm2native -O0 %t/prog.wasm -o %t/prog.O0.exe --dir=%t/box::/data
// RUN: %wasm2native -O2 %t/prog.wasm -o %t/prog.O2.exe --dir=%t/box::/data
// RUN: env W2N_FD_RENUMBER=lenient sh -c 'exec 9>"$1"; exec "$2" lenient 2>"$3"' sh %t/host.txt %t/prog.O0.exe %t/err.txt > %t/out.txt
// RUN: FileCheck %s --check-prefixes=CHECK,LENIENT < %t/out.txt
// RUN: FileCheck %s --check-prefix=ERR < %t/err.txt
// RUN: FileCheck %s --check-prefix=LOG < %t/box/log.txt
// RUN: FileCheck %s --check-prefix=NINE < %t/box/nine.txt
// RUN: count 0 < %t/host.txt
// RUN: rm -f %t/box/* %t/host.txt
// RUN: env W2N_FD_RENUMBER=lenient sh -c 'exec 9>"$1"; exec "$2" lenient 2>"$3"' sh %t/host.txt %t/prog.O2.exe %t/err.txt > %t/out.txt
// RUN: FileCheck %s --check-prefixes=CHECK,LENIENT < %t/out.txt
// RUN: FileCheck %s --check-prefix=ERR < %t/err.txt
// RUN: FileCheck %s --check-prefix=LOG < %t/box/log.txt
// RUN: FileCheck %s --check-prefix=NINE < %t/box/nine.txt
// RUN: count 0 < %t/host.txt
// RUN: rm -f %t/box/* %t/host.txt
// RUN: sh -c 'exec 9>"$1"; exec "$2" strict 2>"$3"' sh %t/host.txt %t/prog.O0.exe %t/err.txt > %t/out.txt
// RUN: FileCheck %s --check-prefixes=CHECK,STRICT < %t/out.txt
// RUN: FileCheck %s --check-prefix=STRICT-ERR < %t/err.txt
// RUN: count 0 < %t/host.txt
// RUN: rm -f %t/box/* %t/host.txt
// RUN: env W2N_FD_RENUMBER=strict sh -c 'exec 9>"$1"; exec "$2" strict 2>"$3"' sh %t/host.txt %t/prog.O2.exe %t/err.txt > %t/out.txt
// RUN: FileCheck %s --check-prefixes=CHECK,STRICT < %t/out.txt
// RUN: FileCheck %s --check-prefix=STRICT-ERR < %t/err.txt
// RUN: count 0 < %t/host.txt
// RUN: env W2N_FD_RENUMBER=sloppy not %t/prog.O2.exe strict 2>&1 | FileCheck %s --check-prefix=BADVAR
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static int failures;

static void expect(const char *what, int got, int want) {
  printf("%s: %d%s\n", what, got, got == want ? "" : " UNEXPECTED");
  if (got != want) failures++;
}

// Opens NAME in the directory fd DIR with read/write rights (creating and truncating it if CREATE);
// returns the fd or -1.
static int open_in(int dir, const char *name, int create) {
  __wasi_fd_t fd;
  __wasi_rights_t rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                           __WASI_RIGHTS_FD_FILESTAT_GET;
  __wasi_errno_t e = __wasi_path_open(dir, 0, name, create ? __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC : 0,
                                      rights, 0, 0, &fd);
  return e ? -1 : (int)fd;
}

static void put(int fd, const char *s) { write(fd, s, strlen(s)); }

// Prints the first line fd holds (read from offset 0), or that it cannot be read.
static void show(const char *label, int fd) {
  char buf[64] = {0};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n < 0) {
    printf("%s: fd %d unreadable\n", label, fd);
    return;
  }
  buf[strcspn(buf, "\n")] = 0;
  printf("%s: fd %d holds <%s>\n", label, fd, buf);
}

int main(int argc, char **argv) {
  int lenient = argc > 1 && strcmp(argv[1], "lenient") == 0;
  int want_moved = lenient ? 0 : __WASI_ERRNO_BADF; // renumbering onto an unopened fd
  const int data = 3; // the preopen /data (fd 3: after stdio, in --dir order)
  __wasi_prestat_t pre;
  expect("preopen at 3", __wasi_fd_prestat_get(data, &pre), 0);

  // from == to: a no-op on an open fd, EBADF on an unopened one.
  expect("renumber 1->1", __wasi_fd_renumber(1, 1), 0);
  expect("renumber 50->50 (never opened)", __wasi_fd_renumber(50, 50), __WASI_ERRNO_BADF);
  // An unopened `from` fails and leaves `to` alone.
  expect("renumber 77->1 (77 never opened)", __wasi_fd_renumber(77, 1), __WASI_ERRNO_BADF);

  // Onto an open fd: it is closed and replaced; `from` becomes free.
  int a = open_in(data, "a.txt", 1), b = open_in(data, "b.txt", 1);
  put(a, "contents of a\n");
  put(b, "contents of b\n");
  expect("renumber b->a (a open)", __wasi_fd_renumber(b, a), 0);
  show("after b->a", a);
  expect("old b is free", __wasi_fd_close(b), __WASI_ERRNO_BADF);

  // Onto the slot b just freed (closed): taken, or refused with both fds unchanged.
  expect("renumber a->b (b closed)", __wasi_fd_renumber(a, b), want_moved);
  int at = lenient ? b : a, freed = lenient ? a : b;
  show("renumbered fd", at);
  expect("the other is free", __wasi_fd_close(freed), __WASI_ERRNO_BADF);

  // Past the end of the table (it starts with 16 slots), then back onto an open fd; a number beyond
  // the table's limit is refused (lenient) and the fd stays where it was.
  expect("renumber ->1000 (past the end)", __wasi_fd_renumber(at, 1000), want_moved);
  if (lenient) {
    show("after ->1000", 1000);
    expect("old fd is free", __wasi_fd_close(at), __WASI_ERRNO_BADF);
    expect("renumber 1000->4000000000", __wasi_fd_renumber(1000, 4000000000u), __WASI_ERRNO_NOMEM);
    show("still at 1000", 1000);
    int c = open_in(data, "c.txt", 1);
    expect("renumber 1000->c (c open)", __wasi_fd_renumber(1000, c), 0);
    at = c;
  }
  show("finally", at);
  expect("close it", close(at), 0);

  // A preopen moves with its name, onto an open fd; paths resolve from its new number only. It goes
  // back onto whatever the next open puts on the freed 3.
  int x = open_in(data, "x.txt", 1);
  expect("renumber 3->x (preopen)", __wasi_fd_renumber(data, x), 0);
  char name[16] = {0};
  expect("prestat at x", __wasi_fd_prestat_get(x, &pre), 0);
  expect("prestat dir name at x", __wasi_fd_prestat_dir_name(x, (uint8_t *)name, pre.u.dir.pr_name_len), 0);
  printf("preopen name at x: %s\n", name);
  expect("prestat at 3", __wasi_fd_prestat_get(data, &pre), __WASI_ERRNO_BADF);
  int y = open_in(x, "b.txt", 0);
  expect("b.txt via x opened at", y, data);
  show("b.txt via x", y);
  expect("renumber x->3 (preopen back)", __wasi_fd_renumber(x, data), 0);
  expect("prestat at 3 again", __wasi_fd_prestat_get(data, &pre), 0);

  // Sandbox: host fd 9 is open (the shell's), guest fd 9 is not.
  expect("write to guest 9", (int)write(9, "x", 1), -1);
  int n = open_in(data, "nine.txt", 1);
  expect("renumber 9->nine (host-only fd)", __wasi_fd_renumber(9, n), __WASI_ERRNO_BADF);
  expect("renumber nine->9", __wasi_fd_renumber(n, 9), want_moved);
  put(lenient ? 9 : n, "written through the guest's fd\n");
  expect("close it", close(lenient ? 9 : n), 0);

  // Stdout and stderr aside and back, around a step that writes through stdio. While they are
  // aside nothing may print to the real stdout, so the results are kept and printed afterwards.
  printf("before the step\n");
  fflush(stdout);
  fputs("stderr before the step\n", stderr);
  int out_aside = __wasi_fd_renumber(1, 20), err_aside = __wasi_fd_renumber(2, 21);
  int log = open_in(data, "log.txt", 1); // the lowest free slot: 1 if stdout moved away
  printf("stdout during the step\n");
  fflush(stdout);
  fputs("stderr during the step\n", stderr);
  int out_back = __wasi_fd_renumber(20, 1); // closes the log
  int err_back = __wasi_fd_renumber(21, 2);
  expect("renumber 1->20", out_aside, want_moved);
  expect("renumber 2->21", err_aside, want_moved);
  expect("log opened at", log, lenient ? 1 : 4);
  expect("renumber 20->1 (closes the log)", out_back, want_moved);
  expect("renumber 21->2", err_back, want_moved);
  expect("20 is free", __wasi_fd_close(20), __WASI_ERRNO_BADF);
  printf("after the step\n");
  fputs("stderr after the step\n", stderr);
  printf("failures: %d\n", failures);
  return failures != 0;
}

// CHECK: preopen at 3: 0
// CHECK-NEXT: renumber 1->1: 0
// CHECK-NEXT: renumber 50->50 (never opened): 8
// CHECK-NEXT: renumber 77->1 (77 never opened): 8
// CHECK-NEXT: renumber b->a (a open): 0
// CHECK-NEXT: after b->a: fd 4 holds <contents of b>
// CHECK-NEXT: old b is free: 8
// LENIENT-NEXT: renumber a->b (b closed): 0
// LENIENT-NEXT: renumbered fd: fd 5 holds <contents of b>
// STRICT-NEXT: renumber a->b (b closed): 8
// STRICT-NEXT: renumbered fd: fd 4 holds <contents of b>
// CHECK-NEXT: the other is free: 8
// LENIENT-NEXT: renumber ->1000 (past the end): 0
// LENIENT-NEXT: after ->1000: fd 1000 holds <contents of b>
// LENIENT-NEXT: old fd is free: 8
// LENIENT-NEXT: renumber 1000->4000000000: 48
// LENIENT-NEXT: still at 1000: fd 1000 holds <contents of b>
// LENIENT-NEXT: renumber 1000->c (c open): 0
// STRICT-NEXT: renumber ->1000 (past the end): 8
// CHECK-NEXT: finally: fd 4 holds <contents of b>
// CHECK-NEXT: close it: 0
// CHECK-NEXT: renumber 3->x (preopen): 0
// CHECK-NEXT: prestat at x: 0
// CHECK-NEXT: prestat dir name at x: 0
// CHECK-NEXT: preopen name at x: /data
// CHECK-NEXT: prestat at 3: 8
// CHECK-NEXT: b.txt via x opened at: 3
// CHECK-NEXT: b.txt via x: fd 3 holds <contents of b>
// CHECK-NEXT: renumber x->3 (preopen back): 0
// CHECK-NEXT: prestat at 3 again: 0
// CHECK-NEXT: write to guest 9: -1
// CHECK-NEXT: renumber 9->nine (host-only fd): 8
// LENIENT-NEXT: renumber nine->9: 0
// STRICT-NEXT: renumber nine->9: 8
// CHECK-NEXT: close it: 0
// CHECK-NEXT: before the step
// STRICT-NEXT: stdout during the step
// CHECK-NEXT: renumber 1->20: [[MOVED:0|8]]
// CHECK-NEXT: renumber 2->21: [[MOVED]]
// LENIENT-NEXT: log opened at: 1
// STRICT-NEXT: log opened at: 4
// CHECK-NEXT: renumber 20->1 (closes the log): [[MOVED]]
// CHECK-NEXT: renumber 21->2: [[MOVED]]
// CHECK-NEXT: 20 is free: 8
// CHECK-NEXT: after the step
// CHECK-NEXT: failures: 0
// CHECK-NOT: {{.}}

// ERR: stderr before the step
// ERR-NEXT: stderr after the step
// ERR-NOT: {{.}}

// STRICT-ERR: stderr before the step
// STRICT-ERR-NEXT: stderr during the step
// STRICT-ERR-NEXT: stderr after the step
// STRICT-ERR-NOT: {{.}}

// LOG: stdout during the step
// LOG-NOT: {{.}}

// NINE: written through the guest's fd

// BADVAR: wasm2native: invalid run-time variable W2N_FD_RENUMBER=sloppy (expected W2N_FD_RENUMBER=strict or lenient)
