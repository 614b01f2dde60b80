;; wasi-threads: a trap or proc_exit in a spawned thread ends the whole process (exit_group), while
;; the main thread blocks forever in memory.atomic.wait32; faults in a thread (out of bounds, stack
;; overflow) are reported from its own signal stack; an atomic access at an unaligned address traps
;; in a thread as in the main thread; and a thread's stack limit is found from its stack pointer
;; (stack exhaustion is the explicit check's trap, in the thread and in the main thread).
;; `run N` spawns a thread with start_arg N and waits; the thread's instance has its own globals
;; (the tid and start_arg it stores are its own, checked by `tids`).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native -O2 %t.wasm -o %t
;; RUN: python3 %root/test/wasi/Inputs/status.py 134 %t --invoke=run 1
;; RUN: not %t --invoke=run 1 2>&1 | FileCheck %s --check-prefix=UNREACHABLE
;; RUN: not %t --invoke=run 2 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %t --invoke=run 3 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %t --invoke=run 4 2>&1 | FileCheck %s --check-prefix=STACK
;; RUN: python3 %root/test/wasi/Inputs/status.py 7 %t --invoke=run 5
;; RUN: not %t --invoke=recurse 2>&1 | FileCheck %s --check-prefix=MAINSTACK
;; RUN: %t --invoke=tids | FileCheck %s --check-prefix=TIDS
;; RUN: %wasm2native -O0 %t.wasm -o %t0
;; RUN: not %t0 --invoke=run 4 2>&1 | FileCheck %s --check-prefix=STACK
;; RUN: not %t0 --invoke=run 2 2>&1 | FileCheck %s --check-prefix=OOB
;; UNREACHABLE: wasm trap: unreachable
;; UNREACHABLE-NEXT: in function {{(thread_body|thread_start)}}
;; OOB: wasm trap: out of bounds memory access
;; OOB-NEXT: in function {{(thread_body|thread_start)}}
;; UNALIGNED: wasm trap: unaligned atomic
;; STACK: wasm trap: call stack exhausted
;; STACK-NEXT: in function deep
;; MAINSTACK: wasm trap: call stack exhausted
;; MAINSTACK-NEXT: in function deep
;; TIDS: 3
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1 1 shared)
  (global $my_tid (mut i32) (i32.const 0))
  (global $my_arg (mut i32) (i32.const 0))

  (func $deep (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))

  (func $thread_body (param $arg i32)
    (if (i32.eq (local.get $arg) (i32.const 1)) (then unreachable))
    (if (i32.eq (local.get $arg) (i32.const 2))
      (then (drop (i32.load (i32.const 0x10000)))))
    (if (i32.eq (local.get $arg) (i32.const 3))
      (then (drop (i32.atomic.load (i32.const 2)))))
    (if (i32.eq (local.get $arg) (i32.const 4))
      (then (drop (call $deep (i32.const 0)))))
    (if (i32.eq (local.get $arg) (i32.const 5))
      (then (call $exit (i32.const 7)))))

  (func $thread_start (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (global.set $my_tid (local.get $tid))
    (global.set $my_arg (local.get $arg))
    (if (i32.ge_u (local.get $arg) (i32.const 100))
      (then
        ;; `tids`: record this instance's own globals at 64 + 4 * (arg - 100), then count done.
        (i32.store (i32.add (i32.const 64) (i32.shl (i32.sub (local.get $arg) (i32.const 100)) (i32.const 2)))
                   (i32.add (i32.mul (global.get $my_tid) (i32.const 1000)) (global.get $my_arg)))
        (drop (i32.atomic.rmw.add (i32.const 32) (i32.const 1)))
        (drop (memory.atomic.notify (i32.const 32) (i32.const 1)))
        (return)))
    (call $thread_body (global.get $my_arg)))

  (func (export "run") (param $arg i32)
    (if (i32.le_s (call $spawn (local.get $arg)) (i32.const 0)) (then unreachable))
    ;; Blocks until the process ends: nobody notifies address 0.
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
    unreachable)

  (func (export "recurse") (result i32) (call $deep (i32.const 0)))

  ;; Three threads; each instance's globals hold its own tid and start_arg, and the main instance's
  ;; stay 0. Returns the number of threads whose record is tid * 1000 + arg with distinct tids > 0.
  (func (export "tids") (result i32)
    (local $i i32) (local $ok i32) (local $v i32)
    (drop (call $spawn (i32.const 100)))
    (drop (call $spawn (i32.const 101)))
    (drop (call $spawn (i32.const 102)))
    (block $done
      (loop $wait
        (local.set $v (i32.atomic.load (i32.const 32)))
        (br_if $done (i32.eq (local.get $v) (i32.const 3)))
        (drop (memory.atomic.wait32 (i32.const 32) (local.get $v) (i64.const 1000000000)))
        (br $wait)))
    (if (i32.or (global.get $my_tid) (global.get $my_arg)) (then unreachable))
    (loop $check
      (local.set $v (i32.load (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 2)))))
      (if (i32.and (i32.eq (i32.rem_u (local.get $v) (i32.const 1000)) (i32.add (i32.const 100) (local.get $i)))
                   (i32.gt_u (local.get $v) (i32.const 1000)))
        (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $check (i32.lt_u (local.get $i) (i32.const 3))))
    (local.get $ok))
)
