;; return_call_indirect through a table of 3 entries: 0 is $seven (type $t), 1 is null, 2 is $other
;; (another type). The case is the number of command-line arguments: 0 calls entry 0 (exit status
;; 7), 1 calls index 5 (beyond the table), 2 entry 1 (null), 3 entry 2 (wrong type).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory 1)
  (type $t (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $seven)
  (elem (i32.const 2) $other)
  (func $seven (type $t) (i32.add (local.get 0) (i32.const 7)))
  (func $other (param i64) (result i32) (i32.const 99))
  (func $dispatch (param $case i32) (result i32)
    (local $index i32)
    (local.set $index (i32.const 0))
    (if (i32.eq (local.get $case) (i32.const 1)) (then (local.set $index (i32.const 5))))
    (if (i32.eq (local.get $case) (i32.const 2)) (then (local.set $index (i32.const 1))))
    (if (i32.eq (local.get $case) (i32.const 3)) (then (local.set $index (i32.const 2))))
    (return_call_indirect (type $t) (i32.const 0) (local.get $index)))
  (func (export "_start")
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (call $exit (call $dispatch (i32.sub (i32.load (i32.const 0)) (i32.const 1)))))
)
