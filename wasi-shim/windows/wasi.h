/* wasi-shim/windows/wasi.h: internal declarations of the Windows WASI shim (first part: process,
 * clocks, random, stdio; docs/cross-compilation.md lists what is not implemented yet).
 *
 * Each WASI import is `int32_t w2n_wasi_NAME(w2n_memory *memory, params...)` as on Linux; the WASI
 * constants and guest-memory helpers are shared (wasi-shim/common/wasi_abi.h). The only descriptors are
 * 0, 1 and 2, the process's standard handles (there are no preopened directories yet).
 */
#ifndef W2N_WASI_H
#define W2N_WASI_H

#include <stdint.h>

#include "rt.h"
#include "os.h"
#include "windows.h"
#include "../common/wasi_abi.h"

/* wasi_fd.c: the standard handle behind WASI fd 0-2, or NULL when fd is not open (any other fd,
 * or one the guest closed). */
HANDLE wasi_std_handle(uint32_t fd);

/* wasi_clock.c: the current time of a WASI clock in ns, or -1 for an unknown clock id. */
int64_t wasi_clock_now(int32_t id);

#endif
