;; v128 memory instructions: load/store, load*x*_s/u, load*_splat, load*_zero, load*_lane and
;; store*_lane, with memarg offsets, unaligned addresses, and accesses ending exactly at the end of
;; memory (which must not trap), under both bounds policies.
;; RUN: %wat2wasm --enable-all %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0 && %t0 | FileCheck %s
;; RUN: %wasm2native -O2 %t.wasm -o %t2 && %t2 | FileCheck %s
;; RUN: %wasm2native -O2 --bounds-checks=explicit %t.wasm -o %t3 && %t3 | FileCheck %s
;; CHECK-NOT: FAIL
;; CHECK: all ok
(module
  ;; Reporting: $check prints "FAIL <id>" for a false condition; _start prints "all ok" at the end
  ;; if nothing failed. Operands go through $o, which xors with a mutable global LLVM cannot see,
  ;; so -O2 computes at run time instead of constant-folding.
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "FAIL 000\n")
  (data (i32.const 32) "all ok\n")
  (global $fails (mut i32) (i32.const 0))
  (global $zero (mut v128) (v128.const i64x2 0 0))
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $check (param $ok i32) (param $id i32)
    (if (local.get $ok) (then (return)))
    (global.set $fails (i32.add (global.get $fails) (i32.const 1)))
    (i32.store8 (i32.const 21) (i32.add (i32.const 48) (i32.div_u (local.get $id) (i32.const 100))))
    (i32.store8 (i32.const 22)
      (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $id) (i32.const 10)) (i32.const 10))))
    (i32.store8 (i32.const 23) (i32.add (i32.const 48) (i32.rem_u (local.get $id) (i32.const 10))))
    (call $print (i32.const 16) (i32.const 9)))
  (func $done
    (if (i32.eqz (global.get $fails)) (then (call $print (i32.const 32) (i32.const 7)))))
  (func $o (param v128) (result v128) (v128.xor (local.get 0) (global.get $zero)))
  (func $eq (param v128 v128) (result i32)
    (i32.and (i64.eq (i64x2.extract_lane 0 (local.get 0)) (i64x2.extract_lane 0 (local.get 1)))
             (i64.eq (i64x2.extract_lane 1 (local.get 0)) (i64x2.extract_lane 1 (local.get 1)))))
  ;; bytes 0x80 0x81 ... 0x8f at 256, then 0x01 0x02 ... at 272
  (data (i32.const 256) "\80\81\82\83\84\85\86\87\88\89\8a\8b\8c\8d\8e\8f\01\02\03\04\05\06\07\08")
  (func (export "_start")
    (call $check (call $eq (v128.load offset=6 (i32.const 250))
                           (v128.const i8x16 0x80 0x81 0x82 0x83 0x84 0x85 0x86 0x87 0x88 0x89 0x8a 0x8b 0x8c 0x8d 0x8e 0x8f)) (i32.const 1))
    (call $check (call $eq (v128.load align=1 (i32.const 257))
                           (v128.const i8x16 0x81 0x82 0x83 0x84 0x85 0x86 0x87 0x88 0x89 0x8a 0x8b 0x8c 0x8d 0x8e 0x8f 0x01)) (i32.const 2))
    (call $check (call $eq (v128.load8x8_s (i32.const 256)) (v128.const i16x8 -128 -127 -126 -125 -124 -123 -122 -121)) (i32.const 3))
    (call $check (call $eq (v128.load8x8_u (i32.const 256)) (v128.const i16x8 128 129 130 131 132 133 134 135)) (i32.const 4))
    (call $check (call $eq (v128.load16x4_s (i32.const 256)) (v128.const i32x4 -32384 -31870 -31356 -30842)) (i32.const 5))
    (call $check (call $eq (v128.load16x4_u (i32.const 256)) (v128.const i32x4 0x8180 0x8382 0x8584 0x8786)) (i32.const 6))
    (call $check (call $eq (v128.load32x2_s offset=12 (i32.const 256)) (v128.const i64x2 0xffffffff8f8e8d8c 0x04030201)) (i32.const 7))
    (call $check (call $eq (v128.load32x2_u (i32.const 256)) (v128.const i64x2 0x83828180 0x87868584)) (i32.const 8))
    (call $check (call $eq (v128.load8_splat (i32.const 271)) (v128.const i8x16 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f 0x8f)) (i32.const 9))
    (call $check (call $eq (v128.load16_splat (i32.const 272)) (v128.const i16x8 0x201 0x201 0x201 0x201 0x201 0x201 0x201 0x201)) (i32.const 10))
    (call $check (call $eq (v128.load32_splat offset=1 (i32.const 271)) (v128.const i32x4 0x04030201 0x04030201 0x04030201 0x04030201)) (i32.const 11))
    (call $check (call $eq (v128.load64_splat (i32.const 272)) (v128.const i64x2 0x0807060504030201 0x0807060504030201)) (i32.const 12))
    (call $check (call $eq (v128.load32_zero (i32.const 272)) (v128.const i32x4 0x04030201 0 0 0)) (i32.const 13))
    (call $check (call $eq (v128.load64_zero (i32.const 272)) (v128.const i64x2 0x0807060504030201 0)) (i32.const 14))
    (call $check (call $eq (v128.load8_lane 5 (i32.const 272) (call $o (v128.const i64x2 -1 -1)))
                           (v128.const i8x16 -1 -1 -1 -1 -1 1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1)) (i32.const 15))
    (call $check (call $eq (v128.load16_lane 7 (i32.const 272) (call $o (v128.const i64x2 0 0)))
                           (v128.const i16x8 0 0 0 0 0 0 0 0x0201)) (i32.const 16))
    (call $check (call $eq (v128.load32_lane 1 (i32.const 273) (call $o (v128.const i32x4 9 9 9 9)))
                           (v128.const i32x4 9 0x05040302 9 9)) (i32.const 17))
    (call $check (call $eq (v128.load64_lane offset=16 1 (i32.const 256) (call $o (v128.const i64x2 3 3)))
                           (v128.const i64x2 3 0x0807060504030201)) (i32.const 18))
    ;; stores, then read back as scalars
    (v128.store offset=300 (i32.const 1) (v128.const i32x4 0x11111111 0x22222222 0x33333333 0x44444444))
    (call $check (i32.eq (i32.load (i32.const 313)) (i32.const 0x44444444)) (i32.const 19))
    (call $check (i32.eq (i32.load (i32.const 301)) (i32.const 0x11111111)) (i32.const 20))
    (v128.store8_lane 15 (i32.const 400) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0xab))
    (v128.store16_lane offset=2 1 (i32.const 400) (v128.const i16x8 0 0xcdef 0 0 0 0 0 0))
    (v128.store32_lane 3 (i32.const 404) (v128.const i32x4 0 0 0 0x01234567))
    (v128.store64_lane 0 (i32.const 408) (v128.const i64x2 0x7766554433221100 -1))
    (call $check (i32.eq (i32.load (i32.const 400)) (i32.const 0xcdef00ab)) (i32.const 21))
    (call $check (i32.eq (i32.load (i32.const 404)) (i32.const 0x01234567)) (i32.const 22))
    (call $check (i64.eq (i64.load (i32.const 408)) (i64.const 0x7766554433221100)) (i32.const 23))
    (call $check (i32.eqz (i32.load (i32.const 416))) (i32.const 24))
    ;; accesses that end exactly at the end of memory
    (v128.store (i32.const 65520) (v128.const i64x2 5 6))
    (call $check (call $eq (v128.load (i32.const 65520)) (v128.const i64x2 5 6)) (i32.const 25))
    (call $check (call $eq (v128.load64_zero (i32.const 65528)) (v128.const i64x2 6 0)) (i32.const 26))
    (call $check (call $eq (v128.load8_splat (i32.const 65535)) (v128.const i64x2 0 0)) (i32.const 27))
    (v128.store64_lane 1 (i32.const 65528) (v128.const i64x2 0 7))
    (call $check (i64.eq (i64.load (i32.const 65528)) (i64.const 7)) (i32.const 28))
    (call $done))
)
