/* wasi-shim/linux/wasi_poll.c: poll_oneoff on clock and fd_read/fd_write subscriptions, via ppoll.
 *
 * Clock subscriptions become the ppoll timeout (the earliest one; absolute deadlines are converted
 * against the same clock), fd subscriptions become pollfds. After ppoll returns, every clock
 * subscription whose time has passed fires, plus every fd that is ready. Subscriptions naming a bad
 * fd or clock produce an event carrying the error immediately instead of failing the whole call.
 */
#include "wasi.h"

#define SUB_SIZE 48
#define EVENT_SIZE 32
#define STACK_SUBS 64

static uint64_t now_ns(int clk) {
  struct w2n_timespec ts;
  if (sys_clock_gettime(clk, &ts) < 0) return 0;
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct sub_state {
  uint64_t rel;      /* clock: nanoseconds from the start of the call */
  int pollidx;       /* fd: index into pollfds, or -1 */
  uint16_t error;    /* immediate error event */
  uint8_t type;
};

int32_t w2n_wasi_poll_oneoff(w2n_memory *m, int32_t in, int32_t out, int32_t nsubs, int32_t nevents_ptr) {
  uint32_t n = (uint32_t)nsubs;
  uint8_t *pin = guest_ptr(m, (uint32_t)in, (uint64_t)n * SUB_SIZE);
  uint8_t *pout = guest_ptr(m, (uint32_t)out, (uint64_t)n * EVENT_SIZE);
  uint8_t *pn = guest_ptr(m, (uint32_t)nevents_ptr, 4);
  if (!pin || !pout || !pn) return WASI_EFAULT;
  if (n == 0) return WASI_EINVAL;

  struct sub_state st_small[STACK_SUBS];
  struct w2n_pollfd pfd_small[STACK_SUBS];
  struct sub_state *st = st_small;
  struct w2n_pollfd *pfd = pfd_small;
  if (n > STACK_SUBS) {
    st = w2n_alloc((size_t)n * sizeof *st);
    pfd = w2n_alloc((size_t)n * sizeof *pfd);
    if (!st || !pfd) { w2n_free(st); w2n_free(pfd); return WASI_ENOMEM; }
  }
  int32_t result = 0;
  uint64_t start = now_ns(1), min_rel = ~0ull;
  int have_clock = 0, immediate = 0;
  unsigned long nfds = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *s = pin + (size_t)i * SUB_SIZE;
    uint8_t tag = s[8];
    st[i].pollidx = -1;
    st[i].error = 0;
    st[i].type = tag;
    st[i].rel = 0;
    if (tag == 0) {
      uint32_t id = get_u32(s + 16);
      uint64_t timeout = get_u64(s + 24);
      uint16_t flags = get_u16(s + 40);
      if (id > 3) { st[i].error = WASI_EINVAL; immediate = 1; continue; }
      if (flags & 1) { /* absolute deadline on clock id */
        uint64_t now = now_ns((int)id);
        st[i].rel = timeout > now ? timeout - now : 0;
      } else {
        st[i].rel = timeout;
      }
      have_clock = 1;
      if (st[i].rel < min_rel) min_rel = st[i].rel;
    } else if (tag == 1 || tag == 2) {
      wasi_fd *e = wasi_fd_get(get_u32(s + 16));
      if (!e) { st[i].error = WASI_EBADF; immediate = 1; continue; }
      st[i].pollidx = (int)nfds;
      pfd[nfds].fd = e->host_fd;
      pfd[nfds].events = tag == 1 ? W2N_POLLIN : W2N_POLLOUT;
      pfd[nfds].revents = 0;
      nfds++;
    } else {
      result = WASI_EINVAL;
      goto done;
    }
  }

  struct w2n_timespec ts, *tsp = NULL;
  if (immediate) min_rel = 0, have_clock = 1;
  if (have_clock) {
    ts.tv_sec = (int64_t)(min_rel / 1000000000ull);
    ts.tv_nsec = (int64_t)(min_rel % 1000000000ull);
    tsp = &ts;
  }
  long r;
  for (;;) {
    r = sys_ppoll(pfd, nfds, tsp);
    if (r != -W2N_EINTR) break;
    if (tsp) { /* recompute the remaining time */
      uint64_t el = now_ns(1) - start;
      uint64_t rem = min_rel > el ? min_rel - el : 0;
      ts.tv_sec = (int64_t)(rem / 1000000000ull);
      ts.tv_nsec = (int64_t)(rem % 1000000000ull);
    }
  }
  if (r < 0) { result = wasi_errno_from_linux(r); goto done; }
  uint64_t elapsed = now_ns(1) - start;

  uint32_t nev = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *s = pin + (size_t)i * SUB_SIZE;
    uint16_t error = st[i].error, eflags = 0;
    uint64_t nbytes = 0;
    int fire = error != 0;
    if (!fire && st[i].type == 0) {
      fire = st[i].rel <= elapsed || (r == 0 && !immediate && st[i].rel == min_rel);
    } else if (!fire) {
      short rev = pfd[st[i].pollidx].revents;
      if (rev) {
        fire = 1;
        if (rev & W2N_POLLNVAL) error = WASI_EBADF;
        if (rev & W2N_POLLHUP) eflags = 1; /* fd_readwrite_hangup */
        if (st[i].type == 1 && !(rev & W2N_POLLNVAL)) {
          int avail = 0;
          if (sys_ioctl(pfd[st[i].pollidx].fd, W2N_FIONREAD, &avail) == 0 && avail > 0) nbytes = (uint64_t)avail;
        }
      }
    }
    if (!fire) continue;
    uint8_t *ev = pout + (size_t)nev * EVENT_SIZE;
    memset(ev, 0, EVENT_SIZE);
    put_u64(ev, get_u64(s));  /* userdata */
    put_u16(ev + 8, error);
    put_u8(ev + 10, st[i].type);
    if (st[i].type != 0) {
      put_u64(ev + 16, nbytes);
      put_u16(ev + 24, eflags);
    }
    nev++;
  }
  put_u32(pn, nev);
done:
  if (st != st_small) { w2n_free(st); w2n_free(pfd); }
  return result;
}
