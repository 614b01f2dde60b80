/* arch/armv7/aeabi_ldivmod.S: the run-time ABI's 64-bit division helpers, which return four words
 * (quotient in r0:r1, remainder in r2:r3) and so cannot be written in C. They call the C routines
 * __udivmoddi4 / __divmoddi4 (builtins.c) with a pointer to a stack slot for the remainder.
 * Division by zero returns 0 (generated code checks the divisor before dividing).
 */
	.syntax unified
	.arm
	.text

/* struct { uint64_t quot, rem; } __aeabi_uldivmod(uint64_t n, uint64_t d) */
	.globl __aeabi_uldivmod
	.type __aeabi_uldivmod,%function
	.p2align 2
__aeabi_uldivmod:
	push {r6, lr}
	sub sp, sp, #16
	add r6, sp, #8
	str r6, [sp]		/* third argument (uint64_t *rem) goes on the stack */
	bl __udivmoddi4
	ldr r2, [sp, #8]
	ldr r3, [sp, #12]
	add sp, sp, #16
	pop {r6, pc}
	.size __aeabi_uldivmod, .-__aeabi_uldivmod

/* struct { int64_t quot, rem; } __aeabi_ldivmod(int64_t n, int64_t d) */
	.globl __aeabi_ldivmod
	.type __aeabi_ldivmod,%function
	.p2align 2
__aeabi_ldivmod:
	push {r6, lr}
	sub sp, sp, #16
	add r6, sp, #8
	str r6, [sp]
	bl __divmoddi4
	ldr r2, [sp, #8]
	ldr r3, [sp, #12]
	add sp, sp, #16
	pop {r6, pc}
	.size __aeabi_ldivmod, .-__aeabi_ldivmod

	.section .note.GNU-stack,"",%progbits
