;; Exports two memories of different index types (embed.test).
(module
  (memory (export "small") 1 2)
  (memory (export "big") i64 2)
  (data (memory 1) (i64.const 0x10000) "\2a")
  (func (export "peek_big") (param i64) (result i32) (i32.load8_u 1 (local.get 0))))
