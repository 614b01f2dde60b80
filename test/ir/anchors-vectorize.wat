;; Load anchors do not stop the loop vectorizer: at -O2 a loop whose loads are dead (or whose sum is
;; dropped) is widened, and each widened load keeps a vector anchor (an empty asm taking the whole
;; vector in an xmm register, as bytes), so the wide load still happens and still faults out of bounds.
;; test/traps runs such loops to the fault; this test pins down that they are vectorized at all.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native --emit=llvm -O2 --target=x86_64-linux --cpu=x86-64 %t.wasm -o - | FileCheck %s
;; No placeholder call survives the lowering.
;; CHECK-NOT: w2n_keep_
;; CHECK-LABEL: define {{.*}} @w2n_f0_dead(
;; CHECK: [[V:%.*]] = load <4 x i32>
;; CHECK: [[VB:%.*]] = bitcast <4 x i32> [[V]] to <16 x i8>
;; CHECK: call void asm sideeffect "", "x"(<16 x i8> [[VB]])
;; CHECK-LABEL: define {{.*}} @w2n_f1_dropped_sum(
;; CHECK: [[W:%.*]] = load <4 x float>
;; CHECK: [[WB:%.*]] = bitcast <4 x float> [[W]] to <16 x i8>
;; CHECK: call void asm sideeffect "", "x"(<16 x i8> [[WB]])
;; CHECK-NOT: w2n_keep_
(module
  (memory 1)
  (func $dead (export "dead") (param $n i32) (local $i i32)
    (loop $l
      (drop (i32.load (i32.shl (local.get $i) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func $dropped_sum (export "sum") (param $n i32) (local $i i32) (local $s f32)
    (loop $l
      (local.set $s (f32.add (local.get $s) (f32.load (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))
