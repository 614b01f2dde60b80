/* os/linux/thread.c: wasi-threads for executables: wasi.thread-spawn on raw clone().
 *
 * Linked only into a module that imports wasi.thread-spawn (its generated import calls
 * w2n_thread_spawn; w2n_module_thread and w2n_module_instance_size are generated too, see
 * compiler/lib/Translate/ExecutableThreads.cpp). A thread gets:
 *   - a tid: 1, 2, ... from a counter (the proposal wants unique positive ids below 2^29);
 *   - a fresh instance (zeroed, w2n_module_instance_size bytes) that w2n_module_thread instantiates
 *     sharing the first instance's memories, so its globals (the C stack pointer) are its own;
 *   - a wasm stack: a W2N_STACK_SIZE region aligned to its size with a guard at the bottom, as the
 *     main thread's (start.c), so generated code finds its stack limit from sp (w2n_abi.h), and the
 *     fault handler recognises its guard (w2n_thread_stack_guard);
 *   - its own alternate signal stack, so that a fault in it (an out-of-bounds access, an overflow)
 *     is reported as a trap like in the main thread.
 * Traps and proc_exit call exit_group, which ends every thread, as the proposal says; so does the
 * main thread's return from _start. A thread that returns from wasi_thread_start exits alone
 * (w2n_arch_clone's child calls exit). The kernel then clears the slot's ctid (CLONE_CHILD_CLEARTID),
 * and a later spawn reuses the slot's stacks; its instance is freed then (a table it grew is not).
 */
#include "rt.h"
#include "sys.h"

#define MAX_THREADS 512
#define ALTSTACK_SIZE (64u << 10)
#define CLONE_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x200000)
/* CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_CHILD_CLEARTID */

/* arch/<arch>/start.S: clone(flags) onto stack_top; the child calls fn(arg) and then exits the thread.
 * Returns the child's kernel tid or -errno in the parent. */
extern long w2n_arch_clone(unsigned long flags, void *stack_top, volatile int32_t *ctid, void (*fn)(void *), void *arg);

static struct slot {
  volatile int32_t ctid; /* non-zero while the thread runs (cleared by the kernel at its exit) */
  volatile uint32_t used;
  char *volatile stack;  /* the wasm stack region (W2N_STACK_SIZE) */
  char *altstack;
  void *instance;
  int32_t tid, start_arg;
} slots[MAX_THREADS];
static volatile int spawn_lock;
static int32_t next_tid = 1;

int w2n_thread_stack_guard(uintptr_t addr) {
  for (unsigned i = 0; i < MAX_THREADS; i++) {
    uintptr_t lo = (uintptr_t)slots[i].stack;
    if (lo && addr >= lo && addr < lo + W2N_STACK_GUARD) return 1;
  }
  return 0;
}

static void thread_main(void *p) {
  struct slot *s = p;
  w2n_install_altstack(s->altstack, ALTSTACK_SIZE);
  w2n_module_thread(s->instance, s->tid, s->start_arg);
}

int32_t w2n_thread_spawn(int32_t start_arg) {
  while (__atomic_exchange_n(&spawn_lock, 1, __ATOMIC_ACQUIRE)) {
  }
  int32_t result = -W2N_EAGAIN;
  struct slot *s = NULL;
  for (unsigned i = 0; i < MAX_THREADS && !s; i++)
    if (!slots[i].used || __atomic_load_n(&slots[i].ctid, __ATOMIC_ACQUIRE) == 0) s = &slots[i];
  if (!s || next_tid >= (1 << 29)) goto out;
  if (!s->used) {
    char *stack = w2n_map_wasm_stack();
    char *alt = stack ? w2n_alloc(ALTSTACK_SIZE) : NULL;
    if (!alt) {
      if (stack) sys_munmap(stack, W2N_STACK_SIZE);
      goto out;
    }
    s->altstack = alt;
    s->stack = stack;
    s->used = 1;
  }
  w2n_free(s->instance); /* the previous thread's, if this slot had one */
  s->instance = w2n_alloc((size_t)w2n_module_instance_size);
  if (!s->instance) goto out;
  s->tid = next_tid;
  s->start_arg = start_arg;
  s->ctid = s->tid;
  /* The new thread's stack starts below its thread block (w2n_abi.h): an empty handler chain; a
   * reused stack keeps the previous thread's exception chunk for its allocator. */
  ((w2n_thread_block *)(s->stack + W2N_STACK_SIZE - W2N_STACK_TOP_BLOCK))->eh_top = NULL;
  long r = w2n_arch_clone(CLONE_FLAGS, s->stack + W2N_STACK_SIZE - W2N_STACK_TOP_BLOCK, &s->ctid, thread_main, s);
  if (r < 0) {
    s->ctid = 0;
    goto out;
  }
  result = next_tid++;
out:
  __atomic_store_n(&spawn_lock, 0, __ATOMIC_RELEASE);
  return result;
}
