;; Regression: falling off the end of a `loop` must continue after the loop, not branch back to its
;; header. The translator sent the fall-through edge to the loop header, so any loop whose exit is
;; the fall-through after a `br_if 0` (the common shape clang emits, e.g. dlmalloc's bin
;; initialisation in wasi-libc) never terminated and ran off the end of memory.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0 && %t0
;; RUN: %wasm2native -O2 %t.wasm -o %t2 && %t2
;; RUN: %clang-wasm %S/Inputs/malloc-loop.c -o %t.c.wasm
;; RUN: %wasm2native -O0 %t.c.wasm -o %t.c0 && %t.c0 | FileCheck %s
;; RUN: %wasm2native -O2 %t.c.wasm -o %t.c2 && %t.c2 | FileCheck %s
;; CHECK: ok 1
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  ;; Counts to 10 in a loop exited by falling through. The store traps if the loop runs on (page 1
  ;; ends at iteration 16), so a regression fails fast instead of hanging.
  (func $count (result i32)
    (local i32)
    (loop
      (i32.store (i32.mul (local.get 0) (i32.const 4096)) (local.get 0))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 0) (i32.const 10))))
    (local.get 0))
  ;; A loop with a result, left by falling through.
  (func $loop_result (result i32)
    (local i32)
    (loop (result i32)
      (local.set 0 (i32.add (local.get 0) (i32.const 3)))
      (br_if 0 (i32.lt_u (local.get 0) (i32.const 30)))
      (i32.mul (local.get 0) (i32.const 2))))
  ;; A loop with a parameter and a result: the parameter goes to the header, the result to the end.
  (func $loop_param (result i32)
    (local i32)
    (i32.const 1)
    (loop (param i32) (result i32)
      (i32.shl (i32.const 1))
      (local.tee 0)
      (local.get 0)
      (i32.const 1000)
      (i32.lt_u)
      (br_if 0)))
  ;; Nested loops, inner falling through into the outer.
  (func $nested (result i32)
    (local i32 i32 i32)
    (loop
      (local.set 1 (i32.const 0))
      (loop
        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if 0 (i32.lt_u (local.get 1) (i32.const 5))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 0) (i32.const 7))))
    (local.get 2))
  (func (export "_start")
    (if (i32.ne (call $count) (i32.const 10)) (then (call $exit (i32.const 1))))
    (if (i32.ne (call $loop_result) (i32.const 60)) (then (call $exit (i32.const 2))))
    (if (i32.ne (call $loop_param) (i32.const 1024)) (then (call $exit (i32.const 3))))
    (if (i32.ne (call $nested) (i32.const 35)) (then (call $exit (i32.const 4))))))
