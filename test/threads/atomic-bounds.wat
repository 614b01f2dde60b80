;; Atomic accesses trap out of bounds exactly like plain ones, under each bounds policy: a guarded
;; 32-bit memory (the fault handler), --bounds-checks=explicit, a memory64 memory (an explicit check
;; with overflow: addresses at and beyond 4 GiB, and offset + address wrapping 2^64) and a second
;; memory (multi-memory); the last in-bounds aligned cell works. Alignment is checked before bounds
;; ("unaligned atomic" even out of bounds, as the reference interpreter does), and on the effective
;; address (offset included). On an unshared memory, wait traps ("expected shared memory") and
;; notify returns 0.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasm2native -O2 %t.wasm -o %t
;; RUN: %t --invoke=last32 | FileCheck %s --check-prefix=LAST
;; RUN: not %t --invoke=oob32 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %t --invoke=oob64 0x10000 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %t --invoke=oob64 0x100000000 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %t --invoke=oob64 0xfffffffffffffff8 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: %t --invoke=last64 | FileCheck %s --check-prefix=LAST
;; RUN: not %t --invoke=oob_mem1 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %t --invoke=unaligned_oob 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %t --invoke=unaligned_offset 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %t --invoke=wait_unshared 2>&1 | FileCheck %s --check-prefix=UNSHARED
;; RUN: %t --invoke=notify_unshared | FileCheck %s --check-prefix=ZERO
;; RUN: %wasm2native -O0 --bounds-checks=explicit %t.wasm -o %te
;; RUN: not %te --invoke=oob32 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: %te --invoke=last32 | FileCheck %s --check-prefix=LAST
;; RUN: not %te --invoke=oob64 0x100000000 2>&1 | FileCheck %s --check-prefix=OOB
;; LAST: 7
;; OOB: wasm trap: out of bounds memory access
;; UNALIGNED: wasm trap: unaligned atomic
;; UNSHARED: wasm trap: expected shared memory
;; ZERO: 0
(module
  (memory $m0 1 1 shared)
  (memory $m64 i64 1 1 shared)
  (memory $m1 1 1)
  (func (export "last32") (result i64)
    (drop (i64.atomic.rmw.xchg (i32.const 65528) (i64.const 7)))
    (i64.atomic.load (i32.const 65528)))
  (func (export "oob32") (result i32)
    (i32.atomic.rmw.add offset=4 (i32.const 65532) (i32.const 1)))
  (func (export "oob64") (param i64) (result i64)
    (i64.atomic.rmw.cmpxchg 1 (local.get 0) (i64.const 0) (i64.const 1)))
  (func (export "last64") (result i32)
    (i32.atomic.store16 1 (i64.const 65534) (i32.const 7))
    (i32.atomic.load16_u 1 (i64.const 65534)))
  (func (export "oob_mem1") (result i32)
    (i32.atomic.load 2 (i32.const 65536)))
  (func (export "unaligned_oob") (result i32)
    (i32.atomic.load (i32.const 0x7fffffff)))
  (func (export "unaligned_offset") (result i64)
    (i64.atomic.load offset=4 (i32.const 0)))
  (func (export "wait_unshared") (result i32)
    (memory.atomic.wait32 2 (i32.const 0) (i32.const 0) (i64.const 0)))
  (func (export "notify_unshared") (result i32)
    (memory.atomic.notify 2 (i32.const 0) (i32.const 1)))
)
