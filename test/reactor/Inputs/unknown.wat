;; Imports that neither WASI nor a host object provides: two of env, one of another module.
(module
  (import "env" "answer" (func $answer (param i32) (result i32)))
  (import "env" "pair" (func $pair (result f64 i64)))
  (import "other.mod" "notify" (func $notify))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (func (export "ask") (param i32) (result i32) (call $answer (local.get 0)))
  (func (export "pair") (result f64 i64) (call $pair))
  (func (export "notify") (call $notify))
  (func (export "safe") (result i32) (i32.const 7)))
