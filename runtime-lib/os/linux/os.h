/* os/linux/os.h: the runtime's OS layer on Linux: address space, output and exit over raw system calls.
 *
 * The OS-independent runtime files (src/memory.c, heap.c, io.c, trap.c, invoke.c) reach the OS only
 * through these functions; each OS has its own os.h (os/windows/os.h is the other), picked by the
 * include path. Here they are thin inline wrappers over sys.h, so the Linux runtime's code is what it
 * was before the layer existed.
 */
#ifndef W2N_OS_H
#define W2N_OS_H

#include "w2n_abi.h"
#include "sys.h"

/* Address space reserved with no access, committed pages never backed until touched (NULL: refused). */
static inline void *w2n_os_reserve(size_t bytes) {
  void *p = sys_mmap(NULL, bytes, W2N_PROT_NONE, W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS | W2N_MAP_NORESERVE, -1, 0);
  return w2n_mmap_failed(p) ? NULL : p;
}
/* Makes [p, p + bytes) of a reservation readable and writable (zero-filled); -1 when refused. */
static inline int w2n_os_commit(void *p, size_t bytes) {
  return sys_mprotect(p, bytes, W2N_PROT_READ | W2N_PROT_WRITE) < 0 ? -1 : 0;
}
/* Makes committed pages inaccessible again. */
static inline void w2n_os_decommit(void *p, size_t bytes) { sys_mprotect(p, bytes, W2N_PROT_NONE); }
/* Gives back a reservation (p is its base, bytes its size) or, here, any page range of one. */
static inline void w2n_os_release(void *p, size_t bytes) { sys_munmap(p, bytes); }
/* Linux can resize a mapping (mremap), so a memory may grow beyond its reservation; -1 where not. */
#define W2N_OS_CAN_REMAP 1
static inline void *w2n_os_remap(void *p, size_t old_bytes, size_t new_bytes, int may_move) {
  void *r = sys_mremap(p, old_bytes, new_bytes, may_move ? W2N_MREMAP_MAYMOVE : 0);
  return w2n_mmap_failed(r) ? NULL : r;
}

/* Readable, writable, zero-filled memory for the runtime's own heap (NULL: refused). */
static inline void *w2n_os_alloc(size_t bytes) {
  void *p = sys_mmap(NULL, bytes, W2N_PROT_READ | W2N_PROT_WRITE, W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS, -1, 0);
  return w2n_mmap_failed(p) ? NULL : p;
}
static inline void w2n_os_free(void *p, size_t bytes) { sys_munmap(p, bytes); }

/* Writes some of buf to host descriptor fd (1 stdout, 2 stderr): the count written, <= 0 on error.
 * Interrupted writes are retried here. */
static inline long w2n_os_write(int fd, const char *buf, size_t n) {
  long r;
  do r = sys_write(fd, buf, n);
  while (r == -W2N_EINTR);
  return r;
}

/* Ends the process with this status. */
static inline _Noreturn void w2n_os_exit(int status) { sys_exit_group(status); }

/* The generated code's section and its function-name table, bracketed by the linker's __start_ and
 * __stop_ symbols (weak: a runtime test without generated code still links; the ranges are empty). */
extern const char __start_w2n_code[] __attribute__((weak));
extern const char __stop_w2n_code[] __attribute__((weak));
extern const w2n_function_name __start_w2n_names[] __attribute__((weak));
extern const w2n_function_name __stop_w2n_names[] __attribute__((weak));
#define W2N_CODE_START ((uintptr_t)__start_w2n_code)
#define W2N_CODE_STOP ((uintptr_t)__stop_w2n_code)
#define W2N_NAMES_START __start_w2n_names
#define W2N_NAMES_STOP __stop_w2n_names

#endif
