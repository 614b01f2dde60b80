;; shared_worker.wat: instances of this module on different host threads share one imported shared
;; memory (embed-threads.test). Cell 0: an atomic counter; cell 8: a spin/futex lock word guarding
;; the plain counter at 16; cell 32: a flag a thread waits on.
(module
  (import "env" "memory" (memory 1 1 shared))
  (func $lock
    (loop $retry
      (if (i32.atomic.rmw.cmpxchg (i32.const 8) (i32.const 0) (i32.const 1))
        (then
          (drop (memory.atomic.wait32 (i32.const 8) (i32.const 1) (i64.const 1000000)))
          (br $retry)))))
  (func $unlock
    (i32.atomic.store (i32.const 8) (i32.const 0))
    (drop (memory.atomic.notify (i32.const 8) (i32.const 1))))
  ;; n rounds of an atomic add (of 1 at cell 0, of 1 at the 64-bit cell 24) and a locked plain increment.
  (func (export "add") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (drop (i64.atomic.rmw.add (i32.const 24) (i64.const 1)))
      (call $lock)
      (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.const 1)))
      (call $unlock)
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; Blocks until cell 32 is non-zero; returns it.
  (func (export "wait_flag") (result i32)
    (loop $l
      (if (i32.eqz (i32.atomic.load (i32.const 32)))
        (then
          (drop (memory.atomic.wait32 (i32.const 32) (i32.const 0) (i64.const -1)))
          (br $l))))
    (i32.atomic.load (i32.const 32)))
  (func (export "set_flag") (param i32) (result i32)
    (i32.atomic.store (i32.const 32) (local.get 0))
    (memory.atomic.notify (i32.const 32) (i32.const -1)))
  ;; Traps with "unaligned atomic" (on this thread only).
  (func (export "unaligned") (result i32) (i32.atomic.load (i32.const 2)))
  (func (export "wait_timeout") (result i32)
    (memory.atomic.wait64 (i32.const 40) (i64.const 0) (i64.const 20000000)))
)
