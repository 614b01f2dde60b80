/* arch/x86_64/eh.S: the register save and restore of wasm exception handling (w2n_abi.h).
 *
 * w2n_eh_setjmp(frame) saves what the SysV ABI says a call preserves (rbx, rbp, r12-r15), the stack
 * pointer as it will be after the return, and the return address; it returns 0. w2n_eh_longjmp(frame)
 * restores them and "returns" 1 from that w2n_eh_setjmp. No signal mask, no floating-point control
 * word: wasm code never changes either. The frame's regs[] has room for 32 slots; 8 are used.
 * macOS assembles this file too (os/darwin/eh.S): the labels come from arch/generic/asm.h.
 */
#include "../generic/asm.h"

  .text
W2N_FUNCTION w2n_eh_setjmp
  movq %rbx, 0(%rdi)
  movq %rbp, 8(%rdi)
  movq %r12, 16(%rdi)
  movq %r13, 24(%rdi)
  movq %r14, 32(%rdi)
  movq %r15, 40(%rdi)
  leaq 8(%rsp), %rdx
  movq %rdx, 48(%rdi)
  movq (%rsp), %rdx
  movq %rdx, 56(%rdi)
  xorl %eax, %eax
  ret
W2N_END w2n_eh_setjmp

W2N_FUNCTION w2n_eh_longjmp
  movq 0(%rdi), %rbx
  movq 8(%rdi), %rbp
  movq 16(%rdi), %r12
  movq 24(%rdi), %r13
  movq 32(%rdi), %r14
  movq 40(%rdi), %r15
  movq 48(%rdi), %rsp
  movl $1, %eax
  jmpq *56(%rdi)
W2N_END w2n_eh_longjmp

#ifndef __APPLE__
  .section .note.GNU-stack,"",@progbits
#endif
