;; names.wat: export names that are not C identifiers, and that collide once made into one (cli.test).
(module
  (func (export "f.x") (result i32) (i32.const 1))
  (func (export "f_x") (result i32) (i32.const 2))
  (func (export "") (result i32) (i32.const 3))
  (func (export "2nd") (param v128 externref) (result v128 i64) (local.get 0) (i64.const 4))
  (global (export "*/ g") f64 (f64.const 1.5)))
