/* os/windows/os.h: the runtime's OS layer on Windows (see os/linux/os.h for the contract).
 *
 * Address space: VirtualAlloc reserves (MEM_RESERVE, no access) and commits (MEM_COMMIT, read-write,
 * zero-filled); a reservation is released whole, never in parts, and cannot be resized, so
 * W2N_OS_CAN_REMAP is 0 (a memory grows only within its reservation). Output goes to the standard
 * handles with WriteFile; exit is ExitProcess. Implemented in os.c.
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
long w2n_os_write(int fd, const char *buf, size_t n); /* fd 1 or 2: the standard output or error handle */
_Noreturn void w2n_os_exit(int status);

/* COFF has no __start_/__stop_ symbols: generated code goes to "w2n_code$m" and name tables to
 * "w2n_names$m", and the linker sorts grouped sections by the text after '$', so the markers that
 * sections.c puts in "$a" and "$z" bracket them (the name markers are null entries, skipped). */
void w2n_code_begin(void);
void w2n_code_end(void);
extern const w2n_function_name w2n_names_begin[], w2n_names_end[];
#define W2N_CODE_START ((uintptr_t)&w2n_code_begin)
#define W2N_CODE_STOP ((uintptr_t)&w2n_code_end)
#define W2N_NAMES_START w2n_names_begin
#define W2N_NAMES_STOP w2n_names_end

#endif
