/* arch/x86_64/start.S: process entry, stack switch and signal-return trampoline for x86_64.
 *
 * The kernel enters _start with rsp pointing at argc, followed by argv[], NULL, envp[], NULL, auxv.
 * _start hands that pointer to C (w2n_start_c) with a 16-byte aligned stack and a zero frame
 * pointer so backtraces end here. w2n_arch_call_on_stack runs the wasm module on its own mmap'd
 * stack; w2n_arch_restore_rt is the sa_restorer the x86_64 kernel requires for signal handlers.
 */
	.text
	.globl _start
	.type _start,@function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call w2n_start_c
	hlt
	.size _start, .-_start

/* int32_t w2n_arch_call_on_stack(int32_t (*fn)(void), void *stack_top): stack_top is 16-aligned. */
	.globl w2n_arch_call_on_stack
	.type w2n_arch_call_on_stack,@function
w2n_arch_call_on_stack:
	push %rbp
	mov %rsp, %rbp
	mov %rsi, %rsp
	call *%rdi
	mov %rbp, %rsp
	pop %rbp
	ret
	.size w2n_arch_call_on_stack, .-w2n_arch_call_on_stack

	.globl w2n_arch_restore_rt
	.type w2n_arch_restore_rt,@function
w2n_arch_restore_rt:
	mov $15, %eax	/* rt_sigreturn */
	syscall
	hlt
	.size w2n_arch_restore_rt, .-w2n_arch_restore_rt

/* long w2n_arch_clone(unsigned long flags, void *stack_top, int32_t *ctid, void (*fn)(void *), void *arg)
 * (src/thread.c): clone(flags, stack, NULL, ctid, tls 0 (x86-64 order)) with fn and arg stored at the new stack's top; the
 * child, on the new stack with no frame to return to, calls fn(arg) and then exits the thread alone
 * (exit, not exit_group). The parent returns the kernel's result. */
	.globl w2n_arch_clone
	.type w2n_arch_clone,@function
w2n_arch_clone:
	and $-16, %rsi
	sub $16, %rsi
	mov %rcx, 0(%rsi)	/* fn */
	mov %r8, 8(%rsi)	/* arg */
	mov %rdx, %r10		/* child_tid */
	xor %edx, %edx		/* parent_tid */
	xor %r8d, %r8d		/* tls */
	mov $56, %eax		/* clone */
	syscall
	test %rax, %rax
	jnz 1f
	xor %ebp, %ebp
	pop %rax
	pop %rdi
	call *%rax
	xor %edi, %edi
	mov $60, %eax		/* exit */
	syscall
	hlt
1:	ret
	.size w2n_arch_clone, .-w2n_arch_clone

	.section .note.GNU-stack,"",@progbits
