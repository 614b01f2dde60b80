;; Extended constant expressions: globals computed from earlier immutable globals with i32/i64 add,
;; sub and mul (wrapping), and data and element offsets computed the same way. _start exits with the
;; number of the first check that fails, or 0.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (global $base i32 (i32.const 1000))
  (global $scaled i32 (i32.mul (global.get $base) (i32.const 3)))           ;; 3000
  (global $off i32 (i32.sub (i32.add (global.get $scaled) (i32.const 50)) (global.get $base))) ;; 2050
  (global $wrap i32 (i32.add (i32.const 0x7fffffff) (i32.const 2)))         ;; -2147483647
  (global $big i64 (i64.mul (i64.const 0x100000000) (i64.const 0x100000001))) ;; 0x100000000 (wraps)
  (global $mixed i64 (i64.sub (global.get $big) (i64.const 1)))              ;; 0xffffffff
  (global $mut (mut i32) (i32.add (global.get $off) (i32.const 1)))          ;; 2051
  (table 10 funcref)
  (data (i32.add (global.get $off) (i32.const 4)) "\2a")                    ;; byte 42 at 2054
  (elem (i32.sub (global.get $base) (i32.const 997)) $f)                    ;; table[3]
  (type $v (func (result i32)))
  (func $f (result i32) (i32.const 17))
  (func $check (param i32 i32)
    (if (i32.eqz (local.get 0)) (then (call $exit (local.get 1)))))
  (func (export "_start")
    (call $check (i32.eq (global.get $scaled) (i32.const 3000)) (i32.const 1))
    (call $check (i32.eq (global.get $off) (i32.const 2050)) (i32.const 2))
    (call $check (i32.eq (global.get $wrap) (i32.const -2147483647)) (i32.const 3))
    (call $check (i64.eq (global.get $big) (i64.const 0x100000000)) (i32.const 4))
    (call $check (i64.eq (global.get $mixed) (i64.const 0xffffffff)) (i32.const 5))
    (call $check (i32.eq (global.get $mut) (i32.const 2051)) (i32.const 6))
    (call $check (i32.eq (i32.load8_u (i32.const 2054)) (i32.const 42)) (i32.const 7))
    (call $check (i32.eq (call_indirect (type $v) (i32.const 3)) (i32.const 17)) (i32.const 8))
    (call $exit (i32.const 0)))
)
