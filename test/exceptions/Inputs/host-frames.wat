;; host-frames.wat: for embed.test: wasm exceptions meet host frames (docs/exceptions.md). "outer"
;; calls the host inside a try whose handler would catch $e; the host calls "throw" back through the
;; API. The exception stops at that inner entry (W2N_EXCEPTION to the host), whatever the host then
;; does: it never unwinds the host's C frames.
(module
  (import "host" "callback" (func $callback (param i32) (result i32)))
  (tag $e (export "e") (param i32))
  (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
  (func (export "outer") (param i32) (result i32)
    (try (result i32)
      (do (call $callback (local.get 0)))
      (catch $e (i32.add (i32.const 1000)))))
  (func (export "catch_direct") (param i32) (result i32)
    (try (result i32)
      (do (call $throw (local.get 0)) (i32.const -1))
      (catch $e))))
