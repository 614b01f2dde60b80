;; test/embed-wasi/Inputs/edges.wat: a WASI module for edges.test. Its start function calls proc_exit
;; when the global "exit_in_start" (imported, so the host decides) is non-zero; read0 reads one byte
;; from fd 0 and returns the WASI errno; write_to(fd) writes "hi\n" to fd and returns the errno;
;; host_twice calls the host import env.twice.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "env" "exit_in_start" (global $exit_in_start i32))
  (memory (export "memory") 1)
  (data (i32.const 64) "hi\n")
  (func $start
    (if (global.get $exit_in_start) (then (call $exit (i32.const 42)))))
  (start $start)
  (func (export "read0") (result i32)
    ;; iovec at 0: {buf 32, len 1}; nread at 16
    (i32.store (i32.const 0) (i32.const 32))
    (i32.store (i32.const 4) (i32.const 1))
    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
  (func (export "write_to") (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 3))
    (call $write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 16)))
  (func (export "host_twice") (param i32) (result i32)
    (call $twice (local.get 0))))
