/* arch/generic/asm.h: assembler macros for a global function's label, for ELF and Mach-O.
 *
 * The assembly shared by Linux and macOS (arch/<arch>/eh.S, also assembled for macOS through
 * os/darwin/eh.S) opens each function with W2N_FUNCTION name and closes it with W2N_END name: on ELF
 * the label with its symbol type and size; on Mach-O the C name with its leading underscore and no
 * type or size (Mach-O has neither). Assembler macros rather than C ones, because the statement
 * separator differs between assemblers (';' starts a comment in arm64 Mach-O assembly).
 */
#ifdef __APPLE__
.macro W2N_FUNCTION name
  .globl _\name
  .p2align 2
_\name:
.endm
.macro W2N_END name
.endm
#else
.macro W2N_FUNCTION name
  .globl \name
  .type \name, %function
\name:
.endm
.macro W2N_END name
  .size \name, . - \name
.endm
#endif
