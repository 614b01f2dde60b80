;; counter.wat: a small module to embed in a C program (docs/embedding.md).
;; It keeps a running total in an exported global, reports each addition through a host function, has
;; an exported memory, and has functions that trap on bad input.
(module
  (import "env" "log" (func $log (param i32 i64)))
  (memory (export "memory") 1)
  (global $total (export "total") (mut i64) (i64.const 0))
  (func (export "add") (param $n i32) (result i64)
    (global.set $total (i64.add (global.get $total) (i64.extend_i32_u (local.get $n))))
    (call $log (local.get $n) (global.get $total))
    (global.get $total))
  (func (export "average") (param $sum i32) (param $count i32) (result i32)
    (i32.div_u (local.get $sum) (local.get $count)))
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr))))
