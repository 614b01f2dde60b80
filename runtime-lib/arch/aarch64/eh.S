/* arch/aarch64/eh.S: the register save and restore of wasm exception handling (w2n_abi.h).
 *
 * w2n_eh_setjmp(frame) saves what AAPCS64 says a call preserves (x19-x28, the frame pointer x29, the
 * link register x30, sp, and the low halves d8-d15 of v8-v15) and returns 0; w2n_eh_longjmp(frame)
 * restores them and returns 1 to the saved link register. 21 of the frame's 32 slots are used.
 * macOS assembles this file too (os/darwin/eh.S): the labels come from arch/generic/asm.h.
 */
#include "../generic/asm.h"

  .text
W2N_FUNCTION w2n_eh_setjmp
  stp x19, x20, [x0, #0]
  stp x21, x22, [x0, #16]
  stp x23, x24, [x0, #32]
  stp x25, x26, [x0, #48]
  stp x27, x28, [x0, #64]
  stp x29, x30, [x0, #80]
  mov x2, sp
  str x2, [x0, #96]
  stp d8, d9, [x0, #104]
  stp d10, d11, [x0, #120]
  stp d12, d13, [x0, #136]
  stp d14, d15, [x0, #152]
  mov w0, #0
  ret
W2N_END w2n_eh_setjmp

W2N_FUNCTION w2n_eh_longjmp
  ldp x19, x20, [x0, #0]
  ldp x21, x22, [x0, #16]
  ldp x23, x24, [x0, #32]
  ldp x25, x26, [x0, #48]
  ldp x27, x28, [x0, #64]
  ldp x29, x30, [x0, #80]
  ldr x2, [x0, #96]
  mov sp, x2
  ldp d8, d9, [x0, #104]
  ldp d10, d11, [x0, #120]
  ldp d12, d13, [x0, #136]
  ldp d14, d15, [x0, #152]
  mov w0, #1
  ret
W2N_END w2n_eh_longjmp

#ifndef __APPLE__
  .section .note.GNU-stack,"",%progbits
#endif
