;; A chain of tail calls through .tail bodies and the argument area on armv7 and riscv64 ($f and $g
;; differ in type) that ends with return_call_indirect of an imported function (proc_exit, element 0
;; of the table): a descriptor without a .tail body, reached through the ordinary-call thunk
;; (docs/tail-calls.md). $g reaches $f through the table too (element 1: the in-instance lookup).
;; 10^6 steps, then exit status 42.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (type $v (func (param i32)))
  (type $w (func (param i64 i32)))
  (table 2 funcref)
  (elem (i32.const 0) $exit $f)
  (func $f (type $v)
    (if (i32.eqz (local.get 0))
      (then (return_call_indirect (type $v) (i32.const 42) (i32.const 0))))
    (return_call $g (i64.const 7) (i32.sub (local.get 0) (i32.const 1))))
  (func $g (type $w)
    (if (i64.ne (local.get 0) (i64.const 7)) (then unreachable))
    (return_call_indirect (type $v) (local.get 1) (i32.const 1)))
  (func (export "_start") (call $f (i32.const 1000000)) (call $exit (i32.const 1)))
)
