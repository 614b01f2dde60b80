/* os/windows/stack.S: __chkstk and the switch to the wasm stack, for x86_64 Windows.
 *
 * clang targeting x86_64-windows-msvc calls __chkstk (RAX = the frame size) before a function lowers
 * its stack pointer by 4 KiB or more; it must change no register but R10, R11 and flags. Windows grows
 * a thread's stack one guard page at a time, so each page is touched in order from the top; on the
 * wasm stack (committed whole, an inaccessible guard below it, os/windows/start.c) the probes make a
 * big frame that overflows fault in the guard while RSP is still above it, so the exception can be
 * delivered on that stack and reported as "call stack exhausted" (exceptions.c).
 *
 * w2n_windows_call_on_stack(fn, stack_top) (RCX, RDX) calls fn on the given 16-aligned stack with the
 * 32-byte shadow area the Win64 ABI gives every callee, and returns its int32 result on the old stack.
 */
	.text
	.globl __chkstk
	.def __chkstk; .scl 2; .type 32; .endef
__chkstk:
	push %rcx
	push %rax
	lea 24(%rsp), %rcx	/* RSP at the call site */
	cmp $0x1000, %rax
	jb 2f
1:	sub $0x1000, %rcx
	test %rcx, (%rcx)	/* touch one page */
	sub $0x1000, %rax
	cmp $0x1000, %rax
	ja 1b
2:	sub %rax, %rcx
	test %rcx, (%rcx)	/* the last, partial page */
	pop %rax
	pop %rcx
	ret

	.globl w2n_windows_call_on_stack
	.def w2n_windows_call_on_stack; .scl 2; .type 32; .endef
w2n_windows_call_on_stack:
	push %rbp
	mov %rsp, %rbp
	mov %rdx, %rsp
	sub $32, %rsp
	call *%rcx
	mov %rbp, %rsp
	pop %rbp
	ret
