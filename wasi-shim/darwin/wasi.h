/* wasi-shim/darwin/wasi.h: internal declarations of the macOS WASI shim (first part: process,
 * clocks, random, stdio; docs/cross-compilation.md lists what is not implemented yet).
 *
 * Each WASI import is `int32_t w2n_wasi_NAME(w2n_memory *memory, params...)` as on Linux; the WASI
 * constants and guest-memory helpers are shared (wasi-shim/common/wasi_abi.h). Every call goes
 * through libSystem (runtime-lib/os/darwin/libsystem.h). The only descriptors are 0, 1 and 2, the
 * process's standard input, output and error (there are no preopened directories yet).
 */
#ifndef W2N_WASI_H
#define W2N_WASI_H

#include <stdint.h>

#include "rt.h"
#include "os.h"
#include "libsystem.h"
#include "../common/wasi_abi.h"

/* wasi_env.c: the guest's argv and environment, from the process's (os/darwin/start.c calls it). */
void w2n_darwin_wasi_init(int argc, char **argv, char **envp);

/* wasi_fd.c: the host descriptor behind WASI fd 0-2 (the same number), or -1 when fd is not open
 * (any other fd, or one the guest closed). */
int wasi_std_fd(uint32_t fd);

/* wasi_clock.c: the current time of a WASI clock in ns, or -1 for an unknown clock id. */
int64_t wasi_clock_now(int32_t id);

#endif
