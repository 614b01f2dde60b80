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

/* long w2n_arch_clone(unsigned long flags, void *stack_top, int32_t *ctid, void (*fn)(void *), void *arg)
 * (src/thread.c): clone(flags, stack, NULL, tls 0, ctid (CLONE_BACKWARDS order)) with fn and arg stored at the new stack's top; the
 * child, on the new stack with no frame to return to, calls fn(arg) and then exits the thread alone
 * (exit, not exit_group). The parent returns the kernel's result. */
	.globl w2n_arch_clone
	.type w2n_arch_clone,%function
w2n_arch_clone:
	and x1, x1, #-16
	stp x3, x4, [x1, #-16]!	/* fn, arg */
	mov x4, x2		/* child_tid */
	mov x2, #0		/* parent_tid */
	mov x3, #0		/* tls */
	mov x8, #220		/* clone */
	svc #0
	cbnz x0, 1f
	mov x29, #0
	mov x30, #0
	ldp x3, x0, [sp], #16
	blr x3
	mov x0, #0
	mov x8, #93		/* exit */
	svc #0
	brk #0
1:	ret
	.size w2n_arch_clone, .-w2n_arch_clone

	.section .note.GNU-stack,"",%progbits
