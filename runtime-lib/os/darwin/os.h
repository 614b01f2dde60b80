/* os/darwin/os.h: the runtime's OS layer on macOS (see os/linux/os.h for the contract).
 *
 * Everything goes through libSystem (libsystem.h): macOS's system-call numbers and conventions are
 * private and change between releases. Address space: mmap reserves (PROT_NONE) and mprotect
 * commits, as on Linux; macOS has no MAP_NORESERVE, but it never charges a PROT_NONE mapping to
 * memory, and anonymous pages are only backed when touched. A reservation may be released in parts
 * (munmap), but macOS has no mremap, so W2N_OS_CAN_REMAP is 0: a memory grows within its
 * reservation (memory.c reserves what the maximum needs, halving until macOS agrees). Generated code
 * is in __TEXT (read-execute) and nothing is ever mapped writable and executable, so no MAP_JIT or
 * JIT entitlement is needed. Implemented in os.c.
 */
#ifndef W2N_OS_H
#define W2N_OS_H

#include <stddef.h>
#include <stdint.h>

#include "w2n_abi.h"

void *w2n_os_reserve(size_t bytes);
int w2n_os_commit(void *p, size_t bytes);
void w2n_os_decommit(void *p, size_t bytes);
void w2n_os_release(void *p, size_t bytes);
#define W2N_OS_CAN_REMAP 0
static inline void *w2n_os_remap(void *p, size_t old_bytes, size_t new_bytes, int may_move) {
  (void)p; (void)old_bytes; (void)new_bytes; (void)may_move;
  return NULL;
}
void *w2n_os_alloc(size_t bytes);
void w2n_os_free(void *p, size_t bytes);
long w2n_os_write(int fd, const char *buf, size_t n);
_Noreturn void w2n_os_exit(int status);

/* Mach-O has no __start_/__stop_ symbols, but lld defines section$start$SEG$SECT and
 * section$end$SEG$SECT for any section: the compiler puts generated code in __TEXT,w2n_code and name
 * tables in __DATA_CONST,w2n_names (compiler/lib/CodeGen/Target.cpp). The asm labels are the
 * linker's names verbatim (no C underscore). */
extern const char w2n_darwin_code_start[] __asm("section$start$__TEXT$w2n_code");
extern const char w2n_darwin_code_end[] __asm("section$end$__TEXT$w2n_code");
extern const w2n_function_name w2n_darwin_names_start[] __asm("section$start$__DATA_CONST$w2n_names");
extern const w2n_function_name w2n_darwin_names_end[] __asm("section$end$__DATA_CONST$w2n_names");
#define W2N_CODE_START ((uintptr_t)w2n_darwin_code_start)
#define W2N_CODE_STOP ((uintptr_t)w2n_darwin_code_end)
#define W2N_NAMES_START w2n_darwin_names_start
#define W2N_NAMES_STOP w2n_darwin_names_end

#endif
