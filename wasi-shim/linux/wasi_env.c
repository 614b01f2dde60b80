/* wasi-shim/linux/wasi_env.c: WASI process-level calls: args, environment, clocks, randomness, exit.
 *
 * argv and the environment are the guest's (WASI->argv, WASI->env). In an executable argv is its own
 * argv, passed through untouched (argv[0] included), and the environment is only what the module was
 * compiled with (w2n_config_env) plus the run-time W2N_ENV_* additions (config.c): the host
 * environment is never visible to the guest. An embedded instance gets what its host configured
 * (runtime-lib/embed/wasi.c), which also replaces proc_exit there so that it ends the call, not the
 * host process.
 */
#include "wasi.h"



int32_t w2n_wasi_args_sizes_get(w2n_memory *m, int32_t argc_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argc_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_args_get(w2n_memory *m, int32_t argv_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, (const char *const *)WASI->argv, (uint32_t)WASI->argc, (uint32_t)argv_ptr, (uint32_t)buf_ptr);
}
int32_t w2n_wasi_environ_sizes_get(w2n_memory *m, int32_t count_ptr, int32_t size_ptr) {
  return wasi_strings_sizes_get(m, WASI->env, WASI->env_count, (uint32_t)count_ptr, (uint32_t)size_ptr);
}
int32_t w2n_wasi_environ_get(w2n_memory *m, int32_t env_ptr, int32_t buf_ptr) {
  return wasi_strings_get(m, WASI->env, WASI->env_count, (uint32_t)env_ptr, (uint32_t)buf_ptr);
}

/* WASI clock ids 0..3 (realtime, monotonic, process cputime, thread cputime) equal Linux's. */
static int valid_clock(int32_t id) { return id >= 0 && id <= 3; }

int32_t w2n_wasi_clock_res_get(w2n_memory *m, int32_t id, int32_t res_ptr) {
  if (!valid_clock(id)) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)res_ptr, 8);
  if (!p) return WASI_EFAULT;
  struct w2n_timespec ts;
  long r = sys_clock_getres(id, &ts);
  if (r < 0) return wasi_errno_from_linux(r);
  put_u64(p, (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec);
  return 0;
}

int32_t w2n_wasi_clock_time_get(w2n_memory *m, int32_t id, int64_t precision, int32_t time_ptr) {
  (void)precision;
  if (!valid_clock(id)) return WASI_EINVAL;
  uint8_t *p = guest_ptr(m, (uint32_t)time_ptr, 8);
  if (!p) return WASI_EFAULT;
  struct w2n_timespec ts;
  long r = sys_clock_gettime(id, &ts);
  if (r < 0) return wasi_errno_from_linux(r);
  put_u64(p, (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec);
  return 0;
}

int32_t w2n_wasi_random_get(w2n_memory *m, int32_t buf, int32_t len) {
  uint8_t *p = guest_ptr(m, (uint32_t)buf, (uint32_t)len);
  if (!p) return WASI_EFAULT;
  uint32_t done = 0;
  while (done < (uint32_t)len) {
    long r = sys_getrandom(p + done, (uint32_t)len - done, 0);
    if (r == -W2N_EINTR) continue;
    if (r < 0) return wasi_errno_from_linux(r);
    done += (uint32_t)r;
  }
  return 0;
}

void w2n_wasi_proc_exit(w2n_memory *m, int32_t code) {
  (void)m;
  sys_exit_group(code);
}

/* Raising signals in the guest is not supported (removed from later WASI versions). */
int32_t w2n_wasi_proc_raise(w2n_memory *m, int32_t sig) {
  (void)m; (void)sig;
  return WASI_ENOSYS;
}

int32_t w2n_wasi_sched_yield(w2n_memory *m) {
  (void)m;
  sys_sched_yield();
  return 0;
}
