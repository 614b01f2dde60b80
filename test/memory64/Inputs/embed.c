/* embed.c: several memories, of both index types, through the embedding API (embed.test): exported
 * by one instance, imported by another together with a host-made memory64, shared (not copied), and
 * an import of the wrong index type is a link error. */
#include <stdio.h>

#include "provider.h"
#include "user.h"

static w2n_extern export_of(w2n_instance *inst, const char *name) {
  w2n_extern e;
  w2n_instance_export(inst, (uint32_t)w2n_export_index(w2n_instance_module(inst), name), &e);
  return e;
}

int main(void) {
  w2n_instance *p, *u;
  w2n_error err;
  if (provider_instantiate(&p, NULL, &err) != W2N_OK) return 1;
  w2n_memory *scratch, *small32;
  if (w2n_memory_create64(1, UINT64_MAX, &scratch) != W2N_OK || w2n_memory_create(1, 2, &small32) != W2N_OK)
    return 1;
  w2n_extern imports[user_IMPORT_COUNT] = {export_of(p, "small"), export_of(p, "big"),
                                           {.kind = W2N_EXTERN_MEMORY, .u.memory = scratch}};
  if (user_instantiate(&u, imports, &err) != W2N_OK) {
    printf("link failed: %s\n", err.message);
    return 1;
  }
  printf("index types: small %u, big %u, scratch %u\n", provider_memory_small(p)->is64,
         provider_memory_big(p)->is64, scratch->is64);
  user_call_copy_big_to_scratch(u, 0x10000, 5, 1);
  printf("copied between memories: %d\n", scratch->base[5]);
  user_call_store_small(u, 3, 7);
  printf("provider's small memory: %d\n", provider_memory_small(p)->base[3]);
  int64_t old;
  user_call_grow_big(u, 1, &old);
  printf("grow big: old %lld, provider sees %llu pages\n", (long long)old,
         (unsigned long long)(provider_memory_big(p)->size_bytes / 65536));
  int32_t r;
  printf("peek grown page: %s\n", w2n_result_message(provider_call_peek_big(p, 3 * 65536 - 1, &r)));
  printf("scratch past its end: %s\n", w2n_result_message(user_call_scratch_byte(u, 65536, &r)));
  printf("re-exported: %s\n", user_memory_scratch_again(u) == scratch ? "the host's memory" : "another");
  printf("host grow64: old %llu\n", (unsigned long long)w2n_memory_grow64(scratch, 1));
  printf("scratch after growth: %s %d\n", w2n_result_message(user_call_scratch_byte(u, 65536, &r)), r);

  /* The index type is part of the memory type. */
  w2n_instance *bad = NULL;
  imports[1] = (w2n_extern){.kind = W2N_EXTERN_MEMORY, .u.memory = small32};
  printf("i32 memory for an i64 import: %s; %s\n", w2n_result_message(user_instantiate(&bad, imports, &err)), err.message);
  imports[1] = export_of(p, "big");
  imports[0] = (w2n_extern){.kind = W2N_EXTERN_MEMORY, .u.memory = scratch};
  printf("i64 memory for an i32 import: %s; %s\n", w2n_result_message(user_instantiate(&bad, imports, &err)), err.message);
  w2n_instance_free(u);
  w2n_instance_free(p);
  w2n_memory_delete(scratch);
  w2n_memory_delete(small32);
  return 0;
}
