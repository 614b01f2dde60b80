;; FileCheck on --emit=llvm for the lowerings whose semantics differ from LLVM's defaults.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native --emit=llvm -O0 %t.wasm -o - | FileCheck %s

(module
  (memory 1)
  ;; CHECK-LABEL: define internal {{(tailcc )?}}i32 @w2n_f0_div_s(
  ;; CHECK: icmp eq i32 %{{.*}}, 0
  ;; CHECK: call void @w2n_trap(i32 2,
  ;; CHECK-DAG: icmp eq i32 %{{.*}}, -2147483648
  ;; CHECK-DAG: icmp eq i32 %{{.*}}, -1
  ;; CHECK: call void @w2n_trap(i32 3,
  ;; CHECK: sdiv i32
  (func $div_s (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))

  ;; INT_MIN rem -1 must be 0, not undefined behaviour: the divisor is replaced by 1.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}i32 @w2n_f1_rem_s(
  ;; CHECK: select i1 %{{.*}}, i32 1, i32
  ;; CHECK: srem i32
  (func $rem_s (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))

  ;; Shift counts are taken modulo the width.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}i64 @w2n_f2_shl(
  ;; CHECK: and i64 %{{.*}}, 63
  ;; CHECK: shl i64
  (func $shl (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal {{(tailcc )?}}i32 @w2n_f3_rotl(
  ;; CHECK: call i32 @llvm.fshl.i32
  (func $rotl (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))

  ;; min/max propagate NaN and order -0 below +0; nearest ties to even.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}float @w2n_f4_min(
  ;; CHECK: call float @llvm.minimum.f32
  (func $min (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  ;; CHECK-LABEL: define internal {{(tailcc )?}}double @w2n_f5_nearest(
  ;; CHECK: call double @llvm.nearbyint.f64
  (func $nearest (param f64) (result f64) (f64.nearest (local.get 0)))

  ;; Trapping truncation: NaN first, then the range.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}i32 @w2n_f6_trunc(
  ;; CHECK: fcmp uno double
  ;; CHECK: call void @w2n_trap(i32 4,
  ;; -2147483649.0 and 2147483648.0, exclusive:
  ;; CHECK-DAG: fcmp ogt double %{{.*}}, 0xC1E0000000200000
  ;; CHECK-DAG: fcmp olt double %{{.*}}, 0x41E0000000000000
  ;; CHECK: call void @w2n_trap(i32 3,
  ;; CHECK: fptosi double
  (func $trunc (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))

  ;; CHECK-LABEL: define internal {{(tailcc )?}}i64 @w2n_f7_trunc_sat(
  ;; CHECK: call i64 @llvm.fptoui.sat.i64.f32
  (func $trunc_sat (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))

  ;; Loads: base + zext(addr) + offset, then an empty asm that keeps the load alive.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}void @w2n_f8_dead_load(
  ;; CHECK: zext i32 %{{.*}} to i64
  ;; CHECK: add i64 %{{.*}}, 16
  ;; CHECK: load i32, ptr %{{.*}}, align 1
  ;; CHECK-NEXT: call void asm sideeffect "", "r"(i32
  (func $dead_load (param i32) (drop (i32.load offset=16 (local.get 0))))

  ;; Overlapping memory.copy is a memmove after both ranges are checked.
  ;; CHECK-LABEL: define internal {{(tailcc )?}}void @w2n_f9_copy(
  ;; CHECK: call void @w2n_trap(i32 5,
  ;; CHECK: call void @llvm.memmove
  (func $copy (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
)
