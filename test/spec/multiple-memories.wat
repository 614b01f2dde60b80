;; Wasm 2.0 has one memory: two imported memories (or an imported and a defined one) are invalid
;; ("multiple memories"). Regression: only defined memories were counted.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: not %wasm2native --emit=obj %t.wasm -o %t.o 2>&1 | FileCheck %s
;; CHECK: error: {{.*}}multiple memories
(module
  (import "a" "m1" (memory 1))
  (import "a" "m2" (memory 1)))
