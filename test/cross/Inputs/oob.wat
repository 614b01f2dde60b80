;; Out-of-bounds accesses must trap: at the end of memory (after a grow, too), and with a static offset
;; that takes the effective address past 4 GiB (on a 32-bit target it must not wrap around).
;; With no argument the boundary case runs, with any argument the wrapping one.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 200) "in bounds ok\n")
  (func $load (param $a i32) (result i32) (i32.load (local.get $a)))
  (func $load_far (param $a i32) (result i32) (i32.load offset=0xfffffff0 (local.get $a)))
  (func $_start (export "_start")
    (drop (call $load (i32.const 65532)))
    (drop (memory.grow (i32.const 1)))
    (drop (call $load (i32.const 131068)))
    (i32.store (i32.const 100) (i32.const 200))
    (i32.store (i32.const 104) (i32.const 13))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (if (i32.ge_u (i32.load (i32.const 0)) (i32.const 2))
      (then (drop (call $load_far (i32.const 0x20))))
      (else (drop (call $load (i32.const 131069)))))))
