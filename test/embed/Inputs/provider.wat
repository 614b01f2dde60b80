;; provider.wat: exports one of each kind, for linking.test.
(module
  (memory (export "mem") 1 2)
  (table (export "tab") 4 8 funcref)
  (global (export "counter") (mut i32) (i32.const 10))
  (global (export "fixed") i64 (i64.const 7))
  (func $double (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $negate (param f32) (result f32) (f32.neg (local.get 0)))
  (elem (i32.const 0) $double $negate)
  (func (export "run") (result i32) (i32.load (i32.const 16))))
