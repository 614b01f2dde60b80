/* src/io.c: minimal, async-signal-safe output to host file descriptors.
 *
 * Used by trap reporting (possibly from a signal handler) and fatal start-up errors, so it only ever
 * issues write(2) (WriteFile on Windows) directly and retries on short writes and EINTR; there is no buffering.
 */
#include "rt.h"
#include "os.h"

void w2n_write_all(int fd, const char *s, size_t n) {
  while (n > 0) {
    long r = w2n_os_write(fd, s, n); /* retries EINTR itself */
    if (r <= 0) return; /* nothing sensible to do if stderr is gone */
    s += r;
    n -= (size_t)r;
  }
}

void w2n_puts_err(const char *s) { w2n_write_all(2, s, w2n_strlen(s)); }

_Noreturn void w2n_fatal(const char *msg) {
  w2n_puts_err("wasm2native: ");
  w2n_puts_err(msg);
  w2n_puts_err("\n");
  w2n_os_exit(1);
}
