/* os/windows/eh.S: the register save and restore of wasm exception handling on x86_64 Windows
 * (w2n_abi.h, docs/exceptions.md; arch/x86_64/eh.S is the System V one).
 *
 * w2n_eh_setjmp(frame) (RCX) saves what the Win64 ABI says a call preserves: rbx, rbp, rdi, rsi,
 * r12-r15 and xmm6-xmm15, the stack pointer as it will be after the return, and the return address;
 * it returns 0. w2n_eh_longjmp(frame) restores them and "returns" 1 from that w2n_eh_setjmp. The
 * frame's regs[] (32 slots of 8 bytes) holds the 10 general registers at 0-79 and the 10 xmm
 * registers at 80-239 (unaligned moves: the frame is only 8-byte aligned).
 */
	.text
	.globl w2n_eh_setjmp
	.def w2n_eh_setjmp; .scl 2; .type 32; .endef
w2n_eh_setjmp:
	movq %rbx, 0(%rcx)
	movq %rbp, 8(%rcx)
	movq %rdi, 16(%rcx)
	movq %rsi, 24(%rcx)
	movq %r12, 32(%rcx)
	movq %r13, 40(%rcx)
	movq %r14, 48(%rcx)
	movq %r15, 56(%rcx)
	leaq 8(%rsp), %rdx
	movq %rdx, 64(%rcx)
	movq (%rsp), %rdx
	movq %rdx, 72(%rcx)
	movdqu %xmm6, 80(%rcx)
	movdqu %xmm7, 96(%rcx)
	movdqu %xmm8, 112(%rcx)
	movdqu %xmm9, 128(%rcx)
	movdqu %xmm10, 144(%rcx)
	movdqu %xmm11, 160(%rcx)
	movdqu %xmm12, 176(%rcx)
	movdqu %xmm13, 192(%rcx)
	movdqu %xmm14, 208(%rcx)
	movdqu %xmm15, 224(%rcx)
	xorl %eax, %eax
	ret

	.globl w2n_eh_longjmp
	.def w2n_eh_longjmp; .scl 2; .type 32; .endef
w2n_eh_longjmp:
	movq 0(%rcx), %rbx
	movq 8(%rcx), %rbp
	movq 16(%rcx), %rdi
	movq 24(%rcx), %rsi
	movq 32(%rcx), %r12
	movq 40(%rcx), %r13
	movq 48(%rcx), %r14
	movq 56(%rcx), %r15
	movdqu 80(%rcx), %xmm6
	movdqu 96(%rcx), %xmm7
	movdqu 112(%rcx), %xmm8
	movdqu 128(%rcx), %xmm9
	movdqu 144(%rcx), %xmm10
	movdqu 160(%rcx), %xmm11
	movdqu 176(%rcx), %xmm12
	movdqu 192(%rcx), %xmm13
	movdqu 208(%rcx), %xmm14
	movdqu 224(%rcx), %xmm15
	movq 64(%rcx), %rsp
	movl $1, %eax
	jmpq *72(%rcx)
