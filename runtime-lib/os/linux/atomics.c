/* os/linux/atomics.c: memory.atomic.wait32/wait64 and memory.atomic.notify (threads), on Linux futexes.
 *
 * Shared by the executable runtime and the embedding runtime (both compile it freestanding, with the
 * raw system calls of sys.h). Generated code calls these only for a shared memory, after it has
 * checked alignment and bounds, with the host address of the cell.
 *
 * A futex can only wait on 32 bits, and notify must wake at most `count` waiters *of one address*
 * and say how many it woke, so waiters are parked in a table of buckets (hashed by address), each a
 * FIFO list under a spin lock (held for a few instructions only). A waiter is a node on its own stack
 * with a private 32-bit futex word `woken`:
 *   wait: lock the bucket; compare the cell with `expected` (seq_cst) while holding the lock, so a
 *         notify that follows a store of another value cannot slip in between ("not-equal", 1);
 *         enqueue; unlock; sleep on `woken` until it is set or the deadline (CLOCK_MONOTONIC)
 *         passes; then lock again and, unless woken, dequeue itself ("timed-out", 2).
 *   notify: lock the bucket; dequeue up to count waiters of the address, set each one's `woken` and
 *         FUTEX_WAKE it, all under the lock. A woken waiter takes the lock once more before it
 *         returns, so its node is never freed while a notifier still touches it.
 * A timeout below zero waits forever; zero returns "timed-out" at once when the values are equal.
 */
#include "rt.h"
#include "sys.h"

#define FUTEX_WAIT_PRIVATE 128 /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG */
#define FUTEX_WAKE_PRIVATE 129
#define CLOCK_MONOTONIC 1
#define BUCKETS 64

struct waiter {
  struct waiter *next;
  const void *addr;
  volatile uint32_t woken;
};

static struct bucket {
  volatile int lock;
  struct waiter *head, *tail;
} buckets[BUCKETS];

static struct bucket *bucket_of(const void *addr) {
  uintptr_t a = (uintptr_t)addr >> 2;
  return &buckets[(a ^ (a >> 6) ^ (a >> 12)) % BUCKETS];
}

static void lock(struct bucket *b) {
  while (__atomic_exchange_n(&b->lock, 1, __ATOMIC_ACQUIRE))
    while (__atomic_load_n(&b->lock, __ATOMIC_RELAXED)) {
    }
}
static void unlock(struct bucket *b) { __atomic_store_n(&b->lock, 0, __ATOMIC_RELEASE); }

static void unlink_waiter(struct bucket *b, struct waiter *w) {
  struct waiter **p = &b->head, *prev = NULL;
  while (*p && *p != w) {
    prev = *p;
    p = &(*p)->next;
  }
  if (!*p) return;
  *p = w->next;
  if (b->tail == w) b->tail = prev;
}

static int64_t now_ns(void) {
  struct w2n_timespec ts;
  sys_clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* Sleeps while *word == 0, at most ns nanoseconds (ns < 0: no limit). Spurious returns are fine. */
static void futex_sleep(volatile uint32_t *word, int64_t ns) {
  struct w2n_timespec ts = {ns / 1000000000ll, ns % 1000000000ll};
#if W2N_ARCH_ILP32
  long r = W2N_SC(W2N_NR_futex_time64, word, FUTEX_WAIT_PRIVATE, 0, ns < 0 ? NULL : &ts, 0, 0);
  if (r == -W2N_ENOSYS) { /* kernels before 5.1: a 32-bit time_t, at most 2^31 s per sleep */
    struct w2n_timespec32 t32 = {ts.tv_sec > 0x7fffffff ? 0x7fffffff : (int32_t)ts.tv_sec, (int32_t)ts.tv_nsec};
    W2N_SC(W2N_NR_futex, word, FUTEX_WAIT_PRIVATE, 0, ns < 0 ? NULL : &t32, 0, 0);
  }
#else
  W2N_SC(W2N_NR_futex, word, FUTEX_WAIT_PRIVATE, 0, ns < 0 ? NULL : &ts, 0, 0);
#endif
}

static uint32_t wait_common(const void *addr, int equal, int64_t timeout) {
  struct bucket *b = bucket_of(addr);
  if (!equal) {
    unlock(b);
    return 1;
  }
  if (timeout == 0) {
    unlock(b);
    return 2;
  }
  struct waiter w = {NULL, addr, 0};
  if (b->tail) b->tail->next = &w;
  else b->head = &w;
  b->tail = &w;
  unlock(b);
  int64_t deadline = 0;
  if (timeout > 0) { /* in unsigned arithmetic: a sum past INT64_MAX is practically forever */
    uint64_t sum = (uint64_t)now_ns() + (uint64_t)timeout;
    deadline = sum > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)sum;
  }
  while (!__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) {
    int64_t left = -1;
    if (timeout > 0) {
      left = deadline - now_ns();
      if (left <= 0) break;
    }
    futex_sleep(&w.woken, left);
  }
  lock(b);
  uint32_t result = 0;
  if (!__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) {
    unlink_waiter(b, &w);
    result = 2;
  }
  unlock(b);
  return result;
}

uint32_t w2n_atomic_wait32(const uint32_t *addr, uint32_t expected, int64_t timeout) {
  lock(bucket_of(addr));
  return wait_common(addr, __atomic_load_n(addr, __ATOMIC_SEQ_CST) == expected, timeout);
}

uint32_t w2n_atomic_wait64(const uint64_t *addr, uint64_t expected, int64_t timeout) {
  lock(bucket_of(addr));
  return wait_common(addr, __atomic_load_n(addr, __ATOMIC_SEQ_CST) == expected, timeout);
}

uint32_t w2n_atomic_notify(const void *addr, uint32_t count) {
  struct bucket *b = bucket_of(addr);
  uint32_t n = 0;
  lock(b);
  struct waiter **p = &b->head, *prev = NULL;
  while (*p && n < count) {
    struct waiter *w = *p;
    if (w->addr != addr) {
      prev = w;
      p = &w->next;
      continue;
    }
    *p = w->next;
    if (b->tail == w) b->tail = prev;
    __atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
    W2N_SC(W2N_NR_futex, &w->woken, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    n++;
  }
  unlock(b);
  return n;
}
