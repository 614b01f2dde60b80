/* host.c: embeds counter.wasm (docs/embedding.md): two instances, a host function, traps as values.
 *
 *   wat2wasm counter.wat -o counter.wasm
 *   wasm2native counter.wasm --emit=obj -o counter.o        # also writes counter.h
 *   cc host.c counter.o <prefix>/lib/wasm2native/x86_64-linux/libw2nembed.a -lm -o host
 */
#include <inttypes.h>
#include <stdio.h>

#include "counter.h"

/* env.log(i32 n, i64 total): a host function; ctx is whatever the host bound it with. */
static int32_t log_addition(void *ctx, const w2n_value *args, w2n_value *results) {
  (void)results;
  printf("[%s] added %" PRId32 ", total %" PRId64 "\n", (const char *)ctx, args[0].i32, args[1].i64);
  return 0; /* non-zero would trap the wasm caller */
}

static w2n_instance *create(const char *label) {
  w2n_extern imports[counter_IMPORT_COUNT];
  imports[counter_import_env_log].kind = W2N_EXTERN_HOST_FUNC;
  imports[counter_import_env_log].u.host.fn = log_addition;
  imports[counter_import_env_log].u.host.ctx = (void *)label;
  w2n_instance *instance;
  w2n_error err;
  if (counter_instantiate(&instance, imports, &err) != W2N_OK) {
    fprintf(stderr, "cannot instantiate: %s\n", err.message);
    return NULL;
  }
  return instance;
}

int main(void) {
  w2n_instance *a = create("a"), *b = create("b");
  if (!a || !b) return 1;

  int64_t total;
  counter_call_add(a, 5, &total);
  counter_call_add(a, 7, &total);
  counter_call_add(b, 100, &total);
  printf("totals: a %" PRId64 ", b %" PRId64 "\n", *counter_global_total(a), *counter_global_total(b));

  /* A trap comes back as a result; the instance stays usable. */
  int32_t avg;
  w2n_result r = counter_call_average(a, 12, 0, &avg);
  printf("average(12, 0): %s\n", w2n_result_is_trap(r) ? w2n_result_message(r) : "no trap?");
  r = counter_call_average(a, 12, 2, &avg);
  printf("average(12, 2): %s %" PRId32 "\n", w2n_result_message(r), avg);

  /* The host reads and writes an exported memory directly. */
  w2n_memory *memory = counter_memory_memory(a);
  memory->base[100] = 42;
  int32_t byte;
  counter_call_peek(a, 100, &byte);
  printf("peek(100): %" PRId32 " in a, ", byte);
  counter_call_peek(b, 100, &byte);
  printf("%" PRId32 " in b\n", byte);
  r = counter_call_peek(a, (int32_t)memory->size_bytes, &byte);
  printf("peek(end of memory): %s\n", w2n_result_message(r));

  /* The host may also change an exported mutable global. */
  *counter_global_total(a) = 1000;
  counter_call_add(a, 1, &total);

  w2n_instance_free(a);
  w2n_instance_free(b);
  return 0;
}
