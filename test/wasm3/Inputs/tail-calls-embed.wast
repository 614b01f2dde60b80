;; Tail calls through the argument area in embedded modules on x86-64 (spec-test script, run by
;; test/wasm3/tail-calls-embed.test through the embedding runner): four results do not fit tailcc's
;; return registers, so these chains go between .tail bodies (docs/tail-calls.md). $A: a million
;; steps between functions of two types, ending in a direct tail call. $B: a million steps through
;; return_call_indirect of itself (the in-instance table of .tail bodies), ending in one of element 0,
;; $A's function imported (a descriptor without a .tail body here: the ordinary-call thunk; its
;; import thunk returns four results through memory, so it calls $A's code the ordinary way).
(module $A
  (func $g (export "g") (param i32 i64) (result i32 i32 i32 i32)
    (local.get 0) (i32.const 2) (i32.const 3) (i32.wrap_i64 (local.get 1)))
  (func $down (export "down") (param i32 i64) (result i32 i32 i32 i32)
    (if (i32.eqz (local.get 0)) (then (return_call $g (i32.const 1) (local.get 1))))
    (return_call $down2 (i32.sub (local.get 0) (i32.const 1)) (local.get 1) (f64.const 1)))
  (func $down2 (param i32 i64 f64) (result i32 i32 i32 i32)
    (return_call $down (local.get 0) (local.get 1)))
)
(register "A" $A)
(assert_return (invoke $A "down" (i32.const 1000000) (i64.const 4)) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))
(module $B
  (import "A" "g" (func $ag (param i32 i64) (result i32 i32 i32 i32)))
  (type $t (func (param i32 i64) (result i32 i32 i32 i32)))
  (table 2 funcref)
  (elem (i32.const 0) $ag $self)
  (func $self (export "self") (param i32 i64) (result i32 i32 i32 i32)
    (if (i32.eqz (local.get 0))
      (then (return_call_indirect (type $t) (i32.const 9) (local.get 1) (i32.const 0))))
    (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (local.get 1) (i32.const 1)))
)
(assert_return (invoke $B "self" (i32.const 1000000) (i64.const 8)) (i32.const 9) (i32.const 2) (i32.const 3) (i32.const 8))
