;; Imports an executable has nothing to give: a memory, a table and a global.
(module
  (import "env" "memory" (memory 1))
  (import "env" "table" (table 1 funcref))
  (import "env" "g" (global i32))
  (func (export "_start")))
