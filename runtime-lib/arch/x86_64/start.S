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

	.section .note.GNU-stack,"",@progbits
