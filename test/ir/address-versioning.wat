;; Loops whose i32 addresses are versioned (compiler/lib/CodeGen/AddressVersioning.cpp): a fast copy,
;; taken when a check before the loop proves that no address zext(p + C) wraps and that written
;; streams do not overlap the others, sees affine 64-bit addresses and is vectorized; otherwise the
;; original loop runs. _start exits with the number of the first check that fails (0: all pass).
;; Each case breaks if the pass goes wrong: `wrapping` reads p + 16 that wraps to a small address
;; (a fast copy taken wrongly reads 4 GiB higher and traps); `overlap` and the third axpy carry a
;; dependence through overlapping streams (a fast copy taken wrongly computes other values).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasm2native -O0 %t.wasm -o %t0 && %t0
;; RUN: %wasm2native -O2 %t.wasm -o %t2 && %t2
;; RUN: %wasm2native -O3 %t.wasm -o %t3 && %t3
;; RUN: %wasm2native -O2 --cpu=generic %t.wasm -o %tg && %tg
;; RUN: %wasm2native -O2 --target=aarch64-linux %t.wasm -o %ta
;; RUN: %wasm2native -O2 --target=riscv64-linux %t.wasm -o %tr
;; The fast copy of axpy is vectorized with the streams' alias scopes; the fallback stays.
;; RUN: %wasm2native -O2 --emit=llvm %t.wasm -o - | FileCheck %s
;; CHECK-LABEL: define {{.*}} @w2n_f{{[0-9]+}}_axpy(
;; CHECK: w2n.wrap:
;; CHECK: load <{{[0-9]+}} x double>{{.*}}!noalias
;; CHECK-LABEL: define {{.*}} @w2n_f{{[0-9]+}}_downward(
;; CHECK: w2n.wrap:
;; CHECK-LABEL: define {{.*}} @w2n_f{{[0-9]+}}_double_into(
;; CHECK: w2n.wrap:
;; CHECK: load <{{[0-9]+}} x double>{{.*}}!noalias
;; With fewer than 8 trips (n < 240 here) the original loop runs without computing the checks.
;; CHECK-LABEL: define {{.*}} @w2n_f{{[0-9]+}}_copy32(
;; CHECK: %w2n.enough = icmp
;; CHECK-NEXT: br i1 %w2n.enough, label %{{.*}}w2n.checks, label %{{.*}}w2n.wrap
;; CHECK: w2n.wrap:
;; CHECK: load <{{[0-9]+}} x i64>{{.*}}!noalias
;; CHECK: w2n.trip
;; CHECK-LABEL: define {{.*}} @w2n_f{{[0-9]+}}__start(
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 2)
  ;; 0, but not a constant to the optimiser: the loops keep their unknown bounds and bases.
  (global $z (mut i32) (i32.const 0))
  ;; Fills mem[16k] (i32) with k, k < 200; other bytes 0.
  (func $fill (local $k i32)
    (loop $l
      (i32.store (i32.shl (local.get $k) (i32.const 4)) (local.get $k))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 200)))))
  ;; Reads through p + 16 with p starting at -16: every p + 16 wraps to a small address. A fast loop
  ;; using zext(p) + 16 would read 4 GiB higher and fault.
  (func $wrapping (export "wrapping") (param $p i32) (param $n i32) (result i32) (local $sum i32) (local $k i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $p) (i32.const 16)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (local.get $sum))
  ;; (The unrolled loops count to n & -2 with i32.ne, as clang's do, so their trip count is known.)
  ;; dst[i] = src[i] + 1 with dst = src + 4: a loop-carried dependence through memory that only a
  ;; check of the two streams' overlap can see.
  (func $overlap (export "overlap") (param $src i32) (param $dst i32) (param $n i32) (local $k i32)
    (loop $l
      (i32.store (local.get $dst) (i32.add (i32.load (local.get $src)) (i32.const 1)))
      (i32.store (i32.add (local.get $dst) (i32.const 4)) (i32.add (i32.load (i32.add (local.get $src) (i32.const 4))) (i32.const 1)))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
      (local.set $k (i32.add (local.get $k) (i32.const 2)))
      (br_if $l (i32.ne (local.get $k) (i32.and (local.get $n) (i32.const -2))))))
  ;; c[j] += a * b[j], unrolled by two with the second address as p + 8, as clang emits for wasm:
  ;; the loop the versioning exists for (its fast copy is vectorized).
  (func $axpy (export "axpy") (param $c i32) (param $b i32) (param $a f64) (param $n i32) (local $k i32) (local $t i32)
    (loop $l
      (f64.store (local.get $c) (f64.add (f64.mul (local.get $a) (f64.load (local.get $b))) (f64.load (local.get $c))))
      (local.set $t (i32.add (local.get $c) (i32.const 8)))
      (f64.store (local.get $t) (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $b) (i32.const 8)))) (f64.load (local.get $t))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $k (i32.add (local.get $k) (i32.const 2)))
      (br_if $l (i32.ne (local.get $k) (i32.and (local.get $n) (i32.const -2))))))
  ;; Walks down with p - 8: a negative step and a negative constant.
  (func $downward (export "downward") (param $p i32) (param $n i32) (result i32) (local $sum i32) (local $k i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $p) (i32.const -16)))))
      (local.set $p (i32.add (local.get $p) (i32.const -16)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (local.get $sum))
;; dst[j] = 2 * src[j] through end + off, with off counting up from -8n to zero, as clang's loop
  ;; strength reduction writes loops: once IndVarSimplify has widened off, InstCombine tests
  ;; `(off & 0xfffffff8) == 0`, whose trips ScalarEvolution cannot count until the pass restores
  ;; `trunc(off) == 0` (heat-3d's loops; without it they were neither versioned nor vectorized).
  ;; ScalarEvolution counts up to 100 trips of the masked test by trying them: this loop has 200.
  ;; 200 elements: a constant count lets IndVarSimplify widen the counter.
  (func $double_into (export "double_into") (param $dst_end i32) (param $src_end i32) (local $off i32)
    (local.set $off (i32.const -1600))
    (loop $l
      (f64.store (i32.add (local.get $dst_end) (local.get $off))
        (f64.mul (f64.const 2) (f64.load (i32.add (local.get $src_end) (local.get $off)))))
      (local.set $off (i32.add (local.get $off) (i32.const 8)))
      (br_if $l (local.get $off))))
;; Copies 32 bytes a trip while n - 32 >u 15, as clang unrolls musl's memcpy loop: unless n starts
  ;; at most 15 above a multiple of 32, n steps over [0, 15] and wraps, so its trip count holds only
  ;; under a check, and the fast copy counts its trips instead (durbin spends a quarter of its time
  ;; in wasi-libc's memcpy).
  (func $copy32 (export "copy32") (param $d i32) (param $s i32) (param $n i32)
    (loop $l
      (i64.store (local.get $d) (i64.load (local.get $s)))
      (i64.store (i32.add (local.get $d) (i32.const 8)) (i64.load (i32.add (local.get $s) (i32.const 8))))
      (i64.store (i32.add (local.get $d) (i32.const 16)) (i64.load (i32.add (local.get $s) (i32.const 16))))
      (i64.store (i32.add (local.get $d) (i32.const 24)) (i64.load (i32.add (local.get $s) (i32.const 24))))
      (local.set $d (i32.add (local.get $d) (i32.const 32)))
      (local.set $s (i32.add (local.get $s) (i32.const 32)))
      (local.set $n (i32.sub (local.get $n) (i32.const 32)))
      (br_if $l (i32.gt_u (local.get $n) (i32.const 15)))))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func $sum_f64 (param $p i32) (param $n i32) (result f64) (local $s f64) (local $k i32)
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (local.get $s))
  (func $_start (export "_start") (local $k i32)
    (call $fill)
    ;; 0 + 1 + ... + 99
    (call $check (i32.eq (call $wrapping (i32.add (global.get $z) (i32.const -16)) (i32.add (global.get $z) (i32.const 100))) (i32.const 4950)) (i32.const 1))
    ;; mem[16k] for k = 1..100 from 1600 down: 100 + 99 + ... + 1
    (call $check (i32.eq (call $downward (i32.add (global.get $z) (i32.const 1616)) (i32.add (global.get $z) (i32.const 100))) (i32.const 5050)) (i32.const 2))
    ;; Overlap: from 65536 (zeros), dst = src + 4: element i becomes i.
    (call $overlap (i32.add (global.get $z) (i32.const 65536)) (i32.add (global.get $z) (i32.const 65540)) (i32.add (global.get $z) (i32.const 100)))
    (call $check (i32.eq (i32.load (i32.const 65936)) (i32.const 100)) (i32.const 3))
    (call $check (i32.eq (i32.load (i32.const 65736)) (i32.const 50)) (i32.const 4))
    ;; axpy: b[j] = j, c[j] = 1 over 200 doubles; c = 1 + 2 * j, summed: 200 + 2 * 19900
    (loop $l
      (f64.store (i32.add (i32.const 70000) (i32.shl (local.get $k) (i32.const 3))) (f64.convert_i32_u (local.get $k)))
      (f64.store (i32.add (i32.const 80000) (i32.shl (local.get $k) (i32.const 3))) (f64.const 1))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 200))))
    (call $axpy (i32.add (global.get $z) (i32.const 80000)) (i32.add (global.get $z) (i32.const 70000)) (f64.const 2) (i32.add (global.get $z) (i32.const 200)))
    (call $check (f64.eq (call $sum_f64 (i32.const 80000) (i32.const 200)) (f64.const 40000)) (i32.const 5))
    ;; axpy in place (c = b): c = j + 2 * j
    (call $axpy (i32.add (global.get $z) (i32.const 70000)) (i32.add (global.get $z) (i32.const 70000)) (f64.const 2) (i32.add (global.get $z) (i32.const 200)))
    (call $check (f64.eq (call $sum_f64 (i32.const 70000) (i32.const 200)) (f64.const 59700)) (i32.const 6))
    ;; axpy with c = b + 8, overlapping by one element: each c[j] adds the c[j-1] just written: prefix sums of 3j, 3 * 20 * 21 / 2 at j = 20
    (call $axpy (i32.add (global.get $z) (i32.const 70008)) (i32.add (global.get $z) (i32.const 70000)) (f64.const 1) (i32.add (global.get $z) (i32.const 20)))
    (call $check (f64.eq (f64.load (i32.const 70160)) (f64.const 630)) (i32.const 7))
;; double_into: src[j] = j at 90000 for j < 200, dst at 100000: the sum of 2j is 39800.
    (local.set $k (i32.const 0))
    (loop $l
      (f64.store (i32.add (i32.const 90000) (i32.shl (local.get $k) (i32.const 3))) (f64.convert_i32_u (local.get $k)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 200))))
    (call $double_into (i32.add (global.get $z) (i32.const 101600)) (i32.add (global.get $z) (i32.const 91600)))
    (call $check (f64.eq (call $sum_f64 (i32.const 100000) (i32.const 200)) (f64.const 39800)) (i32.const 8))
    ;; In place one element ahead (dst = src + 8): each element doubles the one just written, so
    ;; element 200 is 2^200 times element 0 (1 after this store), not 2 * 199.
    (f64.store (i32.const 90000) (f64.const 1))
    (call $double_into (i32.add (global.get $z) (i32.const 91608)) (i32.add (global.get $z) (i32.const 91600)))
    (call $check (f64.eq (f64.load (i32.const 91600)) (f64.const 0x1p+200)) (i32.const 9))
;; copy32 of 264 bytes from 0 (i32 k at 16k, zeros between) to 110000: 8 trips, 256 bytes.
    (call $copy32 (i32.add (global.get $z) (i32.const 110000)) (global.get $z) (i32.add (global.get $z) (i32.const 264)))
    (call $check (i32.eq (i32.load (i32.const 110240)) (i32.const 15)) (i32.const 10))
    (call $check (i32.eqz (i32.load (i32.const 110256))) (i32.const 11))
    ;; 40 bytes: n - 32 = 8 stops at once, after 32 bytes.
    (call $copy32 (i32.add (global.get $z) (i32.const 110400)) (global.get $z) (i32.add (global.get $z) (i32.const 40)))
    (call $check (i32.eq (i32.load (i32.const 110416)) (i32.const 1)) (i32.const 12))
    (call $check (i32.eqz (i32.load (i32.const 110432))) (i32.const 13))
    ;; Overlapping, d = s + 8: every i64 copies the one just written, so 7 spreads over 72 bytes.
    (i64.store (i32.const 120000) (i64.const 7))
    (call $copy32 (i32.add (global.get $z) (i32.const 120008)) (i32.add (global.get $z) (i32.const 120000)) (i32.add (global.get $z) (i32.const 72)))
    (call $check (i64.eq (i64.load (i32.const 120064)) (i64.const 7)) (i32.const 14))
    (call $exit (i32.const 0)))
)
