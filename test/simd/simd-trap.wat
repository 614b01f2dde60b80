;; A v128 access that straddles the end of memory traps (the spec checks the whole 16 bytes), under
;; both bounds policies, even though its value is unused.
;; RUN: %wat2wasm --enable-all %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0 && not %t0 2>&1 | FileCheck %s
;; RUN: %wasm2native -O2 %t.wasm -o %t2 && not %t2 2>&1 | FileCheck %s
;; RUN: %wasm2native -O2 --bounds-checks=explicit %t.wasm -o %t3 && not %t3 2>&1 | FileCheck %s
;; CHECK: wasm trap: out of bounds memory access
(module
  (memory 1)
  (func (export "_start")
    (drop (v128.load64_zero (i32.const 65528)))
    (drop (v128.load (i32.const 65521)))))
