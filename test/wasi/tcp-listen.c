// Sockets: a listening socket created at start-up (--tcp-listen at compile time, or W2N_TCP_LISTEN at
// run time) is a preopened socket fd after the directories. The program accepts one connection on
// 127.0.0.1, reads a line with sock_recv (MSG_PEEK first, then two iovecs), answers with sock_send
// (two iovecs), shuts down its write side and checks the sock_* errors on non-socket fds. The python3
// client picks a free loopback port, compiles/runs the server with a time limit and checks the reply.
// RUN: %clang-wasm %s -o %t.wasm
// RUN: python3 %S/Inputs/tcp_client.py %wasm2native %t.wasm %t.exe compile | FileCheck %s
// RUN: python3 %S/Inputs/tcp_client.py %wasm2native %t.wasm %t.rt.exe runtime | FileCheck %s
// CHECK: listener fd 4 type 6
// CHECK: no prestat for the socket: 8
// CHECK: accept on a file: 57
// CHECK: shutdown on a bad fd: 8
// CHECK: accepted fd 5 type 6
// CHECK: peeked {{[1-9]}}
// CHECK: got 12 bytes: hello world
// CHECK: sent 18 bytes
// CHECK: client got: 'echo: hello world\n'
// CHECK: server exit status 0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
  // fd 3 is the preopened directory, so the listener is fd 4.
  int lfd = -1;
  for (int fd = 3; fd < 16; fd++) {
    __wasi_fdstat_t st;
    if (__wasi_fd_fdstat_get(fd, &st) == 0 && st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM) {
      lfd = fd;
      printf("listener fd %d type %d\n", fd, st.fs_filetype);
      break;
    }
  }
  if (lfd < 0) { printf("no listener\n"); return 1; }
  __wasi_prestat_t ps;
  printf("no prestat for the socket: %d\n", __wasi_fd_prestat_get(lfd, &ps));
  __wasi_fd_t bad;
  printf("accept on a file: %d\n", __wasi_sock_accept(1, 0, &bad));
  printf("shutdown on a bad fd: %d\n", __wasi_sock_shutdown(99, __WASI_SDFLAGS_WR));
  fflush(stdout);

  int c = accept(lfd, NULL, NULL);
  if (c < 0) { printf("accept failed: %s\n", strerror(errno)); return 1; }
  __wasi_fdstat_t cst;
  __wasi_fd_fdstat_get(c, &cst);
  printf("accepted fd %d type %d\n", c, cst.fs_filetype);

  char peek[8];
  ssize_t n = recv(c, peek, sizeof peek, MSG_PEEK);
  printf("peeked %zd\n", n > 0 ? n : 0);

  char a[5], b[64], line[80];
  size_t len = 0;
  while (len == 0 || line[len - 1] != '\n') {
    __wasi_iovec_t iov[2] = {{(uint8_t *)a, sizeof a}, {(uint8_t *)b, sizeof b}};
    __wasi_size_t got;
    __wasi_roflags_t ro;
    __wasi_errno_t e = __wasi_sock_recv(c, iov, 2, 0, &got, &ro);
    if (e || got == 0) { printf("recv failed: %d\n", e); return 1; }
    size_t first = got < sizeof a ? got : sizeof a;
    memcpy(line + len, a, first);
    memcpy(line + len + first, b, got - first);
    len += got;
  }
  printf("got %zu bytes: %.*s", len, (int)len, line);

  const char *prefix = "echo: ";
  __wasi_ciovec_t out[2] = {{(const uint8_t *)prefix, strlen(prefix)}, {(const uint8_t *)line, len}};
  __wasi_size_t sent;
  __wasi_errno_t e = __wasi_sock_send(c, out, 2, 0, &sent);
  printf("sent %u bytes\n", e ? 0 : sent);
  if (__wasi_sock_shutdown(c, __WASI_SDFLAGS_WR)) { printf("shutdown failed\n"); return 1; }
  close(c);
  return 0;
}
