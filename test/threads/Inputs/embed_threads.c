/* embed_threads.c: one shared memory, made by the host, used by two instances of shared_worker on two
 * host pthreads at once (embed-threads.test): their atomic and lock-protected counters add up, a
 * wait on one thread is ended by a notify from the other instance, a trap on one thread comes back
 * to that thread's call only, and a wait with a timeout times out. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "shared_worker.h"

#define ROUNDS 100000

static w2n_instance *instances[2];

static void *adder(void *p) {
  w2n_instance *inst = p;
  if (shared_worker_call_add(inst, ROUNDS) != W2N_OK) puts("add trapped");
  return NULL;
}

static void *waiter(void *p) {
  static int32_t flag;
  if (shared_worker_call_wait_flag(p, &flag) != W2N_OK) puts("wait trapped");
  return &flag;
}

static void *trapper(void *p) {
  int32_t r;
  static w2n_result res;
  res = shared_worker_call_unaligned(p, &r);
  return &res;
}

int main(void) {
  w2n_memory *mem;
  w2n_error err;
  if (w2n_memory_create_shared(1, 1, 0, &mem) != W2N_OK) return 1;
  /* An unshared memory does not satisfy a shared import. */
  w2n_memory *plain;
  w2n_memory_create(1, 1, &plain);
  w2n_extern bad[1] = {{.kind = W2N_EXTERN_MEMORY, .u.memory = plain}};
  w2n_instance *none;
  printf("unshared memory: %s\n", w2n_result_message(shared_worker_instantiate(&none, bad, &err)));
  w2n_extern imports[1] = {{.kind = W2N_EXTERN_MEMORY, .u.memory = mem}};
  for (int i = 0; i < 2; i++)
    if (shared_worker_instantiate(&instances[i], imports, &err) != W2N_OK) {
      printf("instantiate: %s\n", err.message);
      return 1;
    }

  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, adder, instances[i]);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  uint32_t atomic_count, plain_count;
  uint64_t wide_count;
  memcpy(&atomic_count, mem->base, 4);
  memcpy(&plain_count, mem->base + 16, 4);
  memcpy(&wide_count, mem->base + 24, 8);
  printf("atomic counter: %u\nlocked counter: %u\n64-bit counter: %llu\n", atomic_count, plain_count,
         (unsigned long long)wide_count);

  /* Thread 0 waits in instance 0; thread 1 (and the main thread) traps in instance 1 meanwhile; the
   * main thread then sets the flag through instance 1, which wakes it. */
  pthread_create(&t[0], NULL, waiter, instances[0]);
  pthread_create(&t[1], NULL, trapper, instances[1]);
  void *res;
  pthread_join(t[1], &res);
  printf("other thread: %s\n", w2n_result_message(*(w2n_result *)res));
  int32_t woken = 0;
  shared_worker_call_set_flag(instances[1], 5, &woken);
  pthread_join(t[0], &res);
  printf("waiter saw flag %d\n", *(int32_t *)res);
  int32_t timed;
  shared_worker_call_wait_timeout(instances[0], &timed);
  printf("wait64 with a timeout: %d\n", timed);
  w2n_instance_free(instances[0]);
  w2n_instance_free(instances[1]);
  w2n_memory_delete(mem);
  return 0;
}
