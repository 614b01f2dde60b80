;; Exports whose types a command line cannot carry, and several results.
(module
  (func (export "vec") (param v128) (result i32) (i32x4.extract_lane 0 (local.get 0)))
  (func (export "ref") (param externref) (result i32) (i32.const 1))
  (func (export "pair") (param i32) (result i32 i64 f32 f64)
    (local.get 0) (i64.extend_i32_s (local.get 0)) (f32.convert_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0)))
  (func (export "v128out") (result v128) (v128.const i32x4 1 0 0 0))
  (func (export "nullref") (result funcref externref) (ref.null func) (ref.null extern)))
