;; Calls whose arguments do not all fit in registers (the instance pointer is the first argument, so a
;; wasm function with 12 parameters passes several on the stack on every target), made while values
;; computed before them stay live across them, directly, through call_indirect and as tail calls that
;; need more stack arguments than their caller got. _start exits with 0 when every result is right,
;; else with the number of the first wrong check.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (type $many_t (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $many)
  (func $many (type $many_t)
    (i32.add (i32.mul (local.get 0) (i32.const 1000)) (i32.add (local.get 10) (local.get 11))))
  (func $mixed (param i64 f64 i32 i64 f64 i32 i64 f64 i32 i64 f64 i32) (result f64)
    (f64.add (f64.add (f64.convert_i64_s (local.get 9)) (local.get 10))
             (f64.add (f64.convert_i32_s (local.get 11)) (f64.convert_i64_s (local.get 0)))))
  ;; A tail call from a function of 1 parameter to one of 12: the callee needs more stack arguments
  ;; than its caller received.
  (func $grow (param $p i32) (result i32)
    (return_call $many (local.get $p) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
                       (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)))
  (func $direct (param $p i32) (result i32)
    (local $keep i32)
    (local.set $keep (i32.mul (local.get $p) (i32.const 3)))
    (drop (call $many (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
                      (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)))
    (drop (call $many (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
                      (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)))
    (i32.add (local.get $keep)
             (call $many (local.get $p) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
                         (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12))))
  (func $indirect (param $p i32) (result i32)
    (local $a i32) (local $b i32)
    (local.set $a (i32.add (local.get $p) (i32.const 5)))
    (local.set $b (call_indirect (type $many_t) (local.get $p) (i32.const 0) (i32.const 0) (i32.const 0)
                    (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
                    (i32.const 20) (local.get $a) (i32.const 0)))
    (i32.add (local.get $b) (i32.mul (local.get $a) (i32.const 7))))
  (func $mixed_caller (param $p i64) (result f64)
    (local $keep f64)
    (local.set $keep (f64.convert_i64_s (i64.mul (local.get $p) (i64.const 2))))
    (drop (call $mixed (local.get $p) (f64.const 1) (i32.const 2) (i64.const 3) (f64.const 4) (i32.const 5)
                       (i64.const 6) (f64.const 7) (i32.const 8) (i64.const 9) (f64.const 10.5) (i32.const 11)))
    (f64.add (local.get $keep)
             (call $mixed (local.get $p) (f64.const 1) (i32.const 2) (i64.const 3) (f64.const 4) (i32.const 5)
                          (i64.const 6) (f64.const 7) (i32.const 8) (i64.const 9) (f64.const 10.5) (i32.const 11))))
  (func (export "_start")
    ;; 30 + 10 * 1000 + 23
    (if (i32.ne (call $direct (i32.const 10)) (i32.const 10053)) (then (call $exit (i32.const 1))))
    ;; 7000 + 20 + 12 + 12 * 7
    (if (i32.ne (call $indirect (i32.const 7)) (i32.const 7116)) (then (call $exit (i32.const 2))))
    ;; 40 + (9 + 10.5 + 11 + 20)
    (if (f64.ne (call $mixed_caller (i64.const 20)) (f64.const 90.5)) (then (call $exit (i32.const 3))))
    (if (i32.ne (call $grow (i32.const 4)) (i32.const 4023)) (then (call $exit (i32.const 4))))
    (call $exit (i32.const 0))))
