/* wasi-shim/windows/wasi_clock.c: WASI clocks on Windows.
 *
 *   realtime (0)          GetSystemTimePreciseAsFileTime: 100 ns units since 1601, shifted to 1970
 *   monotonic (1)         QueryPerformanceCounter, scaled by its frequency without overflow
 *   process cputime (2)   GetProcessTimes, kernel + user time (100 ns units)
 *   thread cputime (3)    GetThreadTimes, the same for the calling thread
 * The resolutions reported are the units' (100 ns; one counter tick for monotonic), not the
 * scheduler's accounting granularity, which Windows does not state.
 */
#include "wasi.h"

#define FILETIME_TO_UNIX_EPOCH 116444736000000000ull /* 100 ns intervals from 1601 to 1970 */

static uint64_t filetime(FILETIME t) { return (uint64_t)t.hi << 32 | t.lo; }

static uint64_t qpc_frequency(void) {
  static LARGE_INTEGER freq;
  if (!freq) QueryPerformanceFrequency(&freq);
  return freq > 0 ? (uint64_t)freq : 1;
}

int64_t wasi_clock_now(int32_t id) {
  FILETIME creation, exit, kernel, user;
  switch (id) {
  case 0: {
    FILETIME t;
    GetSystemTimePreciseAsFileTime(&t);
    return (int64_t)((filetime(t) - FILETIME_TO_UNIX_EPOCH) * 100);
  }
  case 1: {
    LARGE_INTEGER c;
    QueryPerformanceCounter(&c);
    uint64_t f = qpc_frequency(), ticks = (uint64_t)c;
    return (int64_t)(ticks / f * 1000000000ull + ticks % f * 1000000000ull / f);
  }
  case 2:
    if (!GetProcessTimes(GetCurrentProcess(), &creation, &exit, &kernel, &user)) return 0;
    return (int64_t)((filetime(kernel) + filetime(user)) * 100);
  case 3:
    if (!GetThreadTimes(GetCurrentThread(), &creation, &exit, &kernel, &user)) return 0;
    return (int64_t)((filetime(kernel) + filetime(user)) * 100);
  default:
    return -1;
  }
}

int32_t w2n_wasi_clock_res_get(w2n_memory *m, int32_t id, int32_t res_ptr) {
  if (id < 0 || id > 3) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)res_ptr, 8);
  if (!p) return WASI_EFAULT;
  uint64_t res = 100;
  if (id == 1) {
    res = 1000000000ull / qpc_frequency();
    if (res == 0) res = 1;
  }
  put_u64(p, res);
  return 0;
}

int32_t w2n_wasi_clock_time_get(w2n_memory *m, int32_t id, int64_t precision, int32_t time_ptr) {
  (void)precision;
  if (id < 0 || id > 3) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)time_ptr, 8);
  if (!p) return WASI_EFAULT;
  put_u64(p, (uint64_t)wasi_clock_now(id));
  return 0;
}
