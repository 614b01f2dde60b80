;; At -O2 an out-of-bounds load whose value is unused must survive optimisation (f is exported, so
;; that it is not inlined into f2 and deleted).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native --emit=llvm -O2 %t.wasm -o - | FileCheck %s
;; CHECK-LABEL: define {{.*}}void @w2n_f0_f(
;; CHECK: load i64
;; CHECK: call void asm sideeffect "", "r"(i64
(module
  (memory 1)
  (func $f (export "f") (param i32) (local i64)
    (local.set 1 (i64.load (local.get 0)))
    (drop (i32.add (i32.load8_u (local.get 0)) (i32.const 0))))
  (func (export "f2") (param i32) (call $f (local.get 0))))
