;; ceil, floor and trunc of signaling NaNs (positive and negative, f32 and f64, scalar and v128 lanes)
;; must return quiet NaNs (the spec's nan:arithmetic). The operands are loaded from memory so that
;; nothing is constant-folded and the target's own rounding sequence runs. Each check is a function
;; named after what it tests and hits `unreachable` on a wrong result; all pass: "rounding ok".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "\00\00\a0\7f" "\00\00\a0\ff")                                 ;; f32 sNaNs
  (data (i32.const 8) "\00\00\00\00\00\00\f4\7f" "\00\00\00\00\00\00\f4\ff")         ;; f64 sNaNs
  (data (i32.const 32) "\00\00\a0\7f\00\00\a0\ff\00\00\a0\7f\00\00\c0\3f")          ;; f32x4 [sNaN,-sNaN,sNaN,1.5]
  (data (i32.const 48) "\00\00\00\00\00\00\f4\ff" "\00\00\00\00\00\00\f8\3f")        ;; f64x2 [-sNaN,1.5]
  (data (i32.const 200) "rounding ok\n")
  (func $quiet32 (param $x f32) (result i32)
    (i32.eq (i32.and (i32.reinterpret_f32 (local.get $x)) (i32.const 0x7fc00000)) (i32.const 0x7fc00000)))
  (func $quiet64 (param $x f64) (result i32)
    (i64.eq (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0x7ff8000000000000))
            (i64.const 0x7ff8000000000000)))
  (func $f32_scalar (param $a i32)
    (if (i32.eqz (call $quiet32 (f32.ceil (f32.load (local.get $a))))) (then unreachable))
    (if (i32.eqz (call $quiet32 (f32.floor (f32.load (local.get $a))))) (then unreachable))
    (if (i32.eqz (call $quiet32 (f32.trunc (f32.load (local.get $a))))) (then unreachable)))
  (func $f64_scalar (param $a i32)
    (if (i32.eqz (call $quiet64 (f64.ceil (f64.load (local.get $a))))) (then unreachable))
    (if (i32.eqz (call $quiet64 (f64.floor (f64.load (local.get $a))))) (then unreachable))
    (if (i32.eqz (call $quiet64 (f64.trunc (f64.load (local.get $a))))) (then unreachable)))
  ;; lanes 0-2 quiet NaNs, lane 3 rounded normally (ceil 2, floor 1, trunc 1)
  (func $f32x4_lanes (param $v v128) (param $last f32) (result i32)
    (i32.and (i32.and (call $quiet32 (f32x4.extract_lane 0 (local.get $v)))
                      (call $quiet32 (f32x4.extract_lane 1 (local.get $v))))
             (i32.and (call $quiet32 (f32x4.extract_lane 2 (local.get $v)))
                      (f32.eq (f32x4.extract_lane 3 (local.get $v)) (local.get $last)))))
  (func $f32x4_simd
    (if (i32.eqz (call $f32x4_lanes (f32x4.ceil (v128.load (i32.const 32))) (f32.const 2))) (then unreachable))
    (if (i32.eqz (call $f32x4_lanes (f32x4.floor (v128.load (i32.const 32))) (f32.const 1))) (then unreachable))
    (if (i32.eqz (call $f32x4_lanes (f32x4.trunc (v128.load (i32.const 32))) (f32.const 1))) (then unreachable)))
  (func $f64x2_lanes (param $v v128) (param $last f64) (result i32)
    (i32.and (call $quiet64 (f64x2.extract_lane 0 (local.get $v)))
             (f64.eq (f64x2.extract_lane 1 (local.get $v)) (local.get $last))))
  (func $f64x2_simd
    (if (i32.eqz (call $f64x2_lanes (f64x2.ceil (v128.load (i32.const 48))) (f64.const 2))) (then unreachable))
    (if (i32.eqz (call $f64x2_lanes (f64x2.floor (v128.load (i32.const 48))) (f64.const 1))) (then unreachable))
    (if (i32.eqz (call $f64x2_lanes (f64x2.trunc (v128.load (i32.const 48))) (f64.const 1))) (then unreachable)))
  (func $_start (export "_start")
    (call $f32_scalar (i32.const 0))
    (call $f32_scalar (i32.const 4))
    (call $f64_scalar (i32.const 8))
    (call $f64_scalar (i32.const 16))
    (call $f32x4_simd)
    (call $f64x2_simd)
    (i32.store (i32.const 100) (i32.const 200))
    (i32.store (i32.const 104) (i32.const 12))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))))
