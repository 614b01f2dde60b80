/* os/darwin/stack.S: the switch to the wasm stack on macOS, for x86_64 and arm64 (one file: the
 * build assembles it for each).
 *
 * int32_t w2n_darwin_call_on_stack(int32_t (*fn)(void), void *stack_top) calls fn on the given
 * 16-aligned stack and returns its result on the old one; the frame pointer chain is kept, so a
 * backtrace from wasm code reaches dyld's frame. Mach-O C symbols carry a leading underscore.
 */
	.text
	.globl _w2n_darwin_call_on_stack
	.p2align 4
_w2n_darwin_call_on_stack:
#if defined(__x86_64__)
	push %rbp
	mov %rsp, %rbp
	mov %rsi, %rsp
	call *%rdi
	mov %rbp, %rsp
	pop %rbp
	ret
#elif defined(__aarch64__)
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	mov sp, x1
	blr x0
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
#endif
