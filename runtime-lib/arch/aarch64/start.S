/* arch/aarch64/start.S: process entry, stack switch and signal-return trampoline for aarch64.
 *
 * The kernel enters _start with sp pointing at argc, followed by argv[], NULL, envp[], NULL, auxv.
 * _start passes that pointer to C (w2n_start_c) in x0 with zeroed frame pointer and link register
 * so unwinders stop here. w2n_arch_call_on_stack runs the module on its own mmap'd stack.
 */
	.text
	.globl _start
	.type _start,%function
_start:
	mov x29, #0
	mov x30, #0
	mov x0, sp
	and x1, x0, #-16
	mov sp, x1
	bl w2n_start_c
	brk #0
	.size _start, .-_start

/* int32_t w2n_arch_call_on_stack(int32_t (*fn)(void), void *stack_top): stack_top is 16-aligned. */
	.globl w2n_arch_call_on_stack
	.type w2n_arch_call_on_stack,%function
w2n_arch_call_on_stack:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	mov sp, x1
	blr x0
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
	.size w2n_arch_call_on_stack, .-w2n_arch_call_on_stack

	.globl w2n_arch_restore_rt
	.type w2n_arch_restore_rt,%function
w2n_arch_restore_rt:
	mov x8, #139	/* rt_sigreturn */
	svc #0
	brk #0
	.size w2n_arch_restore_rt, .-w2n_arch_restore_rt

	.section .note.GNU-stack,"",%progbits
