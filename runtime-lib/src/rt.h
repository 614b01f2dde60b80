/* src/rt.h: internal interfaces between the runtime's own files and the WASI shim.
 *
 * Nothing here is part of the ABI with generated code (that is include/w2n_abi.h); these are the
 * helpers the runtime files and wasi-shim share: output to stderr without libc, a tiny page-based
 * heap, the registry of linear-memory reservations the fault handler consults, and the start-up
 * hooks.
 */
#ifndef W2N_RT_H
#define W2N_RT_H

#include <stddef.h>
#include <stdint.h>

#include "w2n_abi.h"

/* string.c: the freestanding C functions (also used by the compiler's generated code). */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t w2n_strlen(const char *s);
int w2n_strncmp(const char *a, const char *b, size_t n);

/* io.c: async-signal-safe output helpers. */
void w2n_write_all(int fd, const char *s, size_t n);
void w2n_puts_err(const char *s); /* writes s to stderr, no newline added */
_Noreturn void w2n_fatal(const char *msg); /* "wasm2native: msg\n", exit status 1 */

/* heap.c: page-granular allocation from mmap; memory is zero-filled. NULL on failure. */
void *w2n_alloc(size_t size);
void w2n_free(void *p);
void *w2n_realloc(void *p, size_t size);

/* memory.c: is addr inside a registered linear-memory reservation? (signal-safe, lock-free) */
int w2n_is_memory_address(uintptr_t addr);
/* memory.c: w2n_memory_init without the fatal error: 0, or -1 when the OS or the limits refuse.
 * w2n_memory_free unmaps and unregisters a memory (the embedding runtime frees instances). */
int w2n_memory_reserve(w2n_memory *mem, uint64_t initial_pages, uint64_t max_pages, int is64);
void w2n_memory_free(w2n_memory *mem);

/* trap.c */
void w2n_install_signal_handlers(void);
_Noreturn void w2n_trap_report(uint32_t kind, const void *pc);

/* exceptions.c: the w2n_thread_block of the wasm stack the caller runs on (w2n_abi.h). */
w2n_thread_block *w2n_thread_block_here(void);

/* start.c: the guard region below the wasm stack, for the fault handler. w2n_map_wasm_stack maps
 * a W2N_STACK_SIZE region aligned to its size with its guard (NULL on failure): the main thread's
 * wasm stack and each thread's (thread.c). */
extern uintptr_t w2n_stack_guard_lo, w2n_stack_guard_hi;
char *w2n_map_wasm_stack(void);

/* thread.c (linked only into threaded executables, hence weak here): is addr in the guard region
 * of a thread's stack? And the per-thread alternate signal stack set-up that trap.c does for the
 * main thread. */
int w2n_thread_stack_guard(uintptr_t addr) __attribute__((weak));
void w2n_install_altstack(void *stack, size_t size);

/* numtext.c: wasm values as text, as `wasmtime run --invoke` reads and prints them. type is a
 * signature letter (i I f F; format also v r e). parse returns 0, or -1 for text that is not a value of
 * the type; format writes at most 400 bytes, no NUL, and returns the length. */
int w2n_parse_value(const char *text, char type, w2n_value *v);
size_t w2n_format_value(const w2n_value *v, char type, char *buf);

/* invoke.c: W2N_INVOKE's value (set by the WASI configuration unless in secure-execution mode). */
extern const char *w2n_invoke_env;

/* wasi-shim: the state of one WASI guest: its fd table, argv and environment. An executable has one,
 * wasi_process (invoke.c drops a leading --invoke=NAME from its argv); in the embedding runtime each
 * instance given WASI has its own (embed/wasi.c), and wasi_current points to the one of the instance
 * whose WASI call is running on this thread. The shim reaches it as WASI, a constant address in an
 * executable, so the executable's calls cost what they did when the state was a set of globals. */
typedef struct wasi_state {
  struct wasi_fd *fds;      /* indexed by WASI fd; fd_count slots (fdtable.c) */
  uint32_t fd_count;
  int renumber_lenient;     /* fd_renumber may target an unopened fd (fdtable.c) */
  int argc;
  char **argv;
  const char **env;         /* "NAME=VALUE" strings */
  uint32_t env_count;
} wasi_state;
#ifdef W2N_EMBEDDING_RUNTIME
extern __attribute__((tls_model("initial-exec"))) _Thread_local wasi_state *wasi_current;
#define WASI (wasi_current)
#else
extern wasi_state wasi_process;
#define WASI (&wasi_process)
#endif

/* wasi-shim: called once at start-up with the process's argv (before switching stacks). */
void w2n_wasi_init(int argc, char **argv);

#endif
