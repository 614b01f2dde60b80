/* embed/entry.c: entering wasm from a host program, and getting out of it again on a trap.
 *
 * SECURITY-CRITICAL: this decides which hardware faults are wasm traps. Review changes twice.
 *
 * Every entry into wasm code (a call, an instantiation) goes through w2n_embed_protect, which records a
 * jump buffer for the current thread and calls the wasm side. A trap unwinds to the innermost such
 * entry with _longjmp, whether it was detected by generated code (w2n_trap), by the runtime (a table
 * range, an allocation failure via w2n_fatal) or by the hardware: the SIGSEGV/SIGBUS handler claims a
 * fault only when this thread is inside wasm, the faulting PC lies in generated code (the w2n_code
 * section of every module linked in) and the address is in a linear-memory reservation (an
 * out-of-bounds access) or just below this thread's stack limit (a frame that overran the limit).
 * Any other fault goes to the handler installed before ours, or gets the default action. Entries
 * nest: a host function called from wasm may call wasm again, and a trap in the inner call returns
 * to the host function, not further.
 *
 * The handler is installed with SA_NODEFER so that jumping out of it leaves the signal mask as it was,
 * which lets the entry use _setjmp (no system call per entry). It runs on an alternate signal stack
 * that each thread gets on its first entry (unless it has one; freed when the thread exits), because
 * a stack overflow leaves no room on the faulting stack.
 *
 * Wasm exceptions (docs/exceptions.md) use their own per-thread chain of handler frames,
 * w2n_eh_top. An entry saves it and starts an empty chain, so that an exception never unwinds past
 * the host frames between two entries: one that no wasm handler catches ends the innermost entry,
 * which returns W2N_EXCEPTION (to the host, or to the host function that called wasm, which may turn
 * it into a trap of its own caller by returning non-zero). A trap unwinds past any wasm handlers
 * (traps are not catchable) and the entry restores the chain as it was.
 *
 * The stack limit (w2n_stack_limit, thread-local, compared by generated code on function entry) is
 * the bottom of the thread's stack as pthread_getattr_np reports it plus a margin for host and runtime
 * code that runs on top of the deepest wasm frame.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "rt.h"

#define TLS __attribute__((tls_model("initial-exec"))) _Thread_local
#define STACK_MARGIN (256u * 1024u)
#define ALTSTACK_SIZE (64u * 1024u)

typedef struct entry_frame {
  jmp_buf env;
  struct entry_frame *prev;
  w2n_eh_frame *eh_top; /* the wasm handler chain of the code that entered */
} entry_frame;

TLS void *w2n_stack_limit;
TLS w2n_eh_frame *w2n_eh_top;
static TLS entry_frame *innermost;
static TLS int thread_ready;
static TLS uintptr_t stack_low; /* the lowest usable address of this thread's stack */

extern const char __start_w2n_code[] __attribute__((weak));
extern const char __stop_w2n_code[] __attribute__((weak));

static struct sigaction previous_segv, previous_bus;
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

static uintptr_t context_pc(void *ucontext) {
  ucontext_t *uc = ucontext;
#if defined(__x86_64__)
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)uc->uc_mcontext.pc;
#elif defined(__riscv)
  return (uintptr_t)uc->uc_mcontext.__gregs[REG_PC];
#elif defined(__arm__)
  return (uintptr_t)uc->uc_mcontext.arm_pc;
#else
#error "context_pc: unsupported architecture"
#endif
}

static _Noreturn void unwind(w2n_result result) {
  if (!innermost) abort(); /* a trap outside any entry: a runtime bug, never a silent return */
  _longjmp(innermost->env, (int)result);
}

/* How WASI proc_exit ends the call (embed/wasi.c): like a trap, with W2N_EXIT. */
_Noreturn void w2n_embed_unwind(w2n_result result);
_Noreturn void w2n_embed_unwind(w2n_result result) { unwind(result); }

_Noreturn void w2n_trap(uint32_t kind, const char *function) {
  (void)function;
  unwind((w2n_result)kind);
}

_Noreturn void w2n_trap_report(uint32_t kind, const void *pc) {
  (void)pc;
  unwind((w2n_result)kind);
}

/* Exceptions are never freed (an exnref may be kept anywhere and nothing collects them). */
void *w2n_exn_alloc(uint32_t size) {
  void *p = malloc(size);
  if (!p) unwind(W2N_ERROR_RESOURCES);
  return p;
}

_Noreturn void w2n_throw(void *exn, const char *function) {
  (void)function;
  w2n_eh_frame *f = w2n_eh_top;
  if (!f) unwind(W2N_EXCEPTION);
  w2n_eh_top = f->prev;
  f->exn = exn;
  w2n_eh_longjmp(f);
}

_Noreturn void w2n_fatal(const char *msg) {
  (void)msg;
  unwind(W2N_ERROR_RESOURCES);
}

static void pass_on(int sig, siginfo_t *info, void *ucontext) {
  struct sigaction *prev = sig == SIGBUS ? &previous_bus : &previous_segv;
  if (prev->sa_flags & SA_SIGINFO) {
    prev->sa_sigaction(sig, info, ucontext);
  } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
    prev->sa_handler(sig);
  } else {
    /* Default action: return and let the instruction fault again, now fatally. A signal sent by
     * another process is raised again instead. */
    signal(sig, SIG_DFL);
    if (info->si_code <= 0) raise(sig);
  }
}

static void fault_handler(int sig, siginfo_t *info, void *ucontext) {
  uintptr_t pc = context_pc(ucontext);
  uintptr_t addr = (uintptr_t)info->si_addr;
  int in_wasm_code = pc >= (uintptr_t)__start_w2n_code && pc < (uintptr_t)__stop_w2n_code;
  if (innermost && info->si_code > 0 && in_wasm_code) {
    if (w2n_is_memory_address(addr)) unwind(W2N_TRAP_OOB_MEMORY);
    /* A frame that overran the stack limit without a check (a leaf function) hits the guard below
     * the stack, within the margin that the limit keeps free. */
    if (addr + STACK_MARGIN >= stack_low && addr < stack_low + STACK_MARGIN) unwind(W2N_TRAP_STACK_EXHAUSTED);
  }
  pass_on(sig, info, ucontext);
}

static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fault_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous_segv);
  sigaction(SIGBUS, &sa, &previous_bus);
}

static pthread_key_t altstack_key;

/* At thread exit: the alternate stack we gave the thread is switched off and freed. */
static void release_altstack(void *stack) {
  stack_t off = {.ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0};
  sigaltstack(&off, NULL);
  free(stack);
}

static void install_once(void) {
  pthread_key_create(&altstack_key, release_altstack);
  install_handlers();
}

static void prepare_thread(void) {
  pthread_once(&handlers_once, install_once);
  stack_t old;
  if (sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE)) {
    stack_t ss = {.ss_sp = malloc(ALTSTACK_SIZE), .ss_flags = 0, .ss_size = ALTSTACK_SIZE};
    if (ss.ss_sp && sigaltstack(&ss, NULL) == 0) pthread_setspecific(altstack_key, ss.ss_sp);
    else free(ss.ss_sp);
  }
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  char here;
  if (addr && size > 2 * STACK_MARGIN) {
    stack_low = (uintptr_t)addr;
  } else {
    /* Unknown or tiny stack: allow 1 MiB below the current frame. */
    stack_low = (uintptr_t)&here - (1u << 20);
  }
  w2n_stack_limit = (void *)(stack_low + STACK_MARGIN);
  thread_ready = 1;
}

w2n_result w2n_embed_protect(void (*fn)(void *), void *arg) {
  if (!thread_ready) prepare_thread();
  entry_frame frame;
  frame.prev = innermost;
  frame.eh_top = w2n_eh_top;
  int code = _setjmp(frame.env);
  if (code == 0) {
    innermost = &frame;
    w2n_eh_top = NULL;
    fn(arg);
  }
  innermost = frame.prev;
  w2n_eh_top = frame.eh_top;
  return (w2n_result)code;
}
