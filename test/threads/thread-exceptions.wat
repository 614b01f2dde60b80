;; Exceptions in several threads at once (wasi-threads): four spawned threads and the main thread each
;; throw and catch 100,000 exceptions through try frames of their own (a legacy try that rethrows, one
;; that catches), so each thread needs its own handler chain (the head lives in the thread block at
;; the top of each wasm stack, found from the stack pointer: w2n_abi.h) and its own exception
;; allocator; a shared head sends one thread's throw into another's frame. The sum of the five sums
;; must be exact. An exception that escapes a thread ends the process like a trap.
;; RUN: %wat2wasm --enable-all --debug-names %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0
;; RUN: %t0 --invoke=run | FileCheck %s
;; RUN: %wasm2native -O2 %t.wasm -o %t2
;; RUN: %t2 --invoke=run | FileCheck %s
;; RUN: python3 %root/test/wasi/Inputs/status.py 134 %t2 --invoke=uncaught
;; RUN: not %t2 --invoke=uncaught 2>&1 | FileCheck %s --check-prefix=UNCAUGHT
;; CHECK: 99999500000
;; UNCAUGHT: wasm trap: uncaught exception
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (memory 1 1 shared)
  (tag $e (param i64))
  ;; Throws i through two frames when i is odd, returns it when even.
  (func $inner (param $i i64) (result i64)
    (if (i64.eq (i64.and (local.get $i) (i64.const 1)) (i64.const 1))
      (then (throw $e (local.get $i))))
    (local.get $i))
  (func $middle (param $i i64) (result i64)
    (local $r i64)
    ;; A try that catches nothing of its own: the throw passes through its frame.
    (try (do (local.set $r (call $inner (local.get $i))))
         (catch_all (rethrow 0)))
    (local.get $r))
  ;; Sums 0..n-1, every odd value arriving as a caught exception.
  (func $work (param $n i64) (result i64)
    (local $i i64) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (try
          (do (local.set $sum (i64.add (local.get $sum) (call $middle (local.get $i)))))
          (catch $e (local.set $sum (i64.add (local.get $sum)))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))
    (local.get $sum))
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (if (i32.eq (local.get $arg) (i32.const 9)) (then (throw $e (i64.const 9))))
    ;; memory[8 * arg] = work(200000); then one more done.
    (i64.atomic.store (i32.shl (local.get $arg) (i32.const 3)) (call $work (i64.const 200000)))
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  ;; Four threads and the main thread throw and catch at once; returns the sum of all five sums.
  (func (export "run") (result i64)
    (local $k i32) (local $total i64) (local $seen i32)
    (local.set $k (i32.const 1))
    (loop $spawn_more
      (drop (call $spawn (local.get $k)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $spawn_more (i32.le_u (local.get $k) (i32.const 4))))
    (local.set $total (call $work (i64.const 200000)))
    (block $all
      (loop $wait
        (local.set $seen (i32.atomic.load (i32.const 0)))
        (br_if $all (i32.eq (local.get $seen) (i32.const 4)))
        (drop (memory.atomic.wait32 (i32.const 0) (local.get $seen) (i64.const -1)))
        (br $wait)))
    (local.set $k (i32.const 1))
    (loop $add
      (local.set $total (i64.add (local.get $total) (i64.atomic.load (i32.shl (local.get $k) (i32.const 3)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $add (i32.le_u (local.get $k) (i32.const 4))))
    (local.get $total))
  ;; A thread whose exception nobody catches ends the process like a trap.
  (func (export "uncaught") (result i32)
    (drop (call $spawn (i32.const 9)))
    (drop (memory.atomic.wait32 (i32.const 4) (i32.const 0) (i64.const -1)))
    (i32.const 0)))
