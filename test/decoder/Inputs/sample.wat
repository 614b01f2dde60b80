(module
  (type $t (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1 2)
  (table 2 funcref)
  (global $g (mut i32) (i32.const 7))
  (elem (i32.const 0) $f $f)
  (data (i32.const 8) "abc")
  (func $f (type $t) (local i64)
    block (result i32)
      local.get 0
      global.get $g
      i32.add
      i32.load offset=4
      i32.const 1
      br_if 0
      drop
      i32.const 5
      i32.const 0
      call_indirect (type $t)
    end)
  (func (export "_start")
    (drop (call $f (i32.const 3)))
    (call $exit (i32.const 0))))
