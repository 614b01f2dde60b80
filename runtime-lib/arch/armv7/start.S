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

	.section .note.GNU-stack,"",%progbits
