/* src/heap.c: a deliberately simple heap for the runtime's own bookkeeping.
 *
 * The runtime allocates rarely (table element arrays, the WASI fd table, large poll sets), so each
 * allocation is its own anonymous mapping with a 16-byte header recording its size. This keeps the
 * code tiny and obviously correct, returns zeroed memory (tables rely on that for ref.null), and
 * hands memory back to the OS on free. Not thread-safe; wasm here is single-threaded.
 */
#include "rt.h"
#include "sys.h"

#define HEADER 16u

void *w2n_alloc(size_t size) {
  if (size > (size_t)-1 / 2) return NULL; /* size + HEADER + 4095 must not wrap */
  size_t total = (size + HEADER + 4095u) & ~(size_t)4095u;
  void *p = sys_mmap(NULL, total, W2N_PROT_READ | W2N_PROT_WRITE, W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS, -1, 0);
  if (w2n_mmap_failed(p)) return NULL;
  *(size_t *)p = total;
  return (char *)p + HEADER;
}

void w2n_free(void *p) {
  if (!p) return;
  char *h = (char *)p - HEADER;
  sys_munmap(h, *(size_t *)h);
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
