/* split.c: two modules compiled in partitions and merged into one object each (split.test), linked into
 * one host under their own names. Both are programs of test/cli/Inputs/big-module.py: "first" prints a
 * checksum through wasi's fd_write, "second" traps (an out-of-bounds load at the end of its last
 * function) before printing. The host gives each its fd_write, calls first, second, then first again
 * (a trap in one module leaves the others, and the trapping instance, usable).
 */
#include <stdio.h>
#include <string.h>

#include "first.h"
#include "second.h"

/* What fd_write needs of its caller: a name for the output and the instance's memory. */
typedef struct {
  const char *name;
  w2n_memory *memory;
} caller;

/* fd_write(fd, iovs, iovs_len, nwritten) for the one iovec big-module.py writes. */
static int32_t fd_write(void *ctx, const w2n_value *args, w2n_value *results) {
  caller *c = ctx;
  uint32_t iov = (uint32_t)args[1].i32, base, len;
  if ((uint64_t)iov + 8 > c->memory->size_bytes) return 1;
  memcpy(&base, c->memory->base + iov, 4);
  memcpy(&len, c->memory->base + iov + 4, 4);
  if ((uint64_t)base + len > c->memory->size_bytes) return 1;
  printf("%s prints: %.*s", c->name, (int)len, (const char *)c->memory->base + base);
  results[0].i32 = 0;
  return 0;
}

int main(void) {
  caller first_caller = {"first", NULL}, second_caller = {"second", NULL};
  w2n_extern first_imports[first_IMPORT_COUNT] = {
      [first_import_wasi_snapshot_preview1_fd_write] = {.kind = W2N_EXTERN_HOST_FUNC, .u.host = {fd_write, &first_caller}}};
  w2n_extern second_imports[second_IMPORT_COUNT] = {
      [second_import_wasi_snapshot_preview1_fd_write] = {.kind = W2N_EXTERN_HOST_FUNC, .u.host = {fd_write, &second_caller}}};
  w2n_instance *first, *second;
  w2n_error err;
  if (first_instantiate(&first, first_imports, &err) != W2N_OK || second_instantiate(&second, second_imports, &err) != W2N_OK) {
    printf("instantiation failed\n");
    return 1;
  }
  first_caller.memory = first_memory_memory(first);
  second_caller.memory = second_memory_memory(second);
  printf("first: %s\n", w2n_result_message(first_call__start(first)));
  printf("second: %s\n", w2n_result_message(second_call__start(second)));
  printf("first again: %s\n", w2n_result_message(first_call__start(first)));
  printf("second again: %s\n", w2n_result_message(second_call__start(second)));
  w2n_instance_free(second);
  w2n_instance_free(first);
  return 0;
}
