/* test/embed-wasi/Inputs/sandbox.c: a WASI reactor that reports what its sandbox lets it see, for
 * sandbox.test: several instances of it live in one host process, each with its own WASI.
 *
 * show() prints the guest's argv, its INSTANCE variable and /data/own.txt (read with wasi-libc, which
 * finds the preopen named /data). probe(path, follow) opens a path beneath fd 3 (the one preopen) with
 * raw WASI path_open and prints the WASI errno, so that escapes read as 76 (ENOTCAPABLE) whatever
 * wasi-libc would make of them; probe_fd(fd) asks fd_prestat_get about a descriptor. quit(code) calls
 * exit, which flushes stdout and ends with proc_exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("show") int show(void) {
  __wasi_size_t argc, size;
  if (__wasi_args_sizes_get(&argc, &size)) return 1;
  char *argv[16], buf[1024];
  if (argc > 16 || size > sizeof buf || __wasi_args_get((uint8_t **)argv, (uint8_t *)buf)) return 1;
  printf("args:");
  for (__wasi_size_t i = 0; i < argc; i++) printf(" %s", argv[i]);
  const char *inst = getenv("INSTANCE");
  printf("\nINSTANCE=%s HOME=%s\n", inst ? inst : "(unset)", getenv("HOME") ? getenv("HOME") : "(unset)");
  FILE *f = fopen("/data/own.txt", "r");
  if (!f) {
    printf("/data/own.txt: cannot open\n");
    return 1;
  }
  char line[256];
  while (fgets(line, sizeof line, f)) printf("own.txt: %s", line);
  fclose(f);
  return 0;
}

/* Guest memory for the host to put a path in. */
static char path_buf[1024];
EXPORT("path_buffer") char *path_buffer(void) { return path_buf; }

EXPORT("probe") int probe(int follow) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(3, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path_buf, 0,
                                      __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  char data[64] = "";
  if (!e) {
    __wasi_iovec_t iov = {(uint8_t *)data, sizeof data - 1};
    __wasi_size_t n = 0;
    if (__wasi_fd_read(fd, &iov, 1, &n)) n = 0;
    data[n] = 0;
    if (n && data[n - 1] == '\n') data[n - 1] = 0;
    if (__wasi_fd_close(fd)) printf("fd_close failed\n");
  }
  printf("probe %s%s: errno %d%s%s\n", path_buf, follow ? " (follow)" : "", e, e ? "" : ", read ", data);
  return e;
}

EXPORT("probe_fd") int probe_fd(int fd) {
  __wasi_prestat_t p;
  __wasi_errno_t e = __wasi_fd_prestat_get(fd, &p);
  printf("prestat %d: errno %d\n", fd, e);
  return e;
}

EXPORT("quit") void quit(int code) {
  printf("quitting with %d\n", code);
  exit(code);
}
