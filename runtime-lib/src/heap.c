/* src/heap.c: a deliberately simple heap for the runtime's own bookkeeping.
 *
 * The runtime allocates rarely (table element arrays, the WASI fd table, large poll sets), so each
 * allocation is its own anonymous mapping (os.h: mmap, or VirtualAlloc on Windows) with a 16-byte header recording its size. This keeps the
 * code tiny and obviously correct, returns zeroed memory (tables rely on that for ref.null), and
 * hands memory back to the OS on free. Not thread-safe; wasm here is single-threaded.
 */
#include "rt.h"
#include "os.h"

#define HEADER 16u

void *w2n_alloc(size_t size) {
  if (size > (size_t)-1 / 2) return NULL; /* size + HEADER + 4095 must not wrap */
  size_t total = (size + HEADER + 4095u) & ~(size_t)4095u;
  void *p = w2n_os_alloc(total);
  if (!p) return NULL;
  *(size_t *)p = total;
  return (char *)p + HEADER;
}

void w2n_free(void *p) {
  if (!p) return;
  char *h = (char *)p - HEADER;
  w2n_os_free(h, *(size_t *)h);
}

void *w2n_realloc(void *p, size_t size) {
  if (!p) return w2n_alloc(size);
  size_t old = *(size_t *)((char *)p - HEADER) - HEADER;
  if (size <= old) return p;
  void *n = w2n_alloc(size);
  if (!n) return NULL;
  memcpy(n, p, old);
  w2n_free(p);
  return n;
}
