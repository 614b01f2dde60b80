;; The code of the two bounds policies side by side in one module (docs/traps-and-bounds.md): an
;; access to a 32-bit memory (guard pages) has no compare and keeps its anchored load, even in a
;; module that also has a memory64 memory; an access to the memory64 memory adds offset + size to the
;; index with an overflow check and compares with the current size before loading; in a loop the
;; memory's size and base are loaded once, before it, and each iteration pays only the check.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; CHECK-LABEL: define {{.*}} @w2n_f0_load32(
;; CHECK-NOT: icmp
;; CHECK: %mem.base = load ptr, ptr %memory, {{.*}}!invariant.load
;; CHECK-NOT: icmp
;; CHECK: call void asm sideeffect
;; CHECK-NEXT: ret i32
;; CHECK-LABEL: define {{.*}} @w2n_f1_load64(
;; CHECK: call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 %0, i64 12)
;; CHECK: call void @w2n_trap(i32 5
;; CHECK: %mem.size = load i64
;; CHECK: icmp ugt i64 %{{[0-9]+}}, %mem.size
;; CHECK: %mem.base = load ptr
;; CHECK: load i32, ptr %addr
;; CHECK-NEXT: ret i32
;; CHECK-LABEL: define {{.*}} @w2n_f2_sum64(
;; CHECK: {{^}}loop:
;; CHECK-NOT: load ptr
;; CHECK-NOT: load i64, ptr %{{[0-9]+}}, align 8
;; CHECK: @llvm.uadd.with.overflow.i64
;; CHECK-NOT: load ptr
;; CHECK: load i64, ptr %addr
;; CHECK-NOT: load ptr
;; CHECK: br i1 %{{[0-9]+}}, label %loop
(module
  (memory $m32 1) (memory $m64 i64 1)
  (func $load32 (export "load32") (param i32) (result i32) (i32.load $m32 offset=8 (local.get 0)))
  (func $load64 (export "load64") (param i64) (result i32) (i32.load $m64 offset=8 (local.get 0)))
  (func $sum64 (export "sum64") (param $n i64) (result i64) (local $i i64) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.load $m64 (local.get $i))))
      (local.set $i (i64.add (local.get $i) (i64.const 8)))
      (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
