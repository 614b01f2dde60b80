;; reentry.wat: for faults.c: calls into the host, which may call back in or fail.
(module
  (import "host" "callback" (func $callback (param i32) (result i32)))
  (memory (export "mem") 1)
  (func (export "call_host") (param i32) (result i32) (call $callback (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  ;; the value is unused: the access must still trap
  (func (export "dead_load") (param i32) (drop (i32.load offset=8 (local.get 0))))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))
