/* arch/armv7/eh.S: the register save and restore of wasm exception handling (w2n_abi.h).
 *
 * w2n_eh_setjmp(frame) saves what the AAPCS (hard-float) says a call preserves (r4-r11, sp, lr and
 * d8-d15) and returns 0; w2n_eh_longjmp(frame) restores them and returns 1 to the saved lr. ARM
 * state, VFPv3-D16, as the rest of the armv7 runtime.
 */
  .syntax unified
  .arm
  .text
  .globl w2n_eh_setjmp
  .type w2n_eh_setjmp, %function
w2n_eh_setjmp:
  mov ip, sp
  stm r0, {r4-r11, ip, lr}
  add r1, r0, #40
  vstm r1, {d8-d15}
  mov r0, #0
  bx lr
  .size w2n_eh_setjmp, . - w2n_eh_setjmp

  .globl w2n_eh_longjmp
  .type w2n_eh_longjmp, %function
w2n_eh_longjmp:
  add r1, r0, #40
  vldm r1, {d8-d15}
  ldm r0, {r4-r11, ip, lr}
  mov sp, ip
  mov r0, #1
  bx lr
  .size w2n_eh_longjmp, . - w2n_eh_longjmp

  .section .note.GNU-stack,"",%progbits
