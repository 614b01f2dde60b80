/* src/memory.c: wasm linear memories: reservation, growth, and the registry the fault handler reads.
 *
 * Each memory reserves 8 GiB + 64 KiB of address space with PROT_NONE and MAP_NORESERVE. Any
 * effective address the generated code can form (a 32-bit index plus a 32-bit constant offset plus
 * an access of at most 16 bytes, i.e. < 2^33 + 16) lands inside the reservation, so generated code
 * needs no bounds checks: an access beyond the committed pages faults, and the SIGSEGV handler turns
 * that into an "out of bounds memory access" trap because the address is in a registered
 * reservation. Committing pages is an mprotect to READ|WRITE; the kernel supplies zeroed pages
 * lazily. The registry is append-only and written before the memory is used, so the signal
 * handler can read it without locks.
 */
#include "rt.h"
#include "sys.h"

#define WASM_PAGE 65536ull
#define MAX_PAGES 65536ull
#define RESERVATION ((1ull << 33) + WASM_PAGE)
#define MAX_MEMORIES 256

static struct { uintptr_t lo, hi; } reservations[MAX_MEMORIES];
static volatile uint32_t reservation_count;

int w2n_is_memory_address(uintptr_t addr) {
  uint32_t n = reservation_count;
  for (uint32_t i = 0; i < n; i++)
    if (addr >= reservations[i].lo && addr < reservations[i].hi) return 1;
  return 0;
}

void w2n_memory_init(w2n_memory *mem, uint32_t initial_pages, uint64_t max_pages) {
  if (max_pages > MAX_PAGES) max_pages = MAX_PAGES;
  if (initial_pages > max_pages || reservation_count >= MAX_MEMORIES)
    w2n_fatal("cannot reserve linear memory");
  void *base = sys_mmap(NULL, RESERVATION, W2N_PROT_NONE,
                        W2N_MAP_PRIVATE | W2N_MAP_ANONYMOUS | W2N_MAP_NORESERVE, -1, 0);
  if (w2n_mmap_failed(base)) w2n_fatal("cannot reserve linear memory");
  uint64_t bytes = (uint64_t)initial_pages * WASM_PAGE;
  if (bytes && sys_mprotect(base, bytes, W2N_PROT_READ | W2N_PROT_WRITE) < 0)
    w2n_fatal("cannot reserve linear memory");
  reservations[reservation_count].lo = (uintptr_t)base;
  reservations[reservation_count].hi = (uintptr_t)base + RESERVATION;
  __atomic_store_n(&reservation_count, reservation_count + 1, __ATOMIC_RELEASE);
  mem->base = base;
  mem->size_bytes = bytes;
  mem->max_pages = max_pages;
  mem->reserved = RESERVATION;
}

uint32_t w2n_memory_grow(w2n_memory *mem, uint32_t delta_pages) {
  uint64_t old_pages = mem->size_bytes / WASM_PAGE;
  uint64_t new_pages = old_pages + delta_pages; /* 64-bit: cannot wrap */
  uint64_t limit = mem->max_pages < MAX_PAGES ? mem->max_pages : MAX_PAGES;
  if (new_pages > limit) return 0xffffffffu;
  if (delta_pages == 0) return (uint32_t)old_pages;
  if (sys_mprotect(mem->base + mem->size_bytes, (uint64_t)delta_pages * WASM_PAGE,
                   W2N_PROT_READ | W2N_PROT_WRITE) < 0)
    return 0xffffffffu;
  mem->size_bytes = new_pages * WASM_PAGE;
  return (uint32_t)old_pages;
}
