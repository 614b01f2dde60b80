/* arch/riscv64/start.S: process entry, stack switch and signal-return trampoline for riscv64.
 *
 * The kernel enters _start with sp pointing at argc, followed by argv[], NULL, envp[], NULL, auxv.
 * _start passes that pointer to C (w2n_start_c) in a0 with zeroed frame pointer and return address
 * so unwinders stop here. gp is not set up: the runtime and generated code are linked without
 * gp-relative relaxation (lld's default). w2n_arch_call_on_stack runs the module on its own mmap'd stack.
 */
	.text
	.globl _start
	.type _start,@function
_start:
	li s0, 0
	li ra, 0
	mv a0, sp
	andi sp, sp, -16
	call w2n_start_c
	unimp
	.size _start, .-_start

/* int32_t w2n_arch_call_on_stack(int32_t (*fn)(void), void *stack_top): stack_top is 16-aligned. */
	.globl w2n_arch_call_on_stack
	.type w2n_arch_call_on_stack,@function
w2n_arch_call_on_stack:
	addi sp, sp, -16
	sd ra, 8(sp)
	sd s0, 0(sp)
	mv s0, sp
	mv sp, a1
	jalr a0
	mv sp, s0
	ld ra, 8(sp)
	ld s0, 0(sp)
	addi sp, sp, 16
	ret
	.size w2n_arch_call_on_stack, .-w2n_arch_call_on_stack

/* Not installed (riscv has no SA_RESTORER); kept so every architecture defines the same symbols. */
	.globl w2n_arch_restore_rt
	.type w2n_arch_restore_rt,@function
w2n_arch_restore_rt:
	li a7, 139	/* rt_sigreturn */
	ecall
	unimp
	.size w2n_arch_restore_rt, .-w2n_arch_restore_rt

/* long w2n_arch_clone(unsigned long flags, void *stack_top, int32_t *ctid, void (*fn)(void *), void *arg)
 * (src/thread.c): clone(flags, stack, NULL, tls 0, ctid (CLONE_BACKWARDS order)) with fn and arg stored at the new stack's top; the
 * child, on the new stack with no frame to return to, calls fn(arg) and then exits the thread alone
 * (exit, not exit_group). The parent returns the kernel's result. */
	.globl w2n_arch_clone
	.type w2n_arch_clone,%function
w2n_arch_clone:
	andi a1, a1, -16
	addi a1, a1, -16
	sd a3, 0(a1)		/* fn */
	sd a4, 8(a1)		/* arg */
	mv a4, a2		/* child_tid */
	li a2, 0		/* parent_tid */
	li a3, 0		/* tls */
	li a7, 220		/* clone */
	ecall
	bnez a0, 1f
	mv fp, zero
	mv ra, zero
	ld a1, 0(sp)
	ld a0, 8(sp)
	addi sp, sp, 16
	jalr a1
	li a0, 0
	li a7, 93		/* exit */
	ecall
	unimp
1:	ret
	.size w2n_arch_clone, .-w2n_arch_clone

	.section .note.GNU-stack,"",@progbits
