# thread_start.s: wasi_thread_start(tid, start_arg) for contend.c (as wasi-libc's, which Debian lacks):
# the start argument's first word is the new thread's C stack top, which goes into this instance's
# __stack_pointer before any C code runs; then thread_entry(tid, start_arg).
	.globaltype	__stack_pointer, i32
	.functype	thread_entry (i32, i32) -> ()
	.section	.text.wasi_thread_start,"",@
	.globl	wasi_thread_start
	.export_name	wasi_thread_start, wasi_thread_start
	.type	wasi_thread_start,@function
wasi_thread_start:
	.functype	wasi_thread_start (i32, i32) -> ()
	local.get	1
	i32.load	0
	global.set	__stack_pointer
	local.get	0
	local.get	1
	call	thread_entry
	end_function
