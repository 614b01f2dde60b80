;; memory.grow without a declared maximum: the wasm limit of 65536 pages is enforced, moderate growth
;; works and keeps contents. Exit status 0 and "grow-unbounded ok", or the first failing check.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory 1)
  (data (i32.const 200) "grow-unbounded ok\n")
  (global $fail (mut i32) (i32.const 0))
  (func $check (param $n i32) (param $ok i32)
    (if (i32.and (i32.eqz (local.get $ok)) (i32.eqz (global.get $fail)))
      (then (global.set $fail (local.get $n)))))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 777))
    (call $check (i32.const 1) (i32.eq (memory.grow (i32.const 65536)) (i32.const -1)))
    (call $check (i32.const 2) (i32.eq (memory.grow (i32.const 1600)) (i32.const 1))) ;; 100 MiB
    (call $check (i32.const 3) (i32.eq (memory.size) (i32.const 1601)))
    (i64.store (i32.const 104923128) (i64.const -1)) ;; last 8 bytes of page 1601
    (call $check (i32.const 4) (i64.eq (i64.load (i32.const 104923128)) (i64.const -1)))
    (call $check (i32.const 5) (i32.eq (memory.grow (i32.const 63936)) (i32.const -1))) ;; 65537 pages
    (call $check (i32.const 6) (i32.eq (i32.load (i32.const 0)) (i32.const 777)))
    (call $check (i32.const 7) (i32.eq (i32.load (i32.const 52428800)) (i32.const 0)))
    (if (global.get $fail) (then (call $proc_exit (global.get $fail))))
    (i32.store (i32.const 100) (i32.const 200))
    (i32.store (i32.const 104) (i32.const 18))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))))
