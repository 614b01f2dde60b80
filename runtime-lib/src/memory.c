/* src/memory.c: wasm linear memories: reservation, growth, and the registry the fault handler reads.
 *
 * 64-bit targets (guard-page bounds checks): each memory reserves 8 GiB + 64 KiB of address space
 * with PROT_NONE and MAP_NORESERVE. Any effective address the generated code can form (a 32-bit
 * index plus a 32-bit constant offset plus an access of at most 16 bytes, i.e. < 2^33 + 16) lands
 * inside the reservation, so generated code needs no bounds checks: an access beyond the committed
 * pages faults, and the SIGSEGV handler turns that into an "out of bounds memory access" trap because
 * the address is in a registered reservation. Committing pages is an mprotect to READ|WRITE; the
 * kernel supplies zeroed pages lazily. The base never moves.
 *
 * 32-bit targets (explicit bounds checks, see compiler/lib/Translate/TranslateMemory.cpp): there is
 * no room for such a reservation, and generated code compares every access with size_bytes instead
 * of relying on faults, and reloads base from the w2n_memory after calls. So the memory reserves
 * what the module's maximum needs, capped at RESERVE_CAP_32 and halved until the OS agrees (but never
 * below the initial size), commits the initial pages, and grows in place while the reservation
 * lasts. Beyond it, grow moves the committed pages to a larger mapping with mremap (no copy; base
 * changes) and fails cleanly (0xffffffff) when the OS refuses. Bytes past size_bytes stay PROT_NONE.
 *
 * memory64 memories (is64) use the second strategy on every target, with explicit bounds checks in
 * the generated code (a 64-bit index cannot be covered by a guard region): on 64-bit targets they
 * reserve up to RESERVE_CAP_64 (64 GiB), so growing past 4 GiB happens in place, and beyond that
 * they move like a 32-bit target's memory. Their limit is 2^48 pages (in practice what the OS grants).
 *
 * Shared memories (threads) must declare a maximum and their base must never move, since other
 * threads access them concurrently: a movable one reserves its whole maximum up front (failing when
 * the OS refuses, instead of halving) and so always grows in place; memory.grow of a shared memory
 * holds the memory's grow_lock (other threads may grow it at the same time), and publishes the new
 * size_bytes with a release store after the pages are committed.
 *
 * The registry is a fixed array of [lo, hi) ranges that the signal handler reads without locks: a slot
 * is filled (lo, then hi) before its memory is used and emptied (hi first) when the memory is freed,
 * so a half-written slot is never claimed. Writers (instantiation and freeing, which the embedding
 * runtime may do on several threads) take a spin lock.
 *
 * Reserving, committing and releasing go through the OS layer (os/<os>/os.h): mmap/mprotect/mremap on
 * Linux, VirtualAlloc/VirtualFree on Windows, where a reservation cannot be resized, so a movable
 * memory grows only within its reservation there.
 */
#include "rt.h"
#include "os.h"

#define WASM_PAGE 65536ull
#define MAX_PAGES 65536ull
#define RESERVATION ((1ull << 33) + WASM_PAGE)
#define MAX_MEMORIES 256

static struct { volatile uintptr_t lo, hi; } reservations[MAX_MEMORIES];
static volatile uint32_t reservation_count; /* slots ever used: the handler scans this many */
static volatile int registry_lock;

static void lock_registry(void) {
  while (__atomic_exchange_n(&registry_lock, 1, __ATOMIC_ACQUIRE)) {
  }
}
static void unlock_registry(void) { __atomic_store_n(&registry_lock, 0, __ATOMIC_RELEASE); }

/* Returns 0, or -1 when all slots are taken. */
static int register_reservation(uintptr_t lo, uintptr_t hi) {
  lock_registry();
  uint32_t n = reservation_count, slot = n;
  for (uint32_t i = 0; i < n; i++)
    if (reservations[i].hi == 0) {
      slot = i;
      break;
    }
  if (slot == MAX_MEMORIES) {
    unlock_registry();
    return -1;
  }
  reservations[slot].lo = lo;
  __atomic_store_n(&reservations[slot].hi, hi, __ATOMIC_RELEASE);
  if (slot == n) __atomic_store_n(&reservation_count, n + 1, __ATOMIC_RELEASE);
  unlock_registry();
  return 0;
}

static void unregister_reservation(uintptr_t lo) {
  lock_registry();
  for (uint32_t i = 0; i < reservation_count; i++)
    if (reservations[i].lo == lo && reservations[i].hi != 0) {
      __atomic_store_n(&reservations[i].hi, 0, __ATOMIC_RELEASE);
      reservations[i].lo = 0;
      break;
    }
  unlock_registry();
}

int w2n_is_memory_address(uintptr_t addr) {
  uint32_t n = __atomic_load_n(&reservation_count, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < n; i++) {
    uintptr_t hi = __atomic_load_n(&reservations[i].hi, __ATOMIC_ACQUIRE);
    if (addr >= reservations[i].lo && addr < hi) return 1;
  }
  return 0;
}

void w2n_memory_init(w2n_memory *mem, uint32_t initial_pages, uint64_t max_pages) {
  mem->shared = mem->grow_lock = 0;
  if (w2n_memory_reserve(mem, initial_pages, max_pages, 0) < 0) w2n_fatal("cannot reserve linear memory");
}

void w2n_memory_init64(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages) {
  mem->shared = mem->grow_lock = 0;
  if (w2n_memory_reserve(mem, initial_pages, max_pages, 1) < 0) w2n_fatal("cannot reserve linear memory");
}

void w2n_memory_init_shared(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages, uint32_t is64) {
  mem->shared = 1;
  mem->grow_lock = 0;
  if (w2n_memory_reserve(mem, initial_pages, max_pages, (int)is64) < 0) w2n_fatal("cannot reserve linear memory");
}

void w2n_memory_free(w2n_memory *mem) {
  if (!mem->base) return;
  unregister_reservation((uintptr_t)mem->base);
  w2n_os_release(mem->base, (size_t)mem->reserved);
  mem->base = 0;
  mem->size_bytes = 0;
}

/* ---- movable memories: 32-bit targets, and memory64 memories everywhere ---- */

#if UINTPTR_MAX > 0xffffffffu
#define RESERVE_CAP_64 (1ull << 36)
#define ADDRESS_LIMIT (1ull << 47) /* no mapping is larger than the user address space */
#else
#define ADDRESS_LIMIT 0xffff0000ull
#endif
#define RESERVE_CAP_32 (1ull << 30)
#define MAX_PAGES_64 (1ull << 48)

static void *reserve(uint64_t bytes) { return w2n_os_reserve((size_t)bytes); }

static int reserve_movable(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages, uint64_t cap) {
  if (initial_pages > max_pages || initial_pages > ADDRESS_LIMIT / WASM_PAGE) return -1;
  uint64_t bytes = initial_pages * WASM_PAGE;
  if (mem->shared) { /* never moves: all of the maximum now, or nothing */
    if (max_pages > ADDRESS_LIMIT / WASM_PAGE) return -1;
    cap = max_pages * WASM_PAGE;
  }
  uint64_t want = max_pages > cap / WASM_PAGE ? cap : max_pages * WASM_PAGE;
  if (want < bytes) want = bytes;
  if (want == 0) want = WASM_PAGE; /* a valid, non-NULL base even for a zero-page memory */
  if (want > ADDRESS_LIMIT) return -1;
  void *base;
  while (!(base = reserve(want))) {
    if (mem->shared) return -1;
    uint64_t min_bytes = bytes ? bytes : WASM_PAGE;
    if (want <= min_bytes) return -1;
    want = (want / 2) & ~(WASM_PAGE - 1);
    if (want < min_bytes) want = min_bytes;
  }
  if ((bytes && w2n_os_commit(base, (size_t)bytes) < 0) ||
      register_reservation((uintptr_t)base, (uintptr_t)base + (size_t)want) < 0) {
    w2n_os_release(base, (size_t)want);
    return -1;
  }
  mem->base = base;
  mem->size_bytes = bytes;
  mem->max_pages = max_pages;
  mem->reserved = want;
  return 0;
}

/* Under the lock, as registration: embedded instances on other threads may register meanwhile. */
static void update_registry(uintptr_t old_lo, uintptr_t lo, uintptr_t hi) {
  lock_registry();
  uint32_t n = reservation_count;
  for (uint32_t i = 0; i < n; i++)
    if (reservations[i].lo == old_lo) {
      __atomic_store_n(&reservations[i].hi, 0, __ATOMIC_RELEASE); /* empty while it changes: a stale range is never claimed */
      reservations[i].lo = lo;
      __atomic_store_n(&reservations[i].hi, hi, __ATOMIC_RELEASE);
      break;
    }
  unlock_registry();
}

/* Makes the memory's mapping `reserve_bytes` long (>= new_bytes, > the current reservation), its
 * first new_bytes READ|WRITE and the rest PROT_NONE: in place when the address space after it is
 * free, else by moving it (base changes). Returns -1, the memory still valid, when the OS refuses. */
static int relocate(w2n_memory *mem, uint64_t new_bytes, uint64_t reserve_bytes) {
  uint8_t *old = mem->base;
  size_t size = (size_t)mem->size_bytes;
  uint8_t *base;
  if (size == 0) {
    base = reserve(reserve_bytes);
    if (!base) return -1;
    w2n_os_release(old, (size_t)mem->reserved);
    if (new_bytes && w2n_os_commit(base, (size_t)new_bytes) < 0) {
      w2n_os_release(base, (size_t)reserve_bytes);
      base = reserve(mem->reserved);
      if (!base) w2n_fatal("cannot reserve linear memory");
      update_registry((uintptr_t)old, (uintptr_t)base, (uintptr_t)base + (size_t)mem->reserved);
      mem->base = base;
      return -1;
    }
  } else {
    /* mremap works on the committed (READ|WRITE) part, a single mapping; the kernel zero-fills what
     * it adds. The PROT_NONE tail is given up first so that growing in place can use its space (the
     * reservation shrinks to the committed size if both attempts fail). An OS that cannot resize a
     * mapping (Windows: a reservation is released whole) keeps the memory where it is: grow fails. */
    if (!W2N_OS_CAN_REMAP) return -1;
    if (mem->reserved > size) {
      w2n_os_release(old + size, (size_t)mem->reserved - size);
      update_registry((uintptr_t)old, (uintptr_t)old, (uintptr_t)old + size);
      mem->reserved = size;
    }
    base = w2n_os_remap(old, size, (size_t)reserve_bytes, 0);
    if (!base) base = w2n_os_remap(old, size, (size_t)reserve_bytes, 1);
    if (!base) return -1;
    if (reserve_bytes > new_bytes) w2n_os_decommit(base + new_bytes, (size_t)(reserve_bytes - new_bytes));
  }
  update_registry((uintptr_t)old, (uintptr_t)base, (uintptr_t)base + (size_t)reserve_bytes);
  mem->base = base;
  mem->reserved = reserve_bytes;
  return 0;
}

/* memory.grow of a shared memory may run on several threads at once. */
static void grow_lock(w2n_memory *mem) {
  if (mem->shared)
    while (__atomic_exchange_n(&mem->grow_lock, 1, __ATOMIC_ACQUIRE)) {
    }
}
static void grow_unlock(w2n_memory *mem) {
  if (mem->shared) __atomic_store_n(&mem->grow_lock, 0, __ATOMIC_RELEASE);
}

/* Returns the old size in pages, or UINT64_MAX. */
static uint64_t grow_movable(w2n_memory *mem, uint64_t delta_pages, uint64_t limit) {
  uint64_t old_pages = mem->size_bytes / WASM_PAGE;
  if (delta_pages > limit - old_pages) return UINT64_MAX; /* also when old + delta would wrap */
  if (delta_pages == 0) return old_pages;
  uint64_t new_pages = old_pages + delta_pages;
  if (new_pages > ADDRESS_LIMIT / WASM_PAGE) return UINT64_MAX; /* cannot exist in this address space */
  uint64_t new_bytes = new_pages * WASM_PAGE;
  if (new_bytes <= mem->reserved) {
    if (w2n_os_commit(mem->base + (size_t)mem->size_bytes, (size_t)(new_bytes - mem->size_bytes)) < 0)
      return UINT64_MAX;
  } else {
    /* Room to grow on: twice the old reservation, within the limit; else exactly what is needed. */
    uint64_t roomy = mem->reserved * 2;
    if (roomy / WASM_PAGE > limit) roomy = limit * WASM_PAGE;
    if (roomy > ADDRESS_LIMIT) roomy = ADDRESS_LIMIT & ~(WASM_PAGE - 1);
    if ((roomy <= new_bytes || relocate(mem, new_bytes, roomy) < 0) && relocate(mem, new_bytes, new_bytes) < 0)
      return UINT64_MAX;
  }
  __atomic_store_n(&mem->size_bytes, new_bytes, __ATOMIC_RELEASE);
  return old_pages;
}

uint64_t w2n_memory_grow64(w2n_memory *mem, uint64_t delta_pages) {
  uint64_t limit = mem->max_pages < MAX_PAGES_64 ? mem->max_pages : MAX_PAGES_64;
  grow_lock(mem);
  uint64_t r = grow_movable(mem, delta_pages, limit);
  grow_unlock(mem);
  return r;
}

#if UINTPTR_MAX > 0xffffffffu

int w2n_memory_reserve(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages, int is64) {
  mem->is64 = (uint32_t)is64;
  if (is64)
    return reserve_movable(mem, initial_pages, max_pages < MAX_PAGES_64 ? max_pages : MAX_PAGES_64, RESERVE_CAP_64);
  if (max_pages > MAX_PAGES) max_pages = MAX_PAGES;
  if (initial_pages > max_pages) return -1;
  void *base = w2n_os_reserve(RESERVATION);
  if (!base) return -1;
  uint64_t bytes = initial_pages * WASM_PAGE;
  if ((bytes && w2n_os_commit(base, bytes) < 0) ||
      register_reservation((uintptr_t)base, (uintptr_t)base + RESERVATION) < 0) {
    w2n_os_release(base, RESERVATION);
    return -1;
  }
  mem->base = base;
  mem->size_bytes = bytes;
  mem->max_pages = max_pages;
  mem->reserved = RESERVATION;
  return 0;
}

static uint32_t grow_guarded(w2n_memory *mem, uint32_t delta_pages) {
  uint64_t old_pages = mem->size_bytes / WASM_PAGE;
  uint64_t new_pages = old_pages + delta_pages; /* 64-bit: cannot wrap */
  uint64_t limit = mem->max_pages < MAX_PAGES ? mem->max_pages : MAX_PAGES;
  if (new_pages > limit) return 0xffffffffu;
  if (delta_pages == 0) return (uint32_t)old_pages;
  if (w2n_os_commit(mem->base + mem->size_bytes, (uint64_t)delta_pages * WASM_PAGE) < 0)
    return 0xffffffffu;
  __atomic_store_n(&mem->size_bytes, new_pages * WASM_PAGE, __ATOMIC_RELEASE);
  return (uint32_t)old_pages;
}

uint32_t w2n_memory_grow(w2n_memory *mem, uint32_t delta_pages) {
  if (mem->is64) return (uint32_t)w2n_memory_grow64(mem, delta_pages);
  grow_lock(mem);
  uint32_t r = grow_guarded(mem, delta_pages);
  grow_unlock(mem);
  return r;
}

#else /* 32-bit address space */

int w2n_memory_reserve(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages, int is64) {
  mem->is64 = (uint32_t)is64;
  uint64_t limit = is64 ? MAX_PAGES_64 : MAX_PAGES;
  return reserve_movable(mem, initial_pages, max_pages < limit ? max_pages : limit, RESERVE_CAP_32);
}

uint32_t w2n_memory_grow(w2n_memory *mem, uint32_t delta_pages) {
  uint64_t limit = mem->max_pages < MAX_PAGES ? mem->max_pages : MAX_PAGES;
  if (mem->is64) limit = mem->max_pages < MAX_PAGES_64 ? mem->max_pages : MAX_PAGES_64;
  grow_lock(mem);
  uint32_t r = (uint32_t)grow_movable(mem, delta_pages, limit);
  grow_unlock(mem);
  return r;
}

#endif
