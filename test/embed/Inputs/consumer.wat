;; consumer.wat: imports everything provider.wat exports, for linking.test. Its own "run" export must
;; not clash with the provider's.
(module
  (import "provider" "mem" (memory 1))
  (import "provider" "tab" (table 4 funcref))
  (import "provider" "counter" (global $counter (mut i32)))
  (import "provider" "fixed" (global $fixed i64))
  (import "provider" "double" (func $double (param i32) (result i32)))
  (type $i2i (func (param i32) (result i32)))
  (func (export "run") (param i32) (result i32)
    ;; memory: store where provider's "run" loads
    (i32.store (i32.const 16) (call $double (local.get 0)))
    ;; global: shared cell
    (global.set $counter (i32.add (global.get $counter) (i32.wrap_i64 (global.get $fixed))))
    (global.get $counter))
  ;; call_indirect through the shared table: slot 0 is $double (same type), slot 1 is $negate (not)
  (func (export "call_slot") (param i32 i32) (result i32)
    (call_indirect (type $i2i) (local.get 1) (local.get 0))))
