/* wasi-shim/windows/wasi_poll.c: poll_oneoff on Windows, for clock subscriptions.
 *
 * Every subscription's deadline is converted to nanoseconds from the start of the call (absolute ones
 * against their own clock). Without an fd subscription the call sleeps until the earliest deadline
 * (Sleep in whole milliseconds, rounded up, then re-checked against the monotonic clock so it never
 * returns early) and reports every clock subscription whose time has passed. fd subscriptions on an
 * open fd are reported ready at once (files always are; a following read or write on a console or
 * pipe may block: their readiness is not checked yet); on an unopened fd they carry EBADF. Either kind of fd event
 * makes the call return without sleeping, as a ready fd does on Linux.
 */
#include "wasi.h"

#define SUB_SIZE 48
#define EVENT_SIZE 32

int32_t w2n_wasi_poll_oneoff(w2n_memory *m, int32_t in, int32_t out, int32_t nsubs, int32_t nevents_ptr) {
  uint32_t n = (uint32_t)nsubs;
  uint8_t *pin = guest_ptr(m, (uint32_t)in, (uint64_t)n * SUB_SIZE);
  uint8_t *pout = guest_ptr(m, (uint32_t)out, (uint64_t)n * EVENT_SIZE);
  uint8_t *pn = guest_ptr(m, (uint32_t)nevents_ptr, 4);
  if (!pin || !pout || !pn) return WASI_EFAULT;
  if (n == 0) return WASI_EINVAL;

  uint64_t start = (uint64_t)wasi_clock_now(1);
  uint64_t earliest = UINT64_MAX;
  int immediate = 0; /* an event to report at once: no sleeping */
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *s = pin + (size_t)i * SUB_SIZE;
    uint8_t tag = s[8];
    if (tag == 0) {
      int32_t id = (int32_t)get_u32(s + 16);
      int64_t now = wasi_clock_now(id);
      if (now < 0) { immediate = 1; continue; } /* reported as EINVAL below */
      uint64_t timeout = get_u64(s + 24);
      uint64_t rel = (get_u16(s + 40) & 1) ? (timeout > (uint64_t)now ? timeout - (uint64_t)now : 0) : timeout;
      if (rel < earliest) earliest = rel;
    } else if (tag == 1 || tag == 2) {
      immediate = 1;
    } else {
      return WASI_EINVAL;
    }
  }
  if (!immediate && earliest != UINT64_MAX) {
    for (;;) {
      uint64_t elapsed = (uint64_t)wasi_clock_now(1) - start;
      if (elapsed >= earliest) break;
      uint64_t ms = (earliest - elapsed + 999999) / 1000000;
      Sleep(ms > 0xfffffffeu ? 0xfffffffeu : (DWORD)ms);
    }
  }
  uint64_t elapsed = (uint64_t)wasi_clock_now(1) - start;

  uint32_t nev = 0;
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *s = pin + (size_t)i * SUB_SIZE;
    uint8_t tag = s[8];
    uint16_t error = 0;
    if (tag == 0) {
      int32_t id = (int32_t)get_u32(s + 16);
      int64_t now = wasi_clock_now(id);
      if (now < 0) {
        error = WASI_EINVAL;
      } else {
        uint64_t timeout = get_u64(s + 24);
        /* Absolute deadlines are compared with their clock now; relative ones with the time slept. */
        int due = (get_u16(s + 40) & 1) ? (uint64_t)now >= timeout : elapsed >= timeout;
        if (!due) continue;
      }
    } else if (!wasi_fd_get(get_u32(s + 16))) {
      error = WASI_EBADF;
    }
    uint8_t *ev = pout + (size_t)nev * EVENT_SIZE;
    memset(ev, 0, EVENT_SIZE);
    put_u64(ev, get_u64(s)); /* userdata */
    put_u16(ev + 8, error);
    put_u8(ev + 10, tag);
    nev++;
  }
  put_u32(pn, nev);
  return 0;
}
