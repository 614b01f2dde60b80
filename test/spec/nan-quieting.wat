;; Float results that are NaN must be quiet ("arithmetic NaNs"), even when an operand is a signaling
;; NaN. Regressions: llvm.minimum/maximum returned a signaling NaN operand unchanged (at -O0 and -O2),
;; and LLVM folded x * 1.0, x + -0.0, x - 0.0, x / 1.0, x * -1.0 and demote(promote x) to (-)x, which
;; keeps the NaN signaling. Each check traps with `unreachable` in the function that failed.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0 && %t0
;; RUN: %wasm2native -O2 %t.wasm -o %t2 && %t2
;; RUN: %wasm2native -O2 --target=armv7-linux --emit=obj %t.wasm -o %t.arm.o
(module
  (func $min32 (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func $max32 (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
  (func $min64 (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func $max64 (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func $mul_one (param f32) (result f32) (f32.mul (local.get 0) (f32.const 1)))
  (func $add_negzero (param f32) (result f32) (f32.add (local.get 0) (f32.const -0)))
  (func $sub_zero (param f64) (result f64) (f64.sub (local.get 0) (f64.const 0)))
  (func $div_one (param f64) (result f64) (f64.div (local.get 0) (f64.const 1)))
  (func $mul_negone (param f32) (result f32) (f32.mul (local.get 0) (f32.const -1)))
  (func $promote_demote (param f32) (result f32) (f32.demote_f64 (f64.promote_f32 (local.get 0))))

  ;; A NaN with the quiet bit set.
  (func $quiet32 (param f32)
    (if (i32.ne (i32.and (i32.reinterpret_f32 (local.get 0)) (i32.const 0x7fc00000))
                (i32.const 0x7fc00000))
      (then unreachable)))
  (func $quiet64 (param f64)
    (if (i64.ne (i64.and (i64.reinterpret_f64 (local.get 0)) (i64.const 0x7ff8000000000000))
                (i64.const 0x7ff8000000000000))
      (then unreachable)))
  (func $bits32 (param f32 i32)
    (if (i32.ne (i32.reinterpret_f32 (local.get 0)) (local.get 1)) (then unreachable)))
  (func $bits64 (param f64 i64)
    (if (i64.ne (i64.reinterpret_f64 (local.get 0)) (local.get 1)) (then unreachable)))

  (func $check_minmax
    (call $quiet32 (call $min32 (f32.const nan:0x200000) (f32.const 1)))
    (call $quiet32 (call $min32 (f32.const 1) (f32.const -nan:0x200000)))
    (call $quiet32 (call $max32 (f32.const nan:0x200000) (f32.const 1)))
    (call $quiet32 (call $max32 (f32.const -inf) (f32.const nan:0x1)))
    (call $quiet64 (call $min64 (f64.const nan:0x4000000000000) (f64.const 1)))
    (call $quiet64 (call $max64 (f64.const 1) (f64.const -nan:0x1)))
    ;; and the ordinary cases: -0 is below +0
    (call $bits32 (call $min32 (f32.const 0) (f32.const -0)) (i32.const 0x80000000))
    (call $bits32 (call $max32 (f32.const -0) (f32.const 0)) (i32.const 0))
    (call $bits64 (call $min64 (f64.const 0) (f64.const -0)) (i64.const 0x8000000000000000))
    (call $bits64 (call $max64 (f64.const -0) (f64.const 0)) (i64.const 0))
    (call $bits64 (call $min64 (f64.const -2) (f64.const 3)) (i64.reinterpret_f64 (f64.const -2)))
    (call $bits64 (call $max64 (f64.const -2) (f64.const 3)) (i64.reinterpret_f64 (f64.const 3)))
    (call $bits64 (call $max64 (f64.const -inf) (f64.const -inf)) (i64.reinterpret_f64 (f64.const -inf))))

  (func $check_identities
    (call $quiet32 (call $mul_one (f32.const nan:0x200000)))
    (call $quiet32 (call $add_negzero (f32.const -nan:0x1)))
    (call $quiet64 (call $sub_zero (f64.const nan:0x1)))
    (call $quiet64 (call $div_one (f64.const nan:0x4000000000000)))
    (call $quiet32 (call $mul_negone (f32.const nan:0x200000)))
    (call $quiet32 (call $promote_demote (f32.const nan:0x200000)))
    ;; ordinary values are unchanged
    (call $bits32 (call $mul_one (f32.const -0)) (i32.const 0x80000000))
    (call $bits32 (call $add_negzero (f32.const 0)) (i32.const 0))
    (call $bits32 (call $mul_negone (f32.const 2)) (i32.reinterpret_f32 (f32.const -2))))

  (func (export "_start")
    (call $check_minmax)
    (call $check_identities)))
