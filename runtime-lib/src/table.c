/* src/table.c: wasm tables (funcref/externref element arrays): init, grow, fill, copy, init from segment.
 *
 * Elements live in a heap block sized to the table's current size (zero-filled, i.e. ref.null).
 * grow reallocates. Every range check is done up front in 64-bit arithmetic so that offset + count
 * can never wrap, and a failing check traps before any element is written, as the spec requires.
 * Traps raised here report the caller's return address, which lies inside the wasm function that
 * executed the table instruction.
 */
#include "rt.h"

#define TRAP_TABLE(pc) w2n_trap_report(W2N_TRAP_OOB_TABLE, (pc))

void w2n_table_init(w2n_table *table, uint32_t initial, uint32_t max) {
  table->elems = NULL;
  table->size = 0;
  table->max = max;
  if (initial) {
    if ((uint64_t)initial * sizeof(void *) > (size_t)-1) w2n_fatal("cannot allocate table"); /* 32-bit */
    table->elems = w2n_alloc((size_t)initial * sizeof(void *));
    if (!table->elems) w2n_fatal("cannot allocate table");
  }
  table->size = initial;
}

uint32_t w2n_table_grow(w2n_table *table, void *init, uint32_t delta) {
  uint64_t old = table->size;
  uint64_t new_size = old + delta;
  if (new_size > table->max || new_size > 0xffffffffull) return 0xffffffffu;
  if (delta == 0) return (uint32_t)old;
  /* Refuse absurd growth rather than trying to map gigabytes of pointers. */
  if (new_size > (1ull << 28)) return 0xffffffffu;
  void **elems = w2n_realloc(table->elems, (size_t)new_size * sizeof(void *));
  if (!elems) return 0xffffffffu;
  for (uint64_t i = old; i < new_size; i++) elems[i] = init;
  table->elems = elems;
  table->size = (uint32_t)new_size;
  return (uint32_t)old;
}

__attribute__((noinline)) void w2n_table_fill(w2n_table *table, uint32_t dst, void *value, uint32_t count) {
  if ((uint64_t)dst + count > table->size) TRAP_TABLE(__builtin_return_address(0));
  for (uint32_t i = 0; i < count; i++) table->elems[dst + i] = value;
}

__attribute__((noinline)) void w2n_table_copy(w2n_table *dst_table, w2n_table *src_table, uint32_t dst, uint32_t src,
                                              uint32_t count) {
  if ((uint64_t)dst + count > dst_table->size || (uint64_t)src + count > src_table->size)
    TRAP_TABLE(__builtin_return_address(0));
  if (count) memmove(dst_table->elems + dst, src_table->elems + src, (size_t)count * sizeof(void *));
}

__attribute__((noinline)) void w2n_table_init_segment(w2n_table *table, void *const *segment, uint32_t segment_len,
                                                      uint32_t dst, uint32_t src, uint32_t count) {
  if ((uint64_t)src + count > segment_len || (uint64_t)dst + count > table->size)
    TRAP_TABLE(__builtin_return_address(0));
  for (uint32_t i = 0; i < count; i++) table->elems[dst + i] = segment[src + i];
}
