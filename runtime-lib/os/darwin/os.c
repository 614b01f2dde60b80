/* os/darwin/os.c: the OS layer (os.h) over libSystem: mmap/mprotect/munmap, write, _exit.
 *
 * A commit macOS refuses fails cleanly (memory.grow returns -1, as on Linux when mprotect fails).
 * Pages given back to PROT_NONE by decommit keep their contents until released, as on Linux.
 */
#include "os.h"
#include "libsystem.h"

void *w2n_os_reserve(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANON, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

int w2n_os_commit(void *p, size_t bytes) { return mprotect(p, bytes, PROT_READ | PROT_WRITE) < 0 ? -1 : 0; }

void w2n_os_decommit(void *p, size_t bytes) { mprotect(p, bytes, PROT_NONE); }

void w2n_os_release(void *p, size_t bytes) { munmap(p, bytes); }

void *w2n_os_alloc(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

void w2n_os_free(void *p, size_t bytes) { munmap(p, bytes); }

long w2n_os_write(int fd, const char *buf, size_t n) {
  long r;
  do r = write(fd, buf, n);
  while (r < 0 && *__error() == EINTR);
  return r;
}

_Noreturn void w2n_os_exit(int status) { _exit(status); }
