;; Tail calls out of legacy try bodies, through the argument area on armv7 and riscv64 ($f and $g
;; differ in type, $g has seven parameters): each return_call leaves its function's try body, so its
;; handler frame must be unlinked before the jump (docs/exceptions.md). A million steps, then $f
;; throws outside its own try body: no dead frame's handler may catch it (98, 99), only _start's:
;; 17 + 25, exit status 42.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (tag $e (param i32))
  (func $f (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (throw $e (i32.const 17))))
    (try (result i32)
      (do
        (return_call $g (i64.const 5) (local.get $n) (f64.const 2.5) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)))
      (catch $e (drop) (i32.const 99))))
  (func $g (param i64 i32 f64 i32 i32 i32 i32) (result i32)
    (try (result i32)
      (do (return_call $f (i32.sub (local.get 1) (i32.const 1))))
      (catch $e (drop) (i32.const 98))))
  (func (export "_start")
    (call $exit
      (try (result i32)
        (do (call $f (i32.const 1000000)))
        (catch $e (i32.add (i32.const 25))))))
)
