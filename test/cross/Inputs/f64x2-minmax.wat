;; f64x2.min / f64x2.max lane by lane: ordered lanes, -0 against +0 (min gives -0, max +0), a NaN lane
;; (the result is a quiet NaN, also from a signaling input) next to an ordered one, in either lane. Operands come from
;; memory so no constant folding hides the code generated for the target. Exits through `unreachable`
;; in a function named for the failed check, or prints "f64x2 min/max ok".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0)  "\00\00\00\00\00\00\f0\3f" "\00\00\00\00\00\00\00\80")  ;; a = [1.0, -0.0]
  (data (i32.const 16) "\00\00\00\00\00\00\00\40" "\00\00\00\00\00\00\00\00")  ;; b = [2.0, +0.0]
  (data (i32.const 32) "\01\00\00\00\00\00\f0\7f" "\00\00\00\00\00\00\08\c0")  ;; c = [sNaN, -3.0]
  (data (i32.const 48) "\00\00\00\00\00\00\f0\3f" "\00\00\00\00\00\00\f8\7f")  ;; d = [1.0, qNaN]
  (data (i32.const 200) "f64x2 min/max ok\n")
  (func $lanes (param $v v128) (param $lo i64) (param $hi i64) (result i32)
    (i32.and (i64.eq (i64x2.extract_lane 0 (local.get $v)) (local.get $lo))
             (i64.eq (i64x2.extract_lane 1 (local.get $v)) (local.get $hi))))
  ;; a quiet NaN (exponent all ones, quiet bit set) in lane 0, `hi` in lane 1
  (func $nan_lo (param $v v128) (param $hi i64) (result i32)
    (i32.and (i64.eq (i64.and (i64x2.extract_lane 0 (local.get $v)) (i64.const 0x7ff8000000000000))
                     (i64.const 0x7ff8000000000000))
             (i64.eq (i64x2.extract_lane 1 (local.get $v)) (local.get $hi))))
  (func $min_ordered_and_zeros
    (if (i32.eqz (call $lanes (f64x2.min (v128.load (i32.const 0)) (v128.load (i32.const 16)))
                   (i64.const 0x3ff0000000000000) (i64.const 0x8000000000000000))) (then unreachable)))
  (func $max_ordered_and_zeros
    (if (i32.eqz (call $lanes (f64x2.max (v128.load (i32.const 0)) (v128.load (i32.const 16)))
                   (i64.const 0x4000000000000000) (i64.const 0))) (then unreachable)))
  (func $min_snan
    (if (i32.eqz (call $nan_lo (f64x2.min (v128.load (i32.const 32)) (v128.load (i32.const 16)))
                   (i64.const 0xc008000000000000))) (then unreachable)))
  (func $max_snan
    (if (i32.eqz (call $nan_lo (f64x2.max (v128.load (i32.const 0)) (v128.load (i32.const 32)))
                   (i64.const 0x8000000000000000))) (then unreachable)))
  ;; a quiet NaN in the high lane, from either operand position
  (func $max_qnan_hi
    (if (i32.eqz (i64.eq (i64.and (i64x2.extract_lane 1 (f64x2.max (v128.load (i32.const 48)) (v128.load (i32.const 0))))
                                  (i64.const 0x7ff8000000000000)) (i64.const 0x7ff8000000000000)))
      (then unreachable)))
  (func $_start (export "_start")
    (call $min_ordered_and_zeros)
    (call $max_ordered_and_zeros)
    (call $min_snan)
    (call $max_snan)
    (call $max_qnan_hi)
    (i32.store (i32.const 100) (i32.const 200))
    (i32.store (i32.const 104) (i32.const 17))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))))
