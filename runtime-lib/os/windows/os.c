/* os/windows/os.c: the OS layer (os.h) over kernel32: VirtualAlloc/VirtualFree, WriteFile, ExitProcess.
 *
 * A commit that Windows refuses (commit limit reached) fails cleanly: memory.grow returns -1 as on
 * Linux when mprotect fails. Writes to a console go through WriteFile too, as bytes: UTF-8 text shows
 * correctly in a console whose code page is 65001 (docs/cross-compilation.md).
 */
#include "os.h"
#include "win32.h"

void *w2n_os_reserve(size_t bytes) { return VirtualAlloc(NULL, bytes, MEM_RESERVE, PAGE_NOACCESS); }

int w2n_os_commit(void *p, size_t bytes) {
  return VirtualAlloc(p, bytes, MEM_COMMIT, PAGE_READWRITE) ? 0 : -1;
}

void w2n_os_decommit(void *p, size_t bytes) { VirtualFree(p, bytes, MEM_DECOMMIT); }

/* Only whole reservations are ever released here (memory.c's partial release needs a remap, which
 * this OS layer does not offer). */
void w2n_os_release(void *p, size_t bytes) {
  (void)bytes;
  VirtualFree(p, 0, MEM_RELEASE);
}

void *w2n_os_alloc(size_t bytes) { return VirtualAlloc(NULL, bytes, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE); }

void w2n_os_free(void *p, size_t bytes) {
  (void)bytes;
  VirtualFree(p, 0, MEM_RELEASE);
}

long w2n_os_write(int fd, const char *buf, size_t n) {
  HANDLE h = GetStdHandle(fd == 1 ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE);
  if (!h || h == INVALID_HANDLE_VALUE) return -1;
  DWORD chunk = n > 0x40000000u ? 0x40000000u : (DWORD)n, written = 0;
  if (!WriteFile(h, buf, chunk, &written, NULL)) return -1;
  return (long)written;
}

_Noreturn void w2n_os_exit(int status) { ExitProcess((unsigned)status); }
