;; A mutual recursion a billion calls deep through return_call between functions of different types
;; (so that musttail with the C convention, which needs equal prototypes, would not do), then ten
;; million through return_call_indirect. Exit status 40 + (even(N) for N odd = 0) + 2 * (the indirect
;; chain's result, 1): 42. test/wasm3/tail-calls.test also compiles it with every return_call*
;; replaced by call*, which must exhaust the stack.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (type $t_even (func (param i64) (result i32)))
  (type $t_odd (func (param i64 f64) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $ieven $iodd)
  (func $even (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get $n) (i64.const 1)) (f64.const 1.5)))))
  (func $odd (param $n i64) (param $x f64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get $n) (i64.const 1))))))
  (func $ieven (param $n i64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_indirect (type $t_odd)
              (i64.sub (local.get $n) (i64.const 1)) (f64.const 2.5) (i32.const 1)))))
  (func $iodd (param $n i64) (param $x f64) (result i32)
    (if (result i32) (i64.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect (type $t_even)
              (i64.sub (local.get $n) (i64.const 1)) (i32.const 0)))))
  (func (export "_start")
    (call $exit
      (i32.add (i32.add (i32.const 40) (call $even (i64.const 1000000001)))
               (i32.mul (i32.const 2) (call $ieven (i64.const 10000000))))))
)
