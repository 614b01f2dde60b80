/* wasi-shim/linux/wasi_sock.c: WASI sockets: preopened TCP listeners and sock_accept/recv/send/shutdown.
 *
 * wasi_snapshot_preview1 cannot create sockets; a program only gets the listening sockets that the
 * configuration names (--tcp-listen=ADDR:PORT at compile time, W2N_TCP_LISTEN at run time, see
 * docs/wasi.md). wasi_sock_listen creates each one at start-up (SO_REUSEADDR, backlog 128) and puts it
 * in the fd table after the preopened directories, with the socket rights plus sock_accept. fd_prestat_get
 * reports EBADF for it, as for any non-directory, so wasi-libc's preopen scan stops there.
 *
 * Accepted connections are ordinary socket fds (fd_read/fd_write/poll_oneoff work on them too). The
 * sock_* calls check the fd (EBADF), that it is a socket (ENOTSOCK), then its rights (ENOTCAPABLE).
 * Data moves with recvmsg/sendmsg straight between the guest's iovecs and the kernel; sends use
 * MSG_NOSIGNAL so a closed peer gives EPIPE instead of killing the process.
 */
#include "wasi.h"

#define W2N_AF_INET 2
#define W2N_SOCK_STREAM 1
#define W2N_SOCK_NONBLOCK 04000
#define W2N_SOCK_CLOEXEC 02000000
#define W2N_SOL_SOCKET 1
#define W2N_SO_REUSEADDR 2
#define W2N_MSG_PEEK 0x2
#define W2N_MSG_TRUNC 0x20
#define W2N_MSG_WAITALL 0x100
#define W2N_MSG_NOSIGNAL 0x4000
#define W2N_ENOTSOCK 88

#define WASI_ENOTSOCK 57
#define WASI_RIFLAGS_RECV_PEEK 1
#define WASI_RIFLAGS_RECV_WAITALL 2
#define WASI_ROFLAGS_RECV_DATA_TRUNCATED 1
#define WASI_SDFLAGS_RD 1
#define WASI_SDFLAGS_WR 2

#define IOV_MAX_BATCH 64

/* The kernel's struct msghdr (size_t fields make the layout right on 32- and 64-bit targets). */
struct w2n_msghdr {
  void *name;
  int namelen;
  struct w2n_iovec *iov;
  size_t iovlen;
  void *control;
  size_t controllen;
  unsigned flags;
};

struct w2n_sockaddr_in {
  uint16_t family;
  uint16_t port; /* network byte order */
  uint8_t addr[4];
  uint8_t zero[8];
};

static inline long sys_socket(int domain, int type, int proto) { return W2N_SC(W2N_NR_socket, domain, type, proto, 0, 0, 0); }
static inline long sys_bind(int fd, const void *addr, int len) { return W2N_SC(W2N_NR_bind, fd, addr, len, 0, 0, 0); }
static inline long sys_listen(int fd, int backlog) { return W2N_SC(W2N_NR_listen, fd, backlog, 0, 0, 0, 0); }
static inline long sys_setsockopt(int fd, int level, int name, const void *v, int len) { return W2N_SC(W2N_NR_setsockopt, fd, level, name, v, len, 0); }
static inline long sys_accept4(int fd, int flags) { return W2N_SC(W2N_NR_accept4, fd, 0, 0, flags, 0, 0); }
static inline long sys_recvmsg(int fd, struct w2n_msghdr *msg, int flags) { return W2N_SC(W2N_NR_recvmsg, fd, msg, flags, 0, 0, 0); }
static inline long sys_sendmsg(int fd, const struct w2n_msghdr *msg, int flags) { return W2N_SC(W2N_NR_sendmsg, fd, msg, flags, 0, 0, 0); }
static inline long sys_shutdown(int fd, int how) { return W2N_SC(W2N_NR_shutdown, fd, how, 0, 0, 0, 0); }

static int32_t sock_lookup(int32_t fd, uint64_t rights, wasi_fd **out) {
  wasi_fd *e = wasi_fd_get((uint32_t)fd);
  if (!e) return WASI_EBADF;
  if (e->filetype != WASI_FILETYPE_SOCKET_STREAM && e->filetype != WASI_FILETYPE_SOCKET_DGRAM) return WASI_ENOTSOCK;
  if ((e->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
  *out = e;
  return 0;
}

/* Checks a guest iovec array and fills at most IOV_MAX_BATCH host iovecs (the rest of a longer array
 * is left for a later call, which a short transfer allows). Returns the count or -WASI errno. */
static int gather(w2n_memory *m, uint32_t iovs, uint32_t n, struct w2n_iovec *out) {
  uint8_t *arr = guest_ptr(m, iovs, (uint64_t)n * 8);
  if (!arr) return -WASI_EFAULT;
  if (n > IOV_MAX_BATCH) n = IOV_MAX_BATCH;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t ptr = get_u32(arr + 8 * i), len = get_u32(arr + 8 * i + 4);
    uint8_t *p = guest_ptr(m, ptr, len);
    if (!p) return -WASI_EFAULT;
    out[i].base = p;
    out[i].len = len;
  }
  return (int)n;
}

int32_t w2n_wasi_sock_accept(w2n_memory *m, int32_t fd, int32_t flags, int32_t fd_ptr) {
  wasi_fd *e;
  int32_t err = sock_lookup(fd, WASI_RIGHT_SOCK_ACCEPT, &e);
  if (err) return err;
  uint8_t *out = guest_ptr(m, (uint32_t)fd_ptr, 4);
  if (!out) return WASI_EFAULT;
  if (flags & ~WASI_FDFLAG_NONBLOCK) return WASI_EINVAL;
  long r;
  do r = sys_accept4(e->host_fd, W2N_SOCK_CLOEXEC | ((flags & WASI_FDFLAG_NONBLOCK) ? W2N_SOCK_NONBLOCK : 0));
  while (r == -W2N_EINTR);
  if (r < 0) return wasi_errno_from_linux(r);
  uint32_t nfd;
  err = wasi_fd_insert((int)r, WASI_FILETYPE_SOCKET_STREAM, WASI_RIGHTS_SOCKET_BASE, 0, &nfd);
  if (err) { sys_close((int)r); return err; }
  put_u32(out, nfd);
  return 0;
}

int32_t w2n_wasi_sock_recv(w2n_memory *m, int32_t fd, int32_t ri_data, int32_t ri_data_len, int32_t ri_flags,
                           int32_t ro_datalen, int32_t ro_flags) {
  wasi_fd *e;
  int32_t err = sock_lookup(fd, WASI_RIGHT_FD_READ, &e);
  if (err) return err;
  uint8_t *plen = guest_ptr(m, (uint32_t)ro_datalen, 4), *pflags = guest_ptr(m, (uint32_t)ro_flags, 2);
  if (!plen || !pflags) return WASI_EFAULT;
  if (ri_flags & ~(WASI_RIFLAGS_RECV_PEEK | WASI_RIFLAGS_RECV_WAITALL)) return WASI_EINVAL;
  struct w2n_iovec iov[IOV_MAX_BATCH];
  int n = gather(m, (uint32_t)ri_data, (uint32_t)ri_data_len, iov);
  if (n < 0) return -n;
  struct w2n_msghdr msg = {0, 0, iov, (size_t)n, 0, 0, 0};
  int lflags = ((ri_flags & WASI_RIFLAGS_RECV_PEEK) ? W2N_MSG_PEEK : 0) |
               ((ri_flags & WASI_RIFLAGS_RECV_WAITALL) ? W2N_MSG_WAITALL : 0);
  long r;
  do r = sys_recvmsg(e->host_fd, &msg, lflags);
  while (r == -W2N_EINTR);
  if (r < 0) return wasi_errno_from_linux(r);
  put_u32(plen, (uint32_t)r);
  put_u16(pflags, (msg.flags & W2N_MSG_TRUNC) ? WASI_ROFLAGS_RECV_DATA_TRUNCATED : 0);
  return 0;
}

int32_t w2n_wasi_sock_send(w2n_memory *m, int32_t fd, int32_t si_data, int32_t si_data_len, int32_t si_flags,
                           int32_t so_datalen) {
  wasi_fd *e;
  int32_t err = sock_lookup(fd, WASI_RIGHT_FD_WRITE, &e);
  if (err) return err;
  uint8_t *plen = guest_ptr(m, (uint32_t)so_datalen, 4);
  if (!plen) return WASI_EFAULT;
  if (si_flags != 0) return WASI_EINVAL; /* siflags has no flags defined */
  struct w2n_iovec iov[IOV_MAX_BATCH];
  int n = gather(m, (uint32_t)si_data, (uint32_t)si_data_len, iov);
  if (n < 0) return -n;
  struct w2n_msghdr msg = {0, 0, iov, (size_t)n, 0, 0, 0};
  long r;
  do r = sys_sendmsg(e->host_fd, &msg, W2N_MSG_NOSIGNAL);
  while (r == -W2N_EINTR);
  if (r < 0) return wasi_errno_from_linux(r);
  put_u32(plen, (uint32_t)r);
  return 0;
}

int32_t w2n_wasi_sock_shutdown(w2n_memory *m, int32_t fd, int32_t how) {
  (void)m;
  wasi_fd *e;
  int32_t err = sock_lookup(fd, WASI_RIGHT_SOCK_SHUTDOWN, &e);
  if (err) return err;
  /* sdflags rd = 1, wr = 2 -> SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2 */
  if (how < 1 || how > 3) return WASI_EINVAL;
  return wasi_result(sys_shutdown(e->host_fd, how - 1));
}

/* Parses "A.B.C.D:PORT" (IPv4 only). Returns 0 on success. */
static int parse_ipv4(const char *s, struct w2n_sockaddr_in *sa) {
  memset(sa, 0, sizeof *sa);
  sa->family = W2N_AF_INET;
  for (int i = 0; i < 4; i++) {
    unsigned v = 0, digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 4) v = v * 10 + (unsigned)(*s++ - '0'), digits++;
    if (!digits || v > 255) return -1;
    sa->addr[i] = (uint8_t)v;
    if (*s++ != (i < 3 ? '.' : ':')) return -1;
  }
  unsigned port = 0, digits = 0;
  while (*s >= '0' && *s <= '9' && digits < 6) port = port * 10 + (unsigned)(*s++ - '0'), digits++;
  if (!digits || *s || port > 65535) return -1;
  sa->port = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
  return 0;
}

/* Start-up: creates a listening TCP socket for "ADDR:PORT" and appends it to the fd table. Returns
 * NULL, or what went wrong for the caller's configuration error (config.c). */
const char *wasi_sock_listen(const char *spec) {
  struct w2n_sockaddr_in sa;
  const char *why = 0;
  long fd = -1;
  if (parse_ipv4(spec, &sa)) why = " (expected IPV4ADDRESS:PORT)";
  else if ((fd = sys_socket(W2N_AF_INET, W2N_SOCK_STREAM | W2N_SOCK_CLOEXEC, 0)) < 0) why = ": socket failed";
  else {
    int one = 1;
    sys_setsockopt((int)fd, W2N_SOL_SOCKET, W2N_SO_REUSEADDR, &one, sizeof one);
    if (sys_bind((int)fd, &sa, sizeof sa) < 0) why = ": bind failed";
    else if (sys_listen((int)fd, 128) < 0) why = ": listen failed";
  }
  uint32_t wfd;
  if (!why && wasi_fd_insert((int)fd, WASI_FILETYPE_SOCKET_STREAM, WASI_RIGHTS_SOCKET_BASE | WASI_RIGHT_SOCK_ACCEPT, 0,
                             &wfd))
    why = ": cannot allocate the WASI fd table";
  if (why && fd >= 0) sys_close((int)fd);
  return why;
}
