/* wasi-shim/darwin/wasi_clock.c: WASI clocks on macOS, from clock_gettime (macOS 10.12+).
 *
 * WASI's realtime, monotonic, process and thread CPU-time clocks (ids 0-3) are macOS's
 * CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID (whose
 * numbers differ from Linux's); resolutions come from clock_getres.
 */
#include "wasi.h"

static int host_clock(int32_t id) {
  static const int ids[4] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  return id >= 0 && id < 4 ? ids[id] : -1;
}

int64_t wasi_clock_now(int32_t id) {
  struct timespec ts;
  int clock = host_clock(id);
  if (clock < 0 || clock_gettime(clock, &ts) < 0) return -1;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int32_t w2n_wasi_clock_res_get(w2n_memory *m, int32_t id, int32_t res_ptr) {
  struct timespec ts;
  int clock = host_clock(id);
  if (clock < 0 || clock_getres(clock, &ts) < 0) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)res_ptr, 8);
  if (!p) return WASI_EFAULT;
  put_u64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return 0;
}

int32_t w2n_wasi_clock_time_get(w2n_memory *m, int32_t id, int64_t precision, int32_t time_ptr) {
  (void)precision;
  int64_t now = wasi_clock_now(id);
  if (now < 0) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)time_ptr, 8);
  if (!p) return WASI_EFAULT;
  put_u64(p, (uint64_t)now);
  return 0;
}
