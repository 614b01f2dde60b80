;; test/embed-wasi/Inputs/badtype.wat: imports WASI fd_write with a type that is not preview1's.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1))
