/* arch/armv7/start.S: process entry, stack switch and signal-return trampoline for 32-bit ARM (ARM state).
 *
 * The kernel enters _start with sp pointing at argc, followed by argv[], NULL, envp[], NULL, auxv.
 * _start passes that pointer to C (w2n_start_c) in r0 with a zeroed frame pointer and link register
 * so unwinders stop here, and aligns sp to 8 as AAPCS requires (we use 16). w2n_arch_call_on_stack
 * runs the module on its own mmap'd stack.
 */
	.syntax unified
	.arm
	.text
	.globl _start
	.type _start,%function
	.p2align 2
_start:
	mov fp, #0
	mov lr, #0
	mov r0, sp
	bic r1, r0, #15
	mov sp, r1
	bl w2n_start_c
	udf #0
	.size _start, .-_start

/* int32_t w2n_arch_call_on_stack(int32_t (*fn)(void), void *stack_top): stack_top is 16-aligned. */
	.globl w2n_arch_call_on_stack
	.type w2n_arch_call_on_stack,%function
	.p2align 2
w2n_arch_call_on_stack:
	push {r4, lr}
	mov r4, sp
	mov sp, r1
	blx r0
	mov sp, r4
	pop {r4, pc}
	.size w2n_arch_call_on_stack, .-w2n_arch_call_on_stack

	.globl w2n_arch_restore_rt
	.type w2n_arch_restore_rt,%function
	.p2align 2
w2n_arch_restore_rt:
	mov r7, #173	/* rt_sigreturn */
	svc #0
	udf #0
	.size w2n_arch_restore_rt, .-w2n_arch_restore_rt

/* long w2n_arch_clone(unsigned long flags, void *stack_top, int32_t *ctid, void (*fn)(void *), void *arg)
 * (src/thread.c): clone(flags, stack, NULL, tls 0, ctid (CLONE_BACKWARDS order)) with fn and arg stored at the new stack's top; the
 * child, on the new stack with no frame to return to, calls fn(arg) and then exits the thread alone
 * (exit, not exit_group). The parent returns the kernel's result. */
	.globl w2n_arch_clone
	.type w2n_arch_clone,%function
	.p2align 2
w2n_arch_clone:
	push {r4, r7}
	ldr r4, [sp, #8]	/* arg: the fifth argument, on the caller's stack */
	bic r1, r1, #15
	sub r1, r1, #16
	str r3, [r1]		/* fn */
	str r4, [r1, #4]	/* arg */
	mov r4, r2		/* child_tid */
	mov r2, #0		/* parent_tid */
	mov r3, #0		/* tls */
	mov r7, #120		/* clone */
	svc #0
	cmp r0, #0
	bne 1f
	mov fp, #0
	mov lr, #0
	ldr r3, [sp]
	ldr r0, [sp, #4]
	add sp, sp, #16
	blx r3
	mov r0, #0
	mov r7, #1		/* exit */
	svc #0
	udf #0
1:	pop {r4, r7}
	bx lr
	.size w2n_arch_clone, .-w2n_arch_clone

	.section .note.GNU-stack,"",%progbits
