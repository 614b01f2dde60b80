/* contend.c: threads contending on atomics, a futex mutex and a condition variable.
 *
 * The same source builds for wasm32 (wasi-threads, freestanding: Debian's wasi-libc has no
 * wasm32-wasi-threads sysroot, see docs/threads.md) and natively with pthreads; the test compares the
 * two outputs. Under wasm the platform layer below is this file's own: thread-spawn and a wasm-asm
 * wasi_thread_start (thread_start.s) that gives each thread its C stack, a mutex and a condition
 * variable on memory.atomic.wait32/notify, output through fd_write. Every result printed is fixed by
 * the program (sums, counts), not by the schedule, so both runs print the same lines.
 *   1. NTHREADS threads add to one counter with atomic fetch-add, and also with a cmpxchg loop;
 *   2. they increment a plain counter under the mutex;
 *   3. a producer and NTHREADS - 1 consumers pass 1..ITEMS through a 4-slot ring guarded by the mutex
 *      and two condition variables; the consumers' sums and counts add up to the total;
 *   4. narrow (8- and 16-bit) atomic adds wrap as unsigned bytes and halves do.
 * The main thread waits for the workers on a futex counter (a join).
 */
#include <stdint.h>

#define NTHREADS 4
#define ROUNDS 20000
#define ITEMS 20000
#define RING 4

#ifdef __wasm__
typedef struct { uint32_t fd_buf; uint32_t len; } ciovec;
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t fd_write(int32_t fd, const ciovec *iov, int32_t n, uint32_t *written);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
_Noreturn void proc_exit(int32_t code);
__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t thread_spawn(void *start_arg);

static void write_out(const char *s, uint32_t n) {
  ciovec v = {(uint32_t)(uintptr_t)s, n};
  uint32_t w;
  fd_write(1, &v, 1, &w);
}
static void futex_wait(uint32_t *addr, uint32_t expected) {
  __builtin_wasm_memory_atomic_wait32((int32_t *)addr, (int32_t)expected, -1);
}
static void futex_wake(uint32_t *addr, uint32_t count) { __builtin_wasm_memory_atomic_notify((int32_t *)addr, count); }

/* The start argument: the new thread's stack top first (thread_start.s loads it), then the work. */
struct start { void *stack_top; void (*fn)(int); int arg; };
static struct start starts[NTHREADS];
static _Alignas(16) char stacks[NTHREADS][64 * 1024];
void thread_entry(int32_t tid, struct start *s) {
  (void)tid;
  s->fn(s->arg);
}
static int spawn(int i, void (*fn)(int)) {
  starts[i] = (struct start){stacks[i] + sizeof stacks[i], fn, i};
  return thread_spawn(&starts[i]) > 0 ? 0 : -1;
}
#define MAIN void _start(void)
#define EXIT(c) proc_exit(c)
#else
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
static void write_out(const char *s, uint32_t n) { (void)!write(1, s, n); }
static void futex_wait(uint32_t *addr, uint32_t expected) {
  syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, 0, 0, 0);
}
static void futex_wake(uint32_t *addr, uint32_t count) { syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, count, 0, 0, 0); }
static pthread_t threads[NTHREADS];
struct start { void (*fn)(int); int arg; };
static struct start starts[NTHREADS];
static void *run(void *p) {
  struct start *s = p;
  s->fn(s->arg);
  return 0;
}
static int spawn(int i, void (*fn)(int)) {
  starts[i] = (struct start){fn, i};
  return pthread_create(&threads[i], 0, run, &starts[i]);
}
#define MAIN int main(void)
#define EXIT(c) return c
#endif

/* ---- mutex (Drepper's futex mutex: 0 free, 1 locked, 2 locked with waiters) ---- */
typedef struct { uint32_t state; } mutex;
static void lock(mutex *m) {
  uint32_t c = 0;
  if (__atomic_compare_exchange_n(&m->state, &c, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return;
  if (c != 2) c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
  while (c != 0) {
    futex_wait(&m->state, 2);
    c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
  }
}
static void unlock(mutex *m) {
  if (__atomic_exchange_n(&m->state, 0, __ATOMIC_SEQ_CST) == 2) futex_wake(&m->state, 1);
}

/* ---- condition variable: a sequence number waited on ---- */
typedef struct { uint32_t seq; } cond;
static void cond_wait(cond *c, mutex *m) {
  uint32_t seq = __atomic_load_n(&c->seq, __ATOMIC_SEQ_CST);
  unlock(m);
  futex_wait(&c->seq, seq);
  lock(m);
}
static void cond_broadcast(cond *c) {
  __atomic_fetch_add(&c->seq, 1, __ATOMIC_SEQ_CST);
  futex_wake(&c->seq, 0x7fffffff);
}

static uint32_t atomic_counter, cas_counter, done;
static uint8_t byte_counter;
static uint16_t half_counter;
static mutex m;
static uint32_t plain_counter;

static cond not_empty, not_full;
static uint32_t ring[RING], head, tail, count, finished_producing;
static uint64_t consumed_sum[NTHREADS];
static uint32_t consumed_count[NTHREADS];

static void finish(void) {
  __atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
  futex_wake(&done, 1);
}

static void produce(void) {
  for (uint32_t v = 1; v <= ITEMS; v++) {
    lock(&m);
    while (count == RING) cond_wait(&not_full, &m);
    ring[tail] = v;
    tail = (tail + 1) % RING;
    count++;
    cond_broadcast(&not_empty);
    unlock(&m);
  }
  lock(&m);
  finished_producing = 1;
  cond_broadcast(&not_empty);
  unlock(&m);
}

static void consume(int id) {
  for (;;) {
    lock(&m);
    while (count == 0 && !finished_producing) cond_wait(&not_empty, &m);
    if (count == 0) {
      unlock(&m);
      return;
    }
    uint32_t v = ring[head];
    head = (head + 1) % RING;
    count--;
    cond_broadcast(&not_full);
    unlock(&m);
    consumed_sum[id] += v;
    consumed_count[id]++;
  }
}

static void worker(int id) {
  for (int i = 0; i < ROUNDS; i++) {
    __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
    uint32_t old = __atomic_load_n(&cas_counter, __ATOMIC_SEQ_CST);
    while (!__atomic_compare_exchange_n(&cas_counter, &old, old + 3, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    }
    __atomic_fetch_add(&byte_counter, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&half_counter, 7, __ATOMIC_SEQ_CST);
    lock(&m);
    plain_counter++;
    unlock(&m);
  }
  if (id == 0) produce();
  else consume(id);
  finish();
}

static char *put_u64(char *p, uint64_t v) {
  char tmp[24];
  int n = 0;
  do tmp[n++] = (char)('0' + v % 10), v /= 10; while (v);
  while (n) *p++ = tmp[--n];
  return p;
}
static void print(const char *label, uint64_t v) {
  char buf[96], *p = buf;
  while (*label) *p++ = *label++;
  p = put_u64(p, v);
  *p++ = '\n';
  write_out(buf, (uint32_t)(p - buf));
}

MAIN {
  for (int i = 0; i < NTHREADS; i++)
    if (spawn(i, worker) != 0) {
      write_out("spawn failed\n", 13);
      EXIT(1);
    }
  for (uint32_t d; (d = __atomic_load_n(&done, __ATOMIC_SEQ_CST)) < NTHREADS;) futex_wait(&done, d);
  uint64_t sum = 0, items = 0;
  for (int i = 1; i < NTHREADS; i++) sum += consumed_sum[i], items += consumed_count[i];
  print("atomic add: ", atomic_counter);
  print("cmpxchg loop: ", cas_counter);
  print("8-bit add (wraps): ", byte_counter);
  print("16-bit add (wraps): ", half_counter);
  print("mutex counter: ", plain_counter);
  print("items consumed: ", items);
  print("sum consumed: ", sum);
  EXIT(0);
}
