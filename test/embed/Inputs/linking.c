/* linking.c: one module's exports satisfy another's imports; import types are checked (linking.test). */
#include <stdio.h>
#include <string.h>

#include "consumer.h"
#include "provider.h"

static w2n_extern export_of(w2n_instance *inst, const char *name) {
  w2n_extern e;
  w2n_instance_export(inst, (uint32_t)w2n_export_index(w2n_instance_module(inst), name), &e);
  return e;
}

/* Instantiates consumer with provider's exports, with import `bad` replaced by `replacement`. */
static w2n_result link_with(w2n_instance *p, int bad, w2n_extern replacement, w2n_instance **out, w2n_error *err) {
  w2n_extern imports[consumer_IMPORT_COUNT] = {
      export_of(p, "mem"), export_of(p, "tab"), export_of(p, "counter"), export_of(p, "fixed"), export_of(p, "double")};
  if (bad >= 0) imports[bad] = replacement;
  return consumer_instantiate(out, imports, err);
}

int main(void) {
  w2n_instance *p, *c;
  w2n_error err;
  if (provider_instantiate(&p, NULL, &err) != W2N_OK) return 1;
  if (link_with(p, -1, (w2n_extern){0}, &c, &err) != W2N_OK) {
    printf("link failed: %s\n", err.message);
    return 1;
  }
  int32_t r;
  consumer_call_run(c, 21, &r);
  printf("consumer run: %d\n", r);
  provider_call_run(p, &r);
  printf("provider run sees the shared memory: %d\n", r);
  printf("shared global: %d\n", *provider_global_counter(p));
  w2n_result res = consumer_call_call_slot(c, 0, 5, &r);
  printf("call_indirect slot 0: %s %d\n", w2n_result_message(res), r);
  res = consumer_call_call_slot(c, 1, 5, &r);
  printf("call_indirect slot 1: %s\n", w2n_result_message(res));
  res = consumer_call_call_slot(c, 3, 5, &r);
  printf("call_indirect slot 3: %s\n", w2n_result_message(res));
  res = consumer_call_call_slot(c, 4, 5, &r);
  printf("call_indirect slot 4: %s\n", w2n_result_message(res));

  /* Every mismatch is a link error, and nothing is instantiated. */
  w2n_instance *bad = (w2n_instance *)1;
  w2n_memory *small;
  w2n_memory_create(0, 2, &small); /* fewer pages than the import's minimum */
  w2n_extern e = {.kind = W2N_EXTERN_MEMORY, .u.memory = small};
  printf("small memory: %s; %s; %s\n", w2n_result_message(link_with(p, 0, e, &bad, &err)), err.message,
         bad ? "instance returned" : "no instance");
  w2n_table *externs;
  w2n_table_create(W2N_EXTERNREF, 4, 8, &externs);
  e = (w2n_extern){.kind = W2N_EXTERN_TABLE, .u.table = externs};
  printf("externref table: %s\n", w2n_result_message(link_with(p, 1, e, &bad, &err)));
  printf("immutable global for a mutable import: %s\n",
         w2n_result_message(link_with(p, 2, export_of(p, "fixed"), &bad, &err)));
  w2n_value v = {.i32 = 0};
  e = (w2n_extern){.kind = W2N_EXTERN_GLOBAL, .u.global = {&v, W2N_I32, 1}};
  printf("i32 global for an i64 import: %s\n", w2n_result_message(link_with(p, 3, e, &bad, &err)));
  printf("function of another type: %s\n", w2n_result_message(link_with(p, 4, export_of(p, "run"), &bad, &err)));
  printf("memory for a function: %s\n", w2n_result_message(link_with(p, 4, export_of(p, "mem"), &bad, &err)));
  printf("missing imports: %s\n", w2n_result_message(consumer_instantiate(&bad, NULL, &err)));
  w2n_instance_free(c);
  w2n_instance_free(p);
  w2n_memory_delete(small);
  w2n_table_delete(externs);
  return 0;
}
